package org.artsim.index.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.artsim.StorageException;

/**
 * Fixed-width rows of bytes in memory-mapped file segments, addressed by {@code int} row and
 * {@code long} byte offset, so that no size is limited to 2^31 bytes.
 *
 * <p>Rows {@code [0, baseRows)} may come from a region of a saved file, mapped copy-on-write
 * ({@link FileChannel.MapMode#PRIVATE}, which the JDK allows only on a channel opened for reading
 * and writing): changes stay in this process and the file is never written. Over a read-only
 * channel the region is mapped {@code READ_ONLY}, and the first write to one of its rows copies
 * all rows into growth chunks first ({@link #writableSegment}). Rows beyond it live in chunks of {@code chunkRows} rows (about 64 MiB each) mapped
 * read-write from a growth file that is created in a directory and unlinked at once (on platforms
 * that refuse, at {@link #close()}), so nothing is left behind even after a crash; growing maps a
 * new chunk and never moves a row. All mappings belong to one shared arena, which {@link #close()}
 * closes: that unmaps everything.
 *
 * <p>Part of artsim-index's implementation. Not thread-safe: the owning index guards it (reads
 * under its read lock, growth and close under its write lock).
 */
public final class MappedRows {
  /** The target size of one growth chunk. */
  static final long CHUNK_BYTES = 64L << 20;

  private final long rowBytes;
  private final Object arena;
  private Object base;
  private int baseRows;
  private boolean baseReadOnly;
  private final int chunkRows;
  private final Path directory;
  private final List<Object> chunks = new ArrayList<>();
  private FileChannel growth;
  /** Chunks mapped from the growth file so far (also those left behind by {@link #copyBaseToChunks}). */
  private long growthChunks;
  /** Bytes still mapped but no longer used (left behind by {@link #copyBaseToChunks}). */
  private long mappedAway;
  private Path growthPath;
  private boolean closed;

  private MappedRows(long rowBytes, Object base, int baseRows, Path directory, Object arena, long chunkBytes) {
    if (rowBytes <= 0) {
      throw new IllegalArgumentException("rowBytes " + rowBytes);
    }
    this.rowBytes = rowBytes;
    this.arena = arena;
    this.base = base;
    this.baseRows = baseRows;
    this.directory = directory;
    this.chunkRows = (int) Math.max(1, Math.min(ItemStore.MAX_SLOTS, chunkBytes / rowBytes));
  }

  /** Empty rows of {@code rowBytes} bytes; growth chunks go to a file in {@code directory} (null: the temporary directory). */
  public static MappedRows create(long rowBytes, Path directory) {
    return create(rowBytes, directory, CHUNK_BYTES);
  }

  /** As {@link #create(long, Path)} with growth chunks of about {@code chunkBytes} (tests use small ones). */
  static MappedRows create(long rowBytes, Path directory, long chunkBytes) {
    return new MappedRows(rowBytes, null, 0, directory, Foreign.sharedArena(), chunkBytes);
  }

  /**
   * Rows {@code [0, rows)} mapped copy-on-write from {@code channel} at byte {@code offset}
   * ({@code rows * rowBytes} bytes, which the caller has checked lie inside the file); growth
   * chunks go to {@code directory}.
   */
  public static MappedRows open(FileChannel channel, long offset, int rows, long rowBytes, Path directory, boolean channelWritable) throws IOException {
    Object arena = Foreign.sharedArena();
    try {
      var mode = channelWritable ? FileChannel.MapMode.PRIVATE : FileChannel.MapMode.READ_ONLY;
      Object base = rows == 0 ? null : Foreign.map(channel, mode, offset, rows * rowBytes, arena);
      var out = new MappedRows(rowBytes, base, rows, directory, arena, CHUNK_BYTES);
      out.baseReadOnly = !channelWritable;
      return out;
    } catch (IOException | RuntimeException e) {
      Foreign.close(arena);
      throw e;
    }
  }

  /** The bytes of one row. */
  public long rowBytes() {
    return rowBytes;
  }

  /** The rows there is room for without mapping more. */
  public long capacity() {
    return baseRows + (long) chunks.size() * chunkRows;
  }

  /** Rows per growth chunk. */
  int chunkRows() {
    return chunkRows;
  }

  /** Maps growth chunks until {@code rows} rows fit. */
  public void ensureCapacity(int rows) {
    while (capacity() < rows) {
      mapChunk();
    }
  }

  /** Maps one more growth chunk at the end of the growth file. */
  private void mapChunk() {
    try {
        if (growth == null) {
          Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
          Files.createDirectories(dir);
          growthPath = Files.createTempFile(dir, "artsim-rows-", ".tmp");
          growth = FileChannel.open(growthPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
          try {
            Files.delete(growthPath);
            growthPath = null;
          } catch (IOException e) {
            // some platforms cannot unlink an open file: close() removes it
          }
        }
        long chunkBytes = chunkRows * rowBytes;
        chunks.add(Foreign.map(growth, FileChannel.MapMode.READ_WRITE, growthChunks * chunkBytes, chunkBytes, arena));
        growthChunks++;
      } catch (IOException e) {
        throw new StorageException(
            "could not map " + (chunkRows * rowBytes >> 20) + " MiB more for vectors in " + (directory != null ? directory : "the temporary directory")
                + ": " + e + "; free disk space or set the index's directory to a larger disk",
            e);
    }
  }

  /** The segment holding {@code row}. */
  public Object segment(int row) {
    if (row < baseRows) {
      return base;
    }
    return chunks.get((row - baseRows) / chunkRows);
  }

  /** The segment holding {@code row}, to be written (see the class comment for read-only file regions). */
  public Object writableSegment(int row) {
    if (row < baseRows && baseReadOnly) {
      copyBaseToChunks();
    }
    return segment(row);
  }

  /** Moves every row into growth chunks, so that none lies in the read-only file region. */
  private void copyBaseToChunks() {
    int held = (int) capacity();
    List<Object> old = new ArrayList<>(chunks);
    int oldBase = baseRows;
    Object oldBaseSegment = base;
    int firstNew = chunks.size();
    while ((long) (chunks.size() - firstNew) * chunkRows < held) {
      mapChunk();
    }
    byte[] buf = new byte[(int) rowBytes];
    for (int r = 0; r < held; r++) {
      Object from = r < oldBase ? oldBaseSegment : old.get((r - oldBase) / chunkRows);
      long fromOff = r < oldBase ? r * rowBytes : ((r - oldBase) % chunkRows) * rowBytes;
      Foreign.readBytes(from, fromOff, buf, 0, buf.length);
      Foreign.writeBytes(buf, 0, chunks.get(firstNew + r / chunkRows), (r % chunkRows) * rowBytes, buf.length);
    }
    var moved = new ArrayList<>(chunks.subList(firstNew, chunks.size()));
    chunks.clear();
    chunks.addAll(moved);
    base = null;
    baseRows = 0;
    baseReadOnly = false;
    mappedAway += oldBase * rowBytes + old.size() * chunkRows * rowBytes;
  }

  /** The byte offset of {@code row} inside {@link #segment(int)}. */
  public long offset(int row) {
    if (row < baseRows) {
      return row * rowBytes;
    }
    return ((row - baseRows) % chunkRows) * rowBytes;
  }

  /** The end (exclusive, at most {@code to}) of the run of rows from {@code row} that lie in the same segment. */
  public int runEnd(int row, int to) {
    if (row < baseRows) {
      return Math.min(to, baseRows);
    }
    long chunkEnd = baseRows + ((long) (row - baseRows) / chunkRows + 1) * chunkRows;
    return (int) Math.min(to, chunkEnd);
  }

  /** Bytes mapped (virtual size, not necessarily resident). */
  public long mappedBytes() {
    return (base == null ? 0 : Foreign.byteSize(base)) + chunks.size() * chunkRows * rowBytes + mappedAway;
  }

  /** Unmaps every segment and removes the growth file; idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Foreign.close(arena);
    try {
      if (growth != null) {
        growth.close();
      }
      if (growthPath != null) {
        Files.deleteIfExists(growthPath);
      }
    } catch (IOException e) {
      throw new StorageException("could not remove the temporary vector file " + growthPath + ": " + e + "; delete it by hand", e);
    }
  }
}
