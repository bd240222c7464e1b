package org.artsim.collection.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.artsim.ArtsimException;
import org.artsim.ConfigException;
import org.artsim.DimensionMismatchException;
import org.artsim.DuplicateIdException;
import org.artsim.FileFormatException;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;
import org.artsim.Metric;
import org.artsim.ProgressTracker;
import org.artsim.StorageException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;

/**
 * Brings your own vectors: streams ids, vectors and labels from a {@code .npy}, {@code .fvecs}
 * ({@code .bvecs}, {@code .ivecs}), CSV or JSON Lines file into any {@link VectorIndex}, in batches
 * through {@link VectorIndex#addAll}, never holding the file in memory: what is kept is one batch of
 * rows, a read buffer of about 1 MiB and at most {@link VectorImportOptions#maxProblemsKept()}
 * problems.
 *
 * <pre>{@code
 * try (VectorIndex index = Artsim.index("flat", 512, Metric.COSINE)) {
 *   VectorImportReport r = VectorImporter.importInto(Path.of("clip.npy"), index,
 *       VectorImportOptions.defaults().withIdsFile(Path.of("clip-ids.txt")).withLabelsFile(Path.of("clip-labels.csv")));
 * }
 * }</pre>
 *
 * <h2>What is checked</h2>
 *
 * The file as a whole, before the index changes: the header ({@link NpyHeader}: magic, version,
 * header size, dtype, order, shape), that the data is complete, that the vector length equals the
 * index's dimension, that sidecars have one line per row. Problems there throw {@link
 * FileFormatException} or {@link DimensionMismatchException} naming the file. Then each row: an id
 * that is present and not already in the index or the batch, a vector of the index's dimension
 * whose values are finite (and not all zero under cosine), a well-formed row. With {@link
 * VectorImportOptions.OnBadRow#FAIL} (the default) the first bad row throws a typed exception
 * naming the file and row ({@link DimensionMismatchException}, {@link InvalidVectorException},
 * {@link DuplicateIdException}, or {@link FileFormatException} for a malformed row), and the rows
 * of earlier batches stay added; with {@code SKIP} it is reported and left out.
 *
 * <h2>Resuming</h2>
 *
 * With a checkpoint file, the number of rows committed is written after each batch (after saving
 * the index to {@link VectorImportOptions#saveIndexTo()} when given, every {@code saveEveryRows}
 * rows); a re-run with the same checkpoint and the index saved with it skips the committed rows.
 * See {@link VectorImportCheckpoint}.
 */
public final class VectorImporter {
  /** The longest vector a binary file may declare; the index's own dimension must match anyway. */
  static final int MAX_DIMENSION = 1 << 20;

  private VectorImporter() {}

  /**
   * Imports every row of {@code file} into {@code index}.
   *
   * @return what was added and every row that was not
   * @throws InvalidArgumentException for a null argument, or a file whose columns or dimension do not fit
   * @throws FileFormatException for a damaged or crafted file, or (with {@code FAIL}) a malformed row
   * @throws StorageException if a file cannot be read, or the checkpoint or index cannot be written
   * @throws IngestionInterruptedException if the thread is interrupted (committed rows are checkpointed)
   */
  public static VectorImportReport importInto(Path file, VectorIndex index, VectorImportOptions options) {
    if (file == null || index == null || options == null) {
      throw new InvalidArgumentException((file == null ? "file" : index == null ? "index" : "options") + " is null; give the vector file, the index and VectorImportOptions.defaults()");
    }
    requireFile(file, "vector file");
    VectorImportOptions.Format format = formatOf(file, options.format());
    boolean binary = format == VectorImportOptions.Format.NPY || format == VectorImportOptions.Format.FVECS || format == VectorImportOptions.Format.BVECS
        || format == VectorImportOptions.Format.IVECS;
    if (!binary && (options.idsFile() != null || options.labelsFile() != null)) {
      throw new ConfigException("vector import: ids_file and labels_file are for .npy and .fvecs files; the rows of " + file + " (" + format + ") carry their ids and labels in columns");
    }
    if (binary && !options.vectorColumns().isEmpty()) {
      throw new ConfigException("vector import: vector_columns are for CSV and JSON Lines files; " + file + " (" + format + ") holds only vectors");
    }
    if (options.idsFile() != null) {
      requireFile(options.idsFile(), "id file");
    }
    if (options.labelsFile() != null) {
      requireFile(options.labelsFile(), "labels file");
    }
    try (VectorSource source = open(file, format, options)) {
      if (source.dimension() >= 0 && source.dimension() != index.dimension()) {
        throw new DimensionMismatchException("the vector file " + file + " holds vectors of dimension " + source.dimension() + " but the index holds dimension " + index.dimension()
            + "; create the index with dimension " + source.dimension() + " or export vectors of " + index.dimension());
      }
      return new Run(file, index, options, source, format).run();
    } catch (IOException e) {
      throw new StorageException("could not read the vector file " + file + ": " + e + "; check the path and permissions", e);
    }
  }

  private static void requireFile(Path p, String what) {
    if (!Files.isRegularFile(p)) {
      throw new StorageException("the " + what + " " + p + " is not a regular file (missing, a directory, a device or a pipe); check the path");
    }
  }

  static VectorImportOptions.Format formatOf(Path file, VectorImportOptions.Format format) {
    if (format != VectorImportOptions.Format.AUTO) {
      return format;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      return VectorImportOptions.Format.NPY;
    }
    if (name.endsWith(".fvecs")) {
      return VectorImportOptions.Format.FVECS;
    }
    if (name.endsWith(".bvecs")) {
      return VectorImportOptions.Format.BVECS;
    }
    if (name.endsWith(".ivecs")) {
      return VectorImportOptions.Format.IVECS;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return VectorImportOptions.Format.JSON_LINES;
    }
    return VectorImportOptions.Format.CSV;
  }

  private static VectorSource open(Path file, VectorImportOptions.Format format, VectorImportOptions o) throws IOException {
    return switch (format) {
      case NPY -> new SidecarSource(new NpyVectorSource(file, MAX_DIMENSION), o);
      case FVECS -> new SidecarSource(new VecsVectorSource(file, VecsVectorSource.Element.FLOAT, MAX_DIMENSION), o);
      case BVECS -> new SidecarSource(new VecsVectorSource(file, VecsVectorSource.Element.UNSIGNED_BYTE, MAX_DIMENSION), o);
      case IVECS -> new SidecarSource(new VecsVectorSource(file, VecsVectorSource.Element.INT, MAX_DIMENSION), o);
      case JSON_LINES -> new JsonVectorSource(file, o);
      case CSV, AUTO -> new CsvVectorSource(file, o);
    };
  }

  /** One import: reads rows, checks them, commits batches. */
  private static final class Run {
    final Path file;
    final VectorIndex index;
    final VectorImportOptions o;
    final VectorSource source;
    final VectorImportOptions.Format format;
    final List<VectorEntry> batch = new ArrayList<>();
    final List<Long> batchRows = new ArrayList<>();
    final Set<String> batchIds = new HashSet<>();
    final List<RowProblem> problems = new ArrayList<>();
    VectorImportCheckpoint checkpoint;
    ProgressTracker tracker;
    long rows;
    long added;
    long problemCount;
    long savedAt;
    String lastId;

    Run(Path file, VectorIndex index, VectorImportOptions o, VectorSource source, VectorImportOptions.Format format) {
      this.file = file;
      this.index = index;
      this.o = o;
      this.source = source;
      this.format = format;
    }

    VectorImportReport run() throws IOException {
      long resumed = 0;
      if (o.checkpoint() != null) {
        checkpoint = VectorImportCheckpoint.open(o.checkpoint(), VectorImportCheckpoint.fingerprint(file, format, o, index));
        resumed = checkpoint.committed();
        if (resumed > 0) {
          if (checkpoint.lastId() != null && !index.contains(checkpoint.lastId())) {
            throw new InvalidArgumentException("the import checkpoint " + o.checkpoint() + " says " + resumed + " rows of " + file + " were committed, but the index does not hold '"
                + checkpoint.lastId() + "', the last id added; pass the index saved with that checkpoint" + (o.saveIndexTo() != null ? " (" + o.saveIndexTo() + ")" : "")
                + ", or delete the checkpoint to import from the start");
          }
          source.skip(resumed);
        }
        lastId = checkpoint.lastId();
      }
      rows = resumed;
      savedAt = resumed;
      long total = source.rows() >= 0 ? source.rows() - resumed : Long.MAX_VALUE;
      tracker = new ProgressTracker("importing " + file.getFileName(), total, o.listener());
      for (VectorRow row = source.next(); row != null; row = source.next()) {
        rows++;
        VectorRow.Issue issue = row.issue() != null ? row.issue() : check(row);
        if (issue != null) {
          problem(row, issue);
          continue;
        }
        batch.add(new VectorEntry(row.id(), row.vector(), row.labels()));
        batchRows.add(row.number());
        batchIds.add(row.id());
        if (batch.size() == o.batchSize()) {
          commit(false);
        }
      }
      commit(true);
      if (checkpoint != null) {
        checkpoint.delete();
      }
      return new VectorImportReport(file.toString(), rows, added, resumed, problemCount, problems);
    }

    /** Why a row read cleanly cannot be added, or null. */
    private VectorRow.Issue check(VectorRow row) {
      if (row.id() == null || row.id().isBlank()) {
        return new VectorRow.Issue(RowProblem.Kind.MISSING_ID, "the row has no id (looked in '" + o.idColumn() + "'); give every row an id");
      }
      float[] v = row.vector();
      if (v.length != index.dimension()) {
        return new VectorRow.Issue(RowProblem.Kind.BAD_VECTOR, "the vector has " + v.length + " values but the index holds dimension " + index.dimension() + "; export vectors of that length", true);
      }
      boolean zero = true;
      for (int i = 0; i < v.length; i++) {
        if (!Float.isFinite(v[i])) {
          String hint = format == VectorImportOptions.Format.NPY ? " (a float64 beyond the float32 range becomes infinite)" : "";
          return new VectorRow.Issue(RowProblem.Kind.BAD_VECTOR, "value " + i + " of the vector is " + v[i] + hint + "; replace NaN and infinite values before importing");
        }
        zero &= v[i] == 0f;
      }
      if (zero && index.metric() == Metric.COSINE) {
        return new VectorRow.Issue(RowProblem.Kind.BAD_VECTOR, "the vector is all zeros, which has no direction under the cosine metric; drop the row or fix its embedding");
      }
      if (batchIds.contains(row.id()) || index.contains(row.id())) {
        return new VectorRow.Issue(RowProblem.Kind.DUPLICATE_ID, "the id '" + row.id() + "' is already in the index (from an earlier row or an earlier import); ids must be unique");
      }
      return null;
    }

    private void problem(VectorRow row, VectorRow.Issue issue) {
      if (o.onBadRow() == VectorImportOptions.OnBadRow.FAIL) {
        throw failure(row.number(), row.id(), issue, null);
      }
      problemCount++;
      if (problems.size() < o.maxProblemsKept()) {
        problems.add(new RowProblem(issue.kind(), row.number(), row.id(), issue.message()));
      }
    }

    private ArtsimException failure(long number, String id, VectorRow.Issue issue, Throwable cause) {
      String m = "the vector file " + file + ", " + source.where(number) + (id == null ? "" : " (id '" + VectorText.clip(id) + "')") + ": " + issue.message() + ". The import stopped there; "
          + added + " rows were added before it (VectorImportOptions.withOnBadRow(SKIP) leaves bad rows out and reports them)";
      return switch (issue.kind()) {
        case DUPLICATE_ID -> new DuplicateIdException(m, cause);
        case BAD_VECTOR -> issue.dimension() ? new DimensionMismatchException(m, cause) : new InvalidVectorException(m, cause);
        default -> new FileFormatException(m, cause);
      };
    }

    /** Adds the batch, then records progress (saving the index first when asked). */
    private void commit(boolean last) {
      if (Thread.currentThread().isInterrupted()) {
        throw new IngestionInterruptedException("the import of " + file + " was interrupted after " + rows + " rows"
            + (checkpoint != null ? "; run it again with the checkpoint " + o.checkpoint() + " and the index saved with it to continue" : "; give a checkpoint file to make it resumable"));
      }
      if (!batch.isEmpty()) {
        try {
          index.addAll(batch);
          added += batch.size();
          lastId = batch.get(batch.size() - 1).id();
        } catch (InvalidArgumentException e) {
          addOneByOne(e);
        }
        tracker.advance(batch.size());
      }
      batch.clear();
      batchRows.clear();
      batchIds.clear();
      // An interrupt that arrives now is honoured at the next batch: the save and the checkpoint of
      // this one are written first (file channels would otherwise refuse them), so they agree.
      boolean interrupted = Thread.interrupted();
      try {
        record(last);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void record(boolean last) {
      if (last) {
        if (o.saveIndexTo() != null) {
          index.save(o.saveIndexTo());
        }
        return;
      }
      if (checkpoint == null) {
        return;
      }
      if (o.saveIndexTo() != null) {
        if (rows - savedAt < o.saveEveryRows()) {
          return;
        }
        index.save(o.saveIndexTo());
        savedAt = rows;
      }
      checkpoint = checkpoint.commit(rows, lastId);
    }

    /** The index refused the batch for a reason the checks above did not see (another thread added an id): adds what it takes. */
    private void addOneByOne(InvalidArgumentException batchError) {
      for (int i = 0; i < batch.size(); i++) {
        VectorEntry e = batch.get(i);
        try {
          index.add(e.id(), e.vector(), e.labels());
          added++;
          lastId = e.id();
        } catch (InvalidArgumentException x) {
          var issue = new VectorRow.Issue(x instanceof DuplicateIdException ? RowProblem.Kind.DUPLICATE_ID : RowProblem.Kind.BAD_VECTOR, x.getMessage(), x instanceof DimensionMismatchException);
          if (o.onBadRow() == VectorImportOptions.OnBadRow.FAIL) {
            throw failure(batchRows.get(i), e.id(), issue, batchError);
          }
          problemCount++;
          if (problems.size() < o.maxProblemsKept()) {
            problems.add(new RowProblem(issue.kind(), batchRows.get(i), e.id(), issue.message()));
          }
        }
      }
    }
  }
}
