package org.artsim.collection.ingest;

import java.nio.file.Path;
import java.util.List;
import org.artsim.ConfigException;
import org.artsim.ProgressListener;

/**
 * How {@link VectorImporter} reads a vector file into an index. {@link #defaults()} holds every
 * default in one place; the {@code with...} methods return changed copies.
 *
 * @param format the file format, or {@link Format#AUTO} (by extension: {@code .npy}, {@code
 *     .fvecs}, {@code .bvecs}, {@code .ivecs}, {@code .jsonl}/{@code .ndjson}/{@code .json},
 *     anything else CSV)
 * @param idColumn the CSV column or JSON key holding the id (default {@code "id"}); also the column of
 *     the labels sidecar that, when present, must repeat each row's id
 * @param vectorColumns where the vector is: one name, whose value is a JSON array of numbers
 *     ({@code "[0.1, 0.2]"} in CSV, an array in JSON); several names, one number each; or empty
 *     (the default): the column or key {@code "vector"} if present, else every CSV column that is
 *     neither the id nor a label column, in header order
 * @param labelColumns the CSV columns or JSON keys copied to the item's labels (the column name
 *     is the label field; blank values are left out); for binary files, see {@code labelsFile}
 * @param idsFile a UTF-8 text file with one id per line, row for row, for binary files; null
 *     means ids are the 0-based row index ({@code "0"}, {@code "1"}, ...), as NumPy numbers rows
 * @param labelsFile a CSV file with a header of label field names and one row per vector row,
 *     for binary files (an {@code idColumn} column in it is checked against the row's id); null for none
 * @param batchSize rows handed to {@code VectorIndex.addAll} at a time, in [1, 65536] (default 1024)
 * @param onBadRow what a bad row does: {@link OnBadRow#FAIL} (default) throws a typed exception
 *     naming the file and row; {@link OnBadRow#SKIP} reports it in the {@link VectorImportReport}
 *     and goes on
 * @param checkpoint a file recording how many rows were committed, so that a run stopped by a
 *     crash or an interrupt continues where it stopped; null for none (default). Deleted after a
 *     successful import.
 * @param saveIndexTo where the index is saved before each checkpoint (so the checkpoint never
 *     runs ahead of a saved index); null when the index is persisted by the caller
 * @param saveEveryRows with {@code saveIndexTo}: rows between saves, at least 1 (default 1,000,000)
 * @param maxRowBytes the longest CSV record or JSON line, id line or label row read, in bytes, in
 *     [1 KiB, 64 MiB] (default 8 MiB); longer rows are skipped without being kept
 * @param maxProblemsKept the most row problems kept in the report (the count covers all), at least 0
 *     (default 1,000), so a file of bad rows cannot fill the memory
 * @param listener progress of the import
 */
public record VectorImportOptions(
    Format format,
    String idColumn,
    List<String> vectorColumns,
    List<String> labelColumns,
    Path idsFile,
    Path labelsFile,
    int batchSize,
    OnBadRow onBadRow,
    Path checkpoint,
    Path saveIndexTo,
    long saveEveryRows,
    int maxRowBytes,
    int maxProblemsKept,
    ProgressListener listener) {

  /** The default {@link #batchSize()}. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  /** The default {@link #maxRowBytes()}. */
  public static final int DEFAULT_MAX_ROW_BYTES = 8 << 20;

  /** The default {@link #saveEveryRows()}. */
  public static final long DEFAULT_SAVE_EVERY_ROWS = 1_000_000;

  /** The default {@link #maxProblemsKept()}. */
  public static final int DEFAULT_MAX_PROBLEMS_KEPT = 1000;

  /** Vector file formats. */
  public enum Format {
    /** By extension. */
    AUTO,
    /** NumPy {@code .npy}, format version 1, 2 or 3: a 2-D C-order array of float32 or float64, either byte order. */
    NPY,
    /** {@code .fvecs}: per row an int32 little-endian dimension, then that many float32. */
    FVECS,
    /** {@code .bvecs}: per row an int32 little-endian dimension, then that many unsigned bytes. */
    BVECS,
    /** {@code .ivecs}: per row an int32 little-endian dimension, then that many int32. */
    IVECS,
    /** RFC 4180 CSV with a header row, UTF-8. */
    CSV,
    /** One JSON object per line, UTF-8. */
    JSON_LINES
  }

  /** What a bad row does. */
  public enum OnBadRow {
    /** Stop with a typed exception naming the file, the row and what to do; earlier batches stay added. */
    FAIL,
    /** Leave the row out, report it and go on. */
    SKIP
  }

  /** Validates the options and fills in defaults for nulls. */
  public VectorImportOptions {
    format = format == null ? Format.AUTO : format;
    onBadRow = onBadRow == null ? OnBadRow.FAIL : onBadRow;
    listener = listener == null ? ProgressListener.NONE : listener;
    vectorColumns = vectorColumns == null ? List.of() : List.copyOf(vectorColumns);
    labelColumns = labelColumns == null ? List.of() : List.copyOf(labelColumns);
    if (idColumn == null || idColumn.isBlank()) {
      throw new ConfigException("vector import: id_column is null or blank; name the column that holds the ids (default \"id\")");
    }
    for (String c : vectorColumns) {
      if (c == null || c.isBlank()) {
        throw new ConfigException("vector import: vector_columns holds a null or blank name; name every vector column");
      }
    }
    for (String c : labelColumns) {
      if (c == null || c.isBlank()) {
        throw new ConfigException("vector import: label_columns holds a null or blank name; name every label column");
      }
      if (c.equals(idColumn) || vectorColumns.contains(c)) {
        throw new ConfigException("vector import: the label column '" + c + "' is also the id or a vector column; give it one role");
      }
    }
    if (batchSize < 1 || batchSize > 65_536) {
      throw new ConfigException("vector import: batch_size must be in [1, 65536], got " + batchSize);
    }
    if (saveEveryRows < 1) {
      throw new ConfigException("vector import: save_every_rows must be >= 1, got " + saveEveryRows);
    }
    if (saveIndexTo != null && checkpoint == null) {
      throw new ConfigException("vector import: save_index_to is set without a checkpoint; give a checkpoint file too (the saved index and the checkpoint go together)");
    }
    if (maxRowBytes < 1024 || maxRowBytes > (64 << 20)) {
      throw new ConfigException("vector import: max_row_bytes must be in [1024, 67108864], got " + maxRowBytes);
    }
    if (maxProblemsKept < 0) {
      throw new ConfigException("vector import: max_problems_kept must be >= 0, got " + maxProblemsKept);
    }
  }

  /** The defaults: format by extension, ids from column {@code id} or row numbers, batches of 1,024, fail on a bad row, no checkpoint. */
  public static VectorImportOptions defaults() {
    return new VectorImportOptions(
        Format.AUTO, "id", List.of(), List.of(), null, null, DEFAULT_BATCH_SIZE, OnBadRow.FAIL, null, null, DEFAULT_SAVE_EVERY_ROWS, DEFAULT_MAX_ROW_BYTES,
        DEFAULT_MAX_PROBLEMS_KEPT, ProgressListener.NONE);
  }

  /** A copy with a format. */
  public VectorImportOptions withFormat(Format f) {
    return new VectorImportOptions(f, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with another id column. */
  public VectorImportOptions withIdColumn(String c) {
    return new VectorImportOptions(format, c, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with the vector in these columns (one: a JSON array; several: one number each). */
  public VectorImportOptions withVectorColumns(List<String> c) {
    return new VectorImportOptions(format, idColumn, c, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with these label columns. */
  public VectorImportOptions withLabelColumns(List<String> c) {
    return new VectorImportOptions(format, idColumn, vectorColumns, c, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with an ids sidecar file (binary formats). */
  public VectorImportOptions withIdsFile(Path p) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, p, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with a labels sidecar CSV (binary formats). */
  public VectorImportOptions withLabelsFile(Path p) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, p, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with another batch size. */
  public VectorImportOptions withBatchSize(int n) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, n, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with another bad-row behaviour. */
  public VectorImportOptions withOnBadRow(OnBadRow b) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, b, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with a checkpoint file. */
  public VectorImportOptions withCheckpoint(Path p) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, p, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy that saves the index to {@code p} every {@code rows} rows, before each checkpoint. */
  public VectorImportOptions withSaveIndexTo(Path p, long rows) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, p, rows, maxRowBytes, maxProblemsKept, listener);
  }

  /** A copy with another row limit in bytes. */
  public VectorImportOptions withMaxRowBytes(int n) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, n, maxProblemsKept, listener);
  }

  /** A copy that keeps at most {@code n} problems in the report. */
  public VectorImportOptions withMaxProblemsKept(int n) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, n, listener);
  }

  /** A copy with a progress listener. */
  public VectorImportOptions withListener(ProgressListener l) {
    return new VectorImportOptions(format, idColumn, vectorColumns, labelColumns, idsFile, labelsFile, batchSize, onBadRow, checkpoint, saveIndexTo, saveEveryRows, maxRowBytes, maxProblemsKept, l);
  }
}
