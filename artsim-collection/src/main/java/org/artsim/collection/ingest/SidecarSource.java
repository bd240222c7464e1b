package org.artsim.collection.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.artsim.FileFormatException;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;

/**
 * A binary vector source ({@code .npy}, {@code .fvecs}) with its ids and labels: ids from a text
 * file of one id per line (or the 0-based row index), labels from a CSV file with a header of field
 * names and one record per row, read in step with the vectors. Before any row is read, both
 * sidecars are counted (streaming) and must have exactly one line or record per vector row, so a
 * misaligned sidecar is refused before the index changes.
 */
final class SidecarSource implements VectorSource {
  private final VectorSource vectors;
  private final Path idsFile;
  private final Path labelsFile;
  private final int maxRowBytes;
  private final String idColumn;
  private final List<String> labelColumns;
  private InputStream idStream;
  private IdLines ids;
  private InputStream labelStream;
  private Csv.Reader labels;
  private final Map<String, Integer> labelIndex = new HashMap<>();
  private int labelFields;

  SidecarSource(VectorSource vectors, VectorImportOptions o) throws IOException {
    this.vectors = vectors;
    this.idsFile = o.idsFile();
    this.labelsFile = o.labelsFile();
    this.maxRowBytes = o.maxRowBytes();
    this.idColumn = o.idColumn();
    boolean ok = false;
    try {
      long rows = vectors.rows();
      if (idsFile != null) {
        long count = count(idsFile, false);
        if (count != rows) {
          throw new FileFormatException("the id file " + idsFile + " has " + count + " lines but the vector file has " + rows + " rows; give exactly one id per row, in row order");
        }
        idStream = Files.newInputStream(idsFile);
        ids = new IdLines(idStream, maxRowBytes);
      }
      if (labelsFile != null) {
        long count = count(labelsFile, true);
        if (count != rows) {
          throw new FileFormatException("the labels file " + labelsFile + " has " + count + " records after its header but the vector file has " + rows
              + " rows; give exactly one record per row, in row order (a row without labels is a record of empty fields, such as ',')");
        }
        labelStream = Files.newInputStream(labelsFile);
        labels = new Csv.Reader(labelStream, maxRowBytes);
        Csv.Row header = labels.next();
        List<String> names = new ArrayList<>();
        for (String f : header.fields()) {
          names.add(f.strip());
          labelIndex.putIfAbsent(f.strip(), names.size() - 1);
        }
        labelFields = names.size();
        if (o.labelColumns().isEmpty()) {
          labelColumns = names.stream().filter(n -> !n.equals(idColumn) && !n.isEmpty()).toList();
        } else {
          for (String c : o.labelColumns()) {
            if (!labelIndex.containsKey(c)) {
              throw new InvalidArgumentException("the labels file " + labelsFile + " has no column '" + c + "'; its columns are " + names);
            }
          }
          labelColumns = o.labelColumns();
        }
      } else {
        labelColumns = List.of();
      }
      ok = true;
    } finally {
      if (!ok) {
        close();
      }
    }
  }

  /** Counts the id lines, or the label records after a readable header. */
  private long count(Path file, boolean csv) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      if (!csv) {
        var lines = new IdLines(in, maxRowBytes);
        long n = 0;
        while (lines.skipLine()) {
          n++;
        }
        return n;
      }
      var r = new Csv.Reader(in, maxRowBytes);
      Csv.Row header = r.next();
      if (header == null || header.problem() != null) {
        throw new FileFormatException("the labels file " + file + " has " + (header == null ? "no header row" : "an unreadable header row: " + header.problem())
            + "; start it with the label field names, such as culture,medium");
      }
      long n = 0;
      while (r.next() != null) {
        n++;
      }
      return n;
    }
  }

  @Override
  public long rows() {
    return vectors.rows();
  }

  @Override
  public int dimension() {
    return vectors.dimension();
  }

  @Override
  public VectorRow next() throws IOException {
    VectorRow row = vectors.next();
    if (row == null) {
      return null;
    }
    String id = Long.toString(row.number() - 1);
    if (ids != null) {
      IdLines.Line line = ids.next();
      if (line.problem() != null) {
        return VectorRow.bad(row.number(), null, line.tooLong() ? RowProblem.Kind.TOO_LONG : RowProblem.Kind.BAD_ENCODING, "its id (line " + row.number() + " of " + idsFile + ") " + line.problem());
      }
      id = line.text().strip();
      if (id.isEmpty()) {
        return VectorRow.bad(row.number(), null, RowProblem.Kind.MISSING_ID, "its id (line " + row.number() + " of " + idsFile + ") is blank; give every row an id");
      }
    }
    Labels l = Labels.none();
    if (labels != null) {
      Csv.Row rec = labels.next();
      String where = "its labels (record " + row.number() + " of " + labelsFile + ")";
      if (rec.problem() != null) {
        RowProblem.Kind kind = rec.tooLong() ? RowProblem.Kind.TOO_LONG : rec.problem().contains("not UTF-8") ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW;
        return VectorRow.bad(row.number(), id, kind, where + ": " + rec.problem());
      }
      List<String> f = rec.fields();
      if (f.size() != labelFields) {
        return VectorRow.bad(row.number(), id, RowProblem.Kind.MALFORMED_ROW, where + " have " + f.size() + " fields but the header has " + labelFields + "; give every record every column");
      }
      Integer idAt = labelIndex.get(idColumn);
      if (idAt != null && !f.get(idAt).strip().equals(id)) {
        return VectorRow.bad(row.number(), id, RowProblem.Kind.MALFORMED_ROW,
            where + " are for the id '" + VectorText.clip(f.get(idAt).strip()) + "', not '" + id + "'; keep the labels file in the order of the vector rows");
      }
      l = VectorText.labels(labelColumns, c -> f.get(labelIndex.get(c)));
    }
    return row.withIdAndLabels(id, l);
  }

  @Override
  public void skip(long n) throws IOException {
    vectors.skip(n);
    for (long i = 0; i < n; i++) {
      if (ids != null) {
        ids.skipLine();
      }
      if (labels != null) {
        labels.next();
      }
    }
  }

  @Override
  public String where(long number) {
    return vectors.where(number);
  }

  @Override
  public void close() throws IOException {
    try (vectors; InputStream a = idStream; InputStream b = labelStream) {
      // closes all three
    }
  }

  /** Lines of a UTF-8 text file, one at a time, each at most {@code maxBytes} kept. */
  static final class IdLines {
    private final ByteSource in;
    private final int maxBytes;
    private boolean started;

    /** One line: its text, or why it cannot be read. */
    record Line(String text, String problem, boolean tooLong) {}

    IdLines(InputStream in, int maxBytes) {
      this.in = new ByteSource(in);
      this.maxBytes = maxBytes;
    }

    /** Consumes one line; false at the end of the file. */
    boolean skipLine() throws IOException {
      start();
      if (in.peek() < 0) {
        return false;
      }
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        // dropped
      }
      return true;
    }

    private void start() throws IOException {
      if (!started) {
        in.skipBom();
        started = true;
      }
    }

    /** The next line, or null at the end. */
    Line next() throws IOException {
      start();
      if (in.peek() < 0) {
        return null;
      }
      var buf = new ByteArrayOutputStream();
      boolean tooLong = false;
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        if (buf.size() >= maxBytes) {
          tooLong = true;
        } else {
          buf.write(b);
        }
      }
      if (tooLong) {
        return new Line(null, "is longer than " + maxBytes + " bytes; shorten it", true);
      }
      byte[] bytes = buf.toByteArray();
      int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
      try {
        return new Line(Csv.decode(java.util.Arrays.copyOf(bytes, len)), null, false);
      } catch (CharacterCodingException e) {
        return new Line(null, "holds bytes that are not UTF-8; write the ids as UTF-8", false);
      }
    }
  }
}
