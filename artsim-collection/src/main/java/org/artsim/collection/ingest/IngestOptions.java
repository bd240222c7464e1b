package org.artsim.collection.ingest;

import java.nio.file.Path;
import org.artsim.ConfigException;
import org.artsim.ProgressListener;

/**
 * How to ingest a catalogue.
 *
 * @param mapping which columns fill which fields
 * @param format the file format, or {@link Format#AUTO} (by extension: {@code .jsonl}, {@code
 *     .ndjson}, {@code .json} are JSON Lines, anything else CSV)
 * @param checkpointDir where embedding progress is checkpointed; null means {@code
 *     <catalogue>.ingest} beside the catalogue
 * @param batchSize images embedded (and checkpointed) per batch, in [1, 4096]
 * @param keepCheckpoint whether to keep the checkpoint after a successful ingestion (default: delete it)
 * @param imageBase the directory relative image paths are resolved against; null means the catalogue's directory
 * @param listener progress of the embedding
 * @param maxRowBytes the longest row (CSV record or JSON line) read, in bytes, in [1 KiB, 64 MiB];
 *     longer rows are skipped without being kept and reported {@code TOO_LONG} (default 1 MiB)
 * @param maxFieldChars the longest field kept, in characters, at least 1; a row with a longer field
 *     is reported {@code TOO_LONG} (default 65,536)
 * @param recordFormat a museum export format whose records are flattened before the mapping reads
 *     them, or null for plain CSV / JSON Lines ({@link #withRecordFormat})
 */
public record IngestOptions(
    ColumnMapping mapping,
    Format format,
    Path checkpointDir,
    int batchSize,
    boolean keepCheckpoint,
    Path imageBase,
    ProgressListener listener,
    int maxRowBytes,
    int maxFieldChars,
    RecordFormat recordFormat) {

  /** The default {@link #maxRowBytes()}. */
  public static final int DEFAULT_MAX_ROW_BYTES = 1 << 20;

  /** The default {@link #maxFieldChars()}. */
  public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 16;

  /** Catalogue file formats. */
  public enum Format {
    /** By extension. */
    AUTO,
    /** RFC 4180 CSV with a header row, UTF-8. */
    CSV,
    /** One JSON object per line, UTF-8. */
    JSON_LINES
  }

  /** The options without a record format (plain CSV or JSON Lines). */
  public IngestOptions(
      ColumnMapping mapping, Format format, Path checkpointDir, int batchSize, boolean keepCheckpoint, Path imageBase, ProgressListener listener, int maxRowBytes, int maxFieldChars) {
    this(mapping, format, checkpointDir, batchSize, keepCheckpoint, imageBase, listener, maxRowBytes, maxFieldChars, null);
  }

  /** Validates the options. */
  public IngestOptions {
    if (mapping == null) {
      throw new ConfigException("ingest: mapping is null; give a ColumnMapping (ColumnMapping.standard() for artsim's own columns)");
    }
    format = format == null ? Format.AUTO : format;
    listener = listener == null ? ProgressListener.NONE : listener;
    if (batchSize < 1 || batchSize > 4096) {
      throw new ConfigException("ingest: batch_size must be in [1, 4096], got " + batchSize);
    }
    if (maxRowBytes < 1024 || maxRowBytes > (64 << 20)) {
      throw new ConfigException("ingest: max_row_bytes must be in [1024, 67108864], got " + maxRowBytes);
    }
    if (maxFieldChars < 1) {
      throw new ConfigException("ingest: max_field_chars must be >= 1, got " + maxFieldChars);
    }
  }

  /** The defaults for a mapping: auto format, checkpoint beside the catalogue, batches of 32. */
  public static IngestOptions of(ColumnMapping mapping) {
    return new IngestOptions(mapping, Format.AUTO, null, 32, false, null, ProgressListener.NONE, DEFAULT_MAX_ROW_BYTES, DEFAULT_MAX_FIELD_CHARS, null);
  }

  /** A copy with a format. */
  public IngestOptions withFormat(Format f) {
    return new IngestOptions(mapping, f, checkpointDir, batchSize, keepCheckpoint, imageBase, listener, maxRowBytes, maxFieldChars, recordFormat);
  }

  /** A copy with a checkpoint directory. */
  public IngestOptions withCheckpointDir(Path dir) {
    return new IngestOptions(mapping, format, dir, batchSize, keepCheckpoint, imageBase, listener, maxRowBytes, maxFieldChars, recordFormat);
  }

  /** A copy with a batch size. */
  public IngestOptions withBatchSize(int n) {
    return new IngestOptions(mapping, format, checkpointDir, n, keepCheckpoint, imageBase, listener, maxRowBytes, maxFieldChars, recordFormat);
  }

  /** A copy that keeps or deletes the checkpoint after success. */
  public IngestOptions withKeepCheckpoint(boolean keep) {
    return new IngestOptions(mapping, format, checkpointDir, batchSize, keep, imageBase, listener, maxRowBytes, maxFieldChars, recordFormat);
  }

  /** A copy with an image base directory. */
  public IngestOptions withImageBase(Path dir) {
    return new IngestOptions(mapping, format, checkpointDir, batchSize, keepCheckpoint, dir, listener, maxRowBytes, maxFieldChars, recordFormat);
  }

  /** A copy with another row limit in bytes. */
  public IngestOptions withMaxRowBytes(int n) {
    return new IngestOptions(mapping, format, checkpointDir, batchSize, keepCheckpoint, imageBase, listener, n, maxFieldChars, recordFormat);
  }

  /** A copy with another field limit in characters. */
  public IngestOptions withMaxFieldChars(int n) {
    return new IngestOptions(mapping, format, checkpointDir, batchSize, keepCheckpoint, imageBase, listener, maxRowBytes, n, recordFormat);
  }

  /**
   * A copy that reads a museum export format: its mapping replaces this one's, and JSON documents
   * are streamed record by record (see {@link RecordFormat}); null goes back to plain CSV / JSON Lines
   * (keeping the mapping).
   */
  public IngestOptions withRecordFormat(RecordFormat f) {
    return new IngestOptions(f == null ? mapping : f.mapping(), format, checkpointDir, batchSize, keepCheckpoint, imageBase, listener, maxRowBytes, maxFieldChars, f);
  }

  /** The defaults for a museum export format: its mapping, checkpoint beside the catalogue, batches of 32. */
  public static IngestOptions of(RecordFormat f) {
    if (f == null) {
      throw new ConfigException("ingest: record format is null; give one, e.g. MuseumFormat.byName(\"met-csv\")");
    }
    return of(f.mapping()).withRecordFormat(f);
  }

  /** A copy with a progress listener. */
  public IngestOptions withListener(ProgressListener l) {
    return new IngestOptions(mapping, format, checkpointDir, batchSize, keepCheckpoint, imageBase, l, maxRowBytes, maxFieldChars, recordFormat);
  }
}
