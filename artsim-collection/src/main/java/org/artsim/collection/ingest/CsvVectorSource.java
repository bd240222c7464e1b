package org.artsim.collection.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;

/**
 * Rows of a CSV vector file, read with the catalogue's {@link Csv.Reader} (strict RFC 4180, UTF-8,
 * one record in memory at a time): the id from {@code idColumn}, the vector from one column holding
 * a JSON array or from one column per value, labels from {@code labelColumns}. A header without the
 * id, vector or label columns is refused before any row is read.
 */
final class CsvVectorSource implements VectorSource {
  private final InputStream in;
  private final Csv.Reader csv;
  private final int headerSize;
  private final int idIndex;
  private final List<String> vectorColumns;
  private final int[] vectorIndex;
  private final List<String> labelColumns;
  private final Map<String, Integer> columns = new HashMap<>();

  CsvVectorSource(Path file, VectorImportOptions o) throws IOException {
    this.in = Files.newInputStream(file);
    try {
      this.csv = new Csv.Reader(in, o.maxRowBytes());
      Csv.Row header = csv.next();
      if (header == null) {
        throw new InvalidArgumentException("the vector file " + file + " is empty; a CSV vector file starts with a header row such as id,vector");
      }
      if (header.problem() != null) {
        throw new InvalidArgumentException("the header row of the vector file " + file + " cannot be read: " + header.problem());
      }
      var names = new ArrayList<String>();
      for (String f : header.fields()) {
        names.add(f.strip());
        columns.putIfAbsent(f.strip(), names.size() - 1);
      }
      headerSize = names.size();
      idIndex = require(file, names, o.idColumn(), "the id column; name it with VectorImportOptions.withIdColumn(...)");
      vectorColumns = o.vectorColumns().isEmpty() ? VectorText.defaultVectorColumns(names, o.idColumn(), o.labelColumns()) : o.vectorColumns();
      if (vectorColumns.isEmpty()) {
        throw new InvalidArgumentException("the vector file " + file + " has no vector column (columns are " + names + "); add a 'vector' column or name the columns with withVectorColumns(...)");
      }
      vectorIndex = new int[vectorColumns.size()];
      for (int i = 0; i < vectorIndex.length; i++) {
        vectorIndex[i] = require(file, names, vectorColumns.get(i), "a vector column; name the vector columns with withVectorColumns(...)");
      }
      for (String c : o.labelColumns()) {
        require(file, names, c, "a label column; name the label columns with withLabelColumns(...)");
      }
      labelColumns = o.labelColumns();
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private int require(Path file, List<String> names, String column, String what) {
    Integer i = columns.get(column);
    if (i == null) {
      String close = org.artsim.spi.NearMatch.closest(column, names, 2);
      String near = close == null ? "" : "; did you mean '" + close + "'?";
      throw new InvalidArgumentException(
          "the vector file " + file + " has no column '" + column + "' (" + what + "); its columns are " + (names.size() > 20 ? names.subList(0, 20) + "..." : names) + near);
    }
    return i;
  }

  @Override
  public long rows() {
    return -1;
  }

  @Override
  public int dimension() {
    return -1;
  }

  @Override
  public VectorRow next() throws IOException {
    Csv.Row row = csv.next();
    if (row == null) {
      return null;
    }
    if (row.problem() != null) {
      RowProblem.Kind kind = row.tooLong() ? RowProblem.Kind.TOO_LONG : row.problem().contains("not UTF-8") ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW;
      return VectorRow.bad(row.line(), null, kind, row.problem());
    }
    List<String> f = row.fields();
    if (f.size() != headerSize) {
      return VectorRow.bad(row.line(), null, RowProblem.Kind.MALFORMED_ROW,
          "the row has " + f.size() + " fields but the header has " + headerSize + "; give every row every column (quote fields that contain commas)");
    }
    String id = f.get(idIndex).strip();
    float[] v;
    try {
      if (vectorIndex.length == 1) {
        String cell = f.get(vectorIndex[0]).strip();
        v = cell.startsWith("[") ? VectorText.array(vectorColumns.get(0), cell) : new float[] {VectorText.number(vectorColumns.get(0), cell)};
      } else {
        v = new float[vectorIndex.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = VectorText.number(vectorColumns.get(i), f.get(vectorIndex[i]));
        }
      }
    } catch (VectorText.NotAVector e) {
      return VectorRow.bad(row.line(), id.isEmpty() ? null : id, RowProblem.Kind.BAD_VECTOR, e.getMessage() + "; write the vector as numbers");
    }
    Labels labels = VectorText.labels(labelColumns, c -> f.get(columns.get(c)));
    return new VectorRow(row.line(), id.isEmpty() ? null : id, v, labels, null);
  }

  @Override
  public void skip(long n) throws IOException {
    for (long i = 0; i < n && csv.next() != null; i++) {
      // each record is read and dropped
    }
  }

  @Override
  public String where(long number) {
    return "line " + number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
