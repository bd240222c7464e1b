package org.artsim.collection.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.artsim.FileFormatException;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.StorageException;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.iiif.IiifImages;

/**
 * Reads a catalogue export (CSV or JSON Lines) through a {@link ColumnMapping} into candidate
 * records and row problems, streaming: it keeps one row at a time (plus the ids seen, to report
 * repeats), so a catalogue of any size is read in bounded memory. It touches nothing but the
 * catalogue: image files are located and checked for safety ({@link ImageLocation}), never read.
 *
 * <p>Every data row ends as exactly one candidate or one problem, in file order. Rows are refused
 * for: no id, an id repeated in the file, no image, a bad image URL ({@code jar:} and other
 * schemes), an image path that is no regular file ({@code /dev/zero}, a FIFO), a control character
 * in a field, a row or field over the limits of {@link IngestOptions}, malformed CSV quoting or
 * JSON, bytes that are not UTF-8.
 *
 * <p>With a {@link RecordFormat} ({@link IngestOptions#withRecordFormat}) a JSON document is read
 * record by record ({@link JsonLines.DocumentReader}: {@code line} is then the record's position),
 * each record flattened by the format; a record the format finds malformed is a {@code
 * MALFORMED_ROW}. With {@link ColumnMapping.ImageKind#IIIF} an image URL is stored as its IIIF
 * {@code info.json} URL.
 */
public final class CatalogueReader {

  /** Receives what the reader finds, in file order. */
  public interface Sink {
    /** A row that passed every check. */
    void candidate(Candidate c);

    /** A row that did not. */
    void problem(RowProblem p);
  }

  private final Path catalogue;
  private final IngestOptions options;
  private final Path base;
  private final Set<String> seen = new HashSet<>();

  private CatalogueReader(Path catalogue, IngestOptions options) {
    this.catalogue = catalogue;
    this.options = options;
    this.base = options.imageBase() != null ? options.imageBase() : catalogue.toAbsolutePath().getParent();
  }

  /**
   * Reads every row of {@code catalogue}.
   *
   * @return the number of data rows (header excluded, blank lines ignored)
   * @throws StorageException if the catalogue cannot be read
   * @throws InvalidArgumentException if it has no id or image column, or its header is unreadable
   */
  public static int read(Path catalogue, IngestOptions options, Sink sink) {
    if (catalogue == null) {
      throw new InvalidArgumentException("catalogue is null; give the path of a CSV or JSON Lines export");
    }
    if (options == null) {
      throw new InvalidArgumentException("options is null; give IngestOptions.of(mapping)");
    }
    if (sink == null) {
      throw new InvalidArgumentException("sink is null");
    }
    if (!Files.isRegularFile(catalogue)) {
      throw new StorageException("the catalogue " + catalogue + " is not a regular file (missing, a directory or a device); check the path");
    }
    try (InputStream in = Files.newInputStream(catalogue)) {
      return read(catalogue, in, options, sink);
    } catch (IOException e) {
      throw new StorageException("could not read the catalogue " + catalogue + ": " + e + "; check the path and permissions", e);
    }
  }

  /**
   * Reads every row of the catalogue {@code catalogue} from {@code in} (opened by the caller); the
   * path names the catalogue in messages and resolves relative image paths. The streaming tests
   * count what this reads ahead of what it hands to the sink.
   */
  static int read(Path catalogue, InputStream in, IngestOptions options, Sink sink) throws IOException {
    var reader = new CatalogueReader(catalogue, options);
    RecordFormat records = options.recordFormat();
    if (records != null && !records.tabular() && !reader.isJsonLines()) {
      return reader.readDocument(in, records, sink);
    }
    return reader.formatOf() == IngestOptions.Format.CSV ? reader.readCsv(in, sink) : reader.readJson(in, sink);
  }

  private boolean isJsonLines() {
    String name = catalogue.getFileName().toString().toLowerCase(Locale.ROOT);
    return options.format() == IngestOptions.Format.JSON_LINES || options.format() == IngestOptions.Format.AUTO && (name.endsWith(".jsonl") || name.endsWith(".ndjson"));
  }

  private IngestOptions.Format formatOf() {
    IngestOptions.Format format = options.format();
    if (options.recordFormat() != null) {
      return options.recordFormat().tabular() ? IngestOptions.Format.CSV : IngestOptions.Format.JSON_LINES;
    }
    if (format == IngestOptions.Format.AUTO) {
      String name = catalogue.getFileName().toString().toLowerCase(Locale.ROOT);
      format = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? IngestOptions.Format.JSON_LINES : IngestOptions.Format.CSV;
    }
    return format;
  }

  private int readCsv(InputStream in, Sink sink) throws IOException {
    var csv = new Csv.Reader(in, options.maxRowBytes());
    Csv.Row header = csv.next();
    if (header == null) {
      return 0;
    }
    if (header.problem() != null) {
      throw new InvalidArgumentException("the header row of " + catalogue + " cannot be read: " + header.problem());
    }
    var columns = new LinkedHashMap<String, Integer>();
    for (int i = 0; i < header.fields().size(); i++) {
      columns.putIfAbsent(header.fields().get(i).strip(), i);
    }
    check(columns.keySet());
    int rows = 0;
    for (Csv.Row row = csv.next(); row != null; row = csv.next()) {
      rows++;
      if (row.problem() != null) {
        RowProblem.Kind kind = row.tooLong() ? RowProblem.Kind.TOO_LONG : row.problem().contains("not UTF-8") ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW;
        sink.problem(new RowProblem(kind, row.line(), null, row.problem()));
        continue;
      }
      if (row.fields().size() > header.fields().size()) {
        sink.problem(
            new RowProblem(
                RowProblem.Kind.MALFORMED_ROW,
                row.line(),
                null,
                "the row has " + row.fields().size() + " fields but the header has " + header.fields().size() + "; quote fields that contain commas"));
        continue;
      }
      List<String> f = row.fields();
      Function<String, String> get = col -> {
        Integer i = columns.get(col);
        return i == null || i >= f.size() ? null : f.get(i);
      };
      toCandidate(row.line(), get, columns.keySet(), sink);
    }
    return rows;
  }

  private int readJson(InputStream in, Sink sink) throws IOException {
    var json = new JsonLines.Reader(in, options.maxRowBytes());
    int rows = 0;
    for (JsonLines.Line line = json.next(); line != null; line = json.next()) {
      rows++;
      if (line.problem() != null) {
        RowProblem.Kind kind = line.tooLong() ? RowProblem.Kind.TOO_LONG : line.encoding() ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW;
        sink.problem(new RowProblem(kind, line.line(), null, line.problem()));
        continue;
      }
      Map<String, Object> obj = line.object();
      if (options.recordFormat() != null) {
        flattened(line.line(), obj, options.recordFormat(), sink);
        continue;
      }
      var keys = new ArrayList<String>();
      obj.forEach((k, v) -> {
        if (!(v instanceof Map) && !(v instanceof List)) {
          keys.add(k);
        }
      });
      toCandidate(line.line(), path -> JsonLines.lookup(obj, path), keys, sink);
    }
    return rows;
  }

  private int readDocument(InputStream in, RecordFormat records, Sink sink) throws IOException {
    var doc = new JsonLines.DocumentReader(in, records.recordKeys(), options.maxRowBytes());
    int rows = 0;
    for (JsonLines.Line rec = doc.next(); rec != null; rec = doc.next()) {
      rows++;
      if (rec.problem() != null) {
        RowProblem.Kind kind = rec.tooLong() ? RowProblem.Kind.TOO_LONG : rec.encoding() ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW;
        sink.problem(new RowProblem(kind, rec.line(), null, rec.problem()));
        continue;
      }
      flattened(rec.line(), rec.object(), records, sink);
    }
    return rows;
  }

  private void flattened(long line, Map<String, Object> obj, RecordFormat records, Sink sink) {
    Map<String, String> flat;
    try {
      flat = records.flatten(obj);
    } catch (FileFormatException e) {
      sink.problem(new RowProblem(RowProblem.Kind.MALFORMED_ROW, line, null, "a malformed " + records.formatName() + " record: " + e.getMessage()));
      return;
    }
    toCandidate(line, flat::get, flat.keySet(), sink);
  }

  private void check(Set<String> columns) {
    ColumnMapping m = options.mapping();
    if (resolve(m.id(), columns) == null) {
      throw new InvalidArgumentException("the catalogue " + catalogue + " has no id column (looked for " + m.id() + "; columns are " + columns + "); map the id column with ColumnMapping.withId(...)");
    }
    if (resolve(m.image(), columns) == null) {
      throw new InvalidArgumentException(
          "the catalogue " + catalogue + " has no image column (looked for " + m.image() + "; columns are " + columns + "); map it with ColumnMapping.withImage(...)");
    }
  }

  /** The first candidate present among the columns (exactly, else ignoring case), or null. */
  private static String resolve(List<String> candidates, Collection<String> columns) {
    for (String c : candidates) {
      if (columns.contains(c)) {
        return c;
      }
    }
    for (String c : candidates) {
      for (String col : columns) {
        if (col.equalsIgnoreCase(c)) {
          return col;
        }
      }
    }
    return null;
  }

  /** Why a value cannot be kept (a control character, too long), or null. */
  private String badValue(String column, String v) {
    if (v.length() > options.maxFieldChars()) {
      return "TOO_LONG:the field '" + column + "' has " + v.length() + " characters, more than the limit of " + options.maxFieldChars() + " (IngestOptions.maxFieldChars)";
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (Character.isISOControl(ch) && ch != '\t' && ch != '\n' && ch != '\r') {
        return "BAD_CHARACTER:the field '" + column + "' holds the control character U+" + String.format(Locale.ROOT, "%04X", (int) ch) + " at position " + i + "; remove it from the catalogue";
      }
    }
    return null;
  }

  private void toCandidate(long line, Function<String, String> get, Collection<String> columns, Sink sink) {
    ColumnMapping m = options.mapping();
    for (String col : columns) {
      String v = get.apply(col);
      String bad = v == null ? null : badValue(col, v);
      if (bad != null) {
        int colon = bad.indexOf(':');
        sink.problem(new RowProblem(RowProblem.Kind.valueOf(bad.substring(0, colon)), line, null, bad.substring(colon + 1)));
        return;
      }
    }
    Function<List<String>, String> field = candidates -> {
      for (String c : candidates) {
        String col = resolve(List.of(c), columns);
        String v = get.apply(col != null ? col : c);
        if (v != null && !v.isBlank()) {
          String bad = badValue(c, v);
          return bad == null ? v.strip() : null;
        }
      }
      return null;
    };
    String id = field.apply(m.id());
    if (id == null) {
      sink.problem(new RowProblem(RowProblem.Kind.MISSING_ID, line, null, "the row has no id (looked in " + m.id() + "); give every row an id"));
      return;
    }
    if (!seen.add(id)) {
      sink.problem(new RowProblem(RowProblem.Kind.DUPLICATE_ID, line, id, "the id '" + id + "' appears on an earlier row; ids must be unique, this row was not added"));
      return;
    }
    String image = field.apply(m.image());
    if (image == null) {
      sink.problem(new RowProblem(RowProblem.Kind.MISSING_IMAGE, line, id, "the row has no image (looked in " + m.image() + "); give it an image path or URL"));
      return;
    }
    if (m.imageKind() == ColumnMapping.ImageKind.IIIF) {
      image = IiifImages.infoJsonUrl(image);
    }
    ImageSource source;
    try {
      source = ImageLocation.resolve(id, image, base);
    } catch (InvalidArgumentException e) {
      sink.problem(new RowProblem(RowProblem.Kind.BAD_URL, line, id, e.getMessage()));
      return;
    }
    String unsafe = ImageLocation.unsafeFile(source);
    if (unsafe != null) {
      sink.problem(new RowProblem(RowProblem.Kind.BAD_FILE, line, id, unsafe));
      return;
    }
    String stored = source instanceof ImageSource.OfFile f ? f.path().toAbsolutePath().normalize().toString() : image;
    var descriptions = new ArrayList<String>();
    for (String c : m.description()) {
      String v = field.apply(List.of(c));
      if (v != null && !descriptions.contains(v)) {
        descriptions.add(v);
      }
    }
    var labels = new LinkedHashMap<String, String>();
    m.labels().forEach((name, cols) -> {
      String v = field.apply(cols);
      if (v != null) {
        labels.put(name, v);
      }
    });
    var extras = new LinkedHashMap<String, String>();
    if (m.keepOtherColumns()) {
      var mapped = new HashSet<String>();
      for (String c : m.allCandidates()) {
        String col = resolve(List.of(c), columns);
        mapped.add(col != null ? col : c);
      }
      for (String col : columns) {
        if (!mapped.contains(col)) {
          String v = get.apply(col);
          if (v != null && !v.isBlank()) {
            extras.put(col, v.strip());
          }
        }
      }
    }
    var record =
        new CatalogueRecord(
            id,
            field.apply(m.title()),
            field.apply(m.artist()),
            field.apply(m.culture()),
            field.apply(m.classification()),
            field.apply(m.medium()),
            field.apply(m.date()),
            descriptions.isEmpty() ? null : String.join("\n\n", descriptions),
            stored,
            extras,
            Labels.of(labels));
    sink.candidate(new Candidate(line, record, source));
  }
}
