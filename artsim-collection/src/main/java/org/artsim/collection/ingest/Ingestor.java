package org.artsim.collection.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.ProgressTracker;
import org.artsim.StorageException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.io.ArtsimFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a catalogue export (CSV or JSON Lines) into an {@link ArtCollection}: reads and checks
 * every row, embeds the images in batches with progress checkpointed to disk, and adds the good
 * records. Bad rows are reported in the {@link IngestionReport}, counted, and never silently
 * dropped.
 *
 * <h2>Resuming</h2>
 *
 * Each batch's vectors (or per-image errors) are written atomically to {@code
 * chunk-NNNNNN.artsim} in the checkpoint directory before the next batch starts, beside {@code
 * checkpoint.artsim}, which records a fingerprint of the catalogue bytes, the mapping, the embedder
 * and the batch size. If ingestion stops (a crash, a kill, {@link Thread#interrupt()}), running it
 * again with the same checkpoint directory reuses every complete chunk and embeds only the rest; the
 * records are added to the collection only after all batches are done, so the final collection
 * equals the one an uninterrupted run makes. A checkpoint made for another catalogue, mapping or
 * embedder is refused. After success the checkpoint is deleted unless asked to keep it.
 *
 * <p>Not thread-safe with itself on one checkpoint directory.
 */
public final class Ingestor {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
  static final String CHECKPOINT = "checkpoint.artsim";
  static final String CHECKPOINT_FORMAT = "artsim.collection.checkpoint";
  static final String CHUNK_FORMAT = "artsim.collection.chunk";

  private Ingestor() {}

  /** Ingests with the default options for a mapping. */
  public static IngestionReport ingest(ArtCollection collection, Path catalogue, ColumnMapping mapping) {
    return ingest(collection, catalogue, IngestOptions.of(mapping));
  }

  /**
   * Ingests a catalogue.
   *
   * @throws StorageException if the catalogue or checkpoint cannot be read or written
   * @throws IngestionInterruptedException if the thread is interrupted (progress so far is checkpointed)
   */
  public static IngestionReport ingest(ArtCollection collection, Path catalogue, IngestOptions options) {
    byte[] data;
    try {
      data = Files.readAllBytes(catalogue);
    } catch (IOException e) {
      throw new StorageException("could not read the catalogue " + catalogue + ": " + e + "; check the path", e);
    }
    Path base = options.imageBase() != null ? options.imageBase() : catalogue.toAbsolutePath().getParent();
    var problems = new ArrayList<RowProblem>();
    var candidates = new ArrayList<Candidate>();
    int rows = readRows(catalogue, data, options, base, collection, problems, candidates);

    Path dir = options.checkpointDir() != null ? options.checkpointDir() : catalogue.toAbsolutePath().resolveSibling(catalogue.getFileName() + ".ingest");
    String fingerprint = fingerprint(data, options, collection);
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(catalogue, dir, 0, candidates.size());
    }
    prepareCheckpoint(dir, fingerprint);

    var tracker = new ProgressTracker("embedding " + catalogue.getFileName(), candidates.size(), options.listener());
    var vectors = new float[candidates.size()][];
    var errors = new String[candidates.size()];
    int resumed = 0;
    int batch = options.batchSize();
    for (int b = 0; b * batch < candidates.size(); b++) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(catalogue, dir, b * batch, candidates.size());
      }
      int from = b * batch;
      int to = Math.min(candidates.size(), from + batch);
      var slice = candidates.subList(from, to);
      Path chunk = dir.resolve(String.format(Locale.ROOT, "chunk-%06d.artsim", b));
      if (readChunk(chunk, slice, vectors, errors, from)) {
        resumed += slice.size();
      } else {
        List<EmbeddingResult> results = collection.embedder().embedImages(slice.stream().map(Candidate::source).toList());
        for (int i = 0; i < slice.size(); i++) {
          EmbeddingResult r = results.get(i);
          vectors[from + i] = r.ok() ? r.vector() : null;
          errors[from + i] = r.ok() ? null : r.error().getMessage();
        }
        try {
          writeChunk(chunk, slice, vectors, errors, from);
        } catch (StorageException e) {
          if (Thread.currentThread().isInterrupted()) {
            throw interrupted(catalogue, dir, from, candidates.size());
          }
          throw e;
        }
      }
      tracker.advance(slice.size());
    }

    var records = new ArrayList<CatalogueRecord>();
    var good = new ArrayList<float[]>();
    var imageProblems = new HashMap<Long, RowProblem>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      if (vectors[i] != null) {
        records.add(c.record());
        good.add(vectors[i]);
      } else {
        imageProblems.put(c.line(), new RowProblem(RowProblem.Kind.UNREADABLE_IMAGE, c.line(), c.record().id(), errors[i] + "; fix or replace the image"));
      }
    }
    collection.addWithVectors(records, good);
    problems.addAll(imageProblems.values());
    problems.sort(java.util.Comparator.comparingLong(RowProblem::line));
    if (!options.keepCheckpoint()) {
      deleteCheckpoint(dir);
    }
    var report = new IngestionReport(catalogue.toString(), rows, records.size(), resumed, problems);
    LOG.info("{}", report);
    return report;
  }

  private static IngestionInterruptedException interrupted(Path catalogue, Path dir, int done, int total) {
    return new IngestionInterruptedException(
        "ingestion of " + catalogue + " was interrupted after " + done + " of " + total + " images; run it again with the same checkpoint directory " + dir + " to continue");
  }

  /** A row that passed the checks and awaits its vector. */
  private record Candidate(long line, CatalogueRecord record, ImageSource source) {}

  private static int readRows(
      Path catalogue, byte[] data, IngestOptions options, Path base, ArtCollection collection, List<RowProblem> problems, List<Candidate> out) {
    IngestOptions.Format format = options.format();
    if (format == IngestOptions.Format.AUTO) {
      String name = catalogue.getFileName().toString().toLowerCase(Locale.ROOT);
      format = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? IngestOptions.Format.JSON_LINES : IngestOptions.Format.CSV;
    }
    var seen = new HashSet<String>();
    ColumnMapping m = options.mapping();
    int rows = 0;
    if (format == IngestOptions.Format.CSV) {
      List<Csv.Row> parsed = Csv.parse(data);
      if (parsed.isEmpty()) {
        return 0;
      }
      Csv.Row header = parsed.get(0);
      if (header.problem() != null) {
        throw new InvalidArgumentException("the header row of " + catalogue + " cannot be read: " + header.problem());
      }
      var columns = new LinkedHashMap<String, Integer>();
      for (int i = 0; i < header.fields().size(); i++) {
        columns.putIfAbsent(header.fields().get(i).strip(), i);
      }
      check(catalogue, m, columns.keySet());
      for (Csv.Row row : parsed.subList(1, parsed.size())) {
        rows++;
        if (row.problem() != null) {
          boolean encoding = row.problem().contains("not UTF-8");
          problems.add(new RowProblem(encoding ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW, row.line(), null, row.problem()));
          continue;
        }
        if (row.fields().size() > columns.size() && header.fields().size() < row.fields().size()) {
          problems.add(
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
        toCandidate(row.line(), get, columns.keySet(), m, base, collection, seen, problems, out);
      }
    } else {
      for (JsonLines.Line line : JsonLines.parse(data)) {
        rows++;
        if (line.problem() != null) {
          problems.add(new RowProblem(line.encoding() ? RowProblem.Kind.BAD_ENCODING : RowProblem.Kind.MALFORMED_ROW, line.line(), null, line.problem()));
          continue;
        }
        Map<String, Object> obj = line.object();
        var keys = new ArrayList<String>();
        obj.forEach((k, v) -> {
          if (!(v instanceof Map) && !(v instanceof List)) {
            keys.add(k);
          }
        });
        Function<String, String> get = path -> JsonLines.lookup(obj, path);
        toCandidate(line.line(), get, keys, m, base, collection, seen, problems, out);
      }
    }
    return rows;
  }

  private static void check(Path catalogue, ColumnMapping m, java.util.Set<String> columns) {
    if (resolve(m.id(), columns) == null) {
      throw new InvalidArgumentException("the catalogue " + catalogue + " has no id column (looked for " + m.id() + "; columns are " + columns + "); map the id column with ColumnMapping.withId(...)");
    }
    if (resolve(m.image(), columns) == null) {
      throw new InvalidArgumentException(
          "the catalogue " + catalogue + " has no image column (looked for " + m.image() + "; columns are " + columns + "); map it with ColumnMapping.withImage(...)");
    }
  }

  /** The first candidate present among the columns (exactly, else ignoring case), or null. */
  private static String resolve(List<String> candidates, java.util.Collection<String> columns) {
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

  private static void toCandidate(
      long line,
      Function<String, String> get,
      java.util.Collection<String> columns,
      ColumnMapping m,
      Path base,
      ArtCollection collection,
      java.util.Set<String> seen,
      List<RowProblem> problems,
      List<Candidate> out) {
    Function<List<String>, String> field = candidates -> {
      for (String c : candidates) {
        String col = resolve(List.of(c), columns);
        String v = get.apply(col != null ? col : c);
        if (v != null && !v.isBlank()) {
          return v.strip();
        }
      }
      return null;
    };
    String id = field.apply(m.id());
    if (id == null) {
      problems.add(new RowProblem(RowProblem.Kind.MISSING_ID, line, null, "the row has no id (looked in " + m.id() + "); give every row an id"));
      return;
    }
    if (!seen.add(id)) {
      problems.add(new RowProblem(RowProblem.Kind.DUPLICATE_ID, line, id, "the id '" + id + "' appears on an earlier row; ids must be unique, this row was not added"));
      return;
    }
    if (collection.contains(id)) {
      problems.add(new RowProblem(RowProblem.Kind.DUPLICATE_ID, line, id, "the id '" + id + "' is already in the collection; use update to replace a record"));
      return;
    }
    String image = field.apply(m.image());
    if (image == null) {
      problems.add(new RowProblem(RowProblem.Kind.MISSING_IMAGE, line, id, "the row has no image (looked in " + m.image() + "); give it an image path or URL"));
      return;
    }
    ImageSource source;
    try {
      source = ArtCollection.imageSourceOf(id, image, base);
    } catch (InvalidArgumentException e) {
      problems.add(new RowProblem(RowProblem.Kind.BAD_URL, line, id, e.getMessage()));
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
    out.add(new Candidate(line, record, source));
  }

  private static String fingerprint(byte[] data, IngestOptions o, ArtCollection collection) {
    var crc = new CRC32C();
    crc.update(data);
    return "catalogue-crc32c=" + Long.toHexString(crc.getValue()) + ";length=" + data.length + ";mapping=" + o.mapping() + ";format=" + o.format()
        + ";imageBase=" + o.imageBase() + ";embedder=" + collection.embedderInfo() + ";batch=" + o.batchSize();
  }

  private static void prepareCheckpoint(Path dir, String fingerprint) {
    Path file = dir.resolve(CHECKPOINT);
    if (Files.exists(file)) {
      String stored;
      try {
        stored = ArtsimFiles.read(file, CHECKPOINT_FORMAT, 1, (in, v) -> in.readString());
      } catch (ArtsimException e) {
        LOG.warn("the checkpoint {} cannot be read ({}); starting over", file, e.getMessage());
        deleteCheckpoint(dir);
        stored = null;
      }
      if (stored != null && !stored.equals(fingerprint)) {
        throw new ArtsimException(
            "the checkpoint in " + dir + " was made for another catalogue, column mapping, embedder or batch size; delete that directory to start over, or pass another checkpoint directory");
      }
      if (stored != null) {
        LOG.info("resuming from the checkpoint in {}", dir);
        return;
      }
    }
    ArtsimFiles.write(file, CHECKPOINT_FORMAT, 1, out -> out.writeString(fingerprint));
  }

  private static boolean readChunk(Path chunk, List<Candidate> slice, float[][] vectors, String[] errors, int from) {
    if (!Files.exists(chunk)) {
      return false;
    }
    try {
      return ArtsimFiles.read(
          chunk,
          CHUNK_FORMAT,
          1,
          (in, v) -> {
            int n = in.readInt();
            if (n != slice.size()) {
              return false;
            }
            var vs = new float[n][];
            var es = new String[n];
            for (int i = 0; i < n; i++) {
              String id = in.readString();
              if (!id.equals(slice.get(i).record().id())) {
                return false;
              }
              if (in.readBoolean()) {
                int dim = in.readCount("vector", 1 << 20, 4);
                vs[i] = new float[dim];
                in.readFloats(vs[i], 0, dim);
              } else {
                es[i] = in.readString();
              }
            }
            System.arraycopy(vs, 0, vectors, from, n);
            System.arraycopy(es, 0, errors, from, n);
            return true;
          });
    } catch (ArtsimException e) {
      LOG.warn("the checkpoint chunk {} cannot be read ({}); embedding that batch again", chunk, e.getMessage());
      return false;
    }
  }

  private static void writeChunk(Path chunk, List<Candidate> slice, float[][] vectors, String[] errors, int from) {
    ArtsimFiles.write(
        chunk,
        CHUNK_FORMAT,
        1,
        out -> {
          out.writeInt(slice.size());
          for (int i = 0; i < slice.size(); i++) {
            out.writeString(slice.get(i).record().id());
            float[] v = vectors[from + i];
            out.writeBoolean(v != null);
            if (v != null) {
              out.writeInt(v.length);
              out.writeFloats(v, 0, v.length);
            } else {
              out.writeString(errors[from + i]);
            }
          }
        });
  }

  private static void deleteCheckpoint(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{checkpoint,chunk-*}.artsim")) {
      for (Path p : files) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not delete the checkpoint in {}: {}", dir, e.toString());
    }
    try (var s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        Files.delete(dir);
      }
    } catch (IOException e) {
      LOG.debug("checkpoint directory {} kept: {}", dir, e.toString());
    }
  }
}
