package org.artsim.collection.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.artsim.FileFormatException;
import org.artsim.InvalidArgumentException;
import org.artsim.StorageException;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;

/**
 * The progress of one vector import on disk: a fingerprint of the file and options, the number of
 * data rows committed (added to the index, or reported) and the id of the last item added, written
 * atomically and checksummed after each commit. A re-run skips the committed rows after checking
 * that the index holds the last id (so an index that was not saved with the checkpoint is refused
 * rather than silently missing rows).
 *
 * <p>The fingerprint covers the file's path, length, modification time and the CRC-32C of its first
 * 64 KiB, the sidecars' paths and lengths, the options that shape rows, and the index's dimension and
 * metric; reading the whole file for a checksum would cost a pass over files of many gigabytes.
 *
 * @param file where the checkpoint lives
 * @param fingerprint what it was made for
 * @param committed data rows committed
 * @param lastId the id of the last item added, or null if none was
 */
record VectorImportCheckpoint(Path file, String fingerprint, long committed, String lastId) {
  static final String FORMAT = "artsim.collection.vector-import";

  /** The fingerprint of an import. */
  static String fingerprint(Path vectors, VectorImportOptions.Format format, VectorImportOptions o, VectorIndex index) {
    var crc = new CRC32C();
    try (InputStream in = Files.newInputStream(vectors)) {
      byte[] head = in.readNBytes(1 << 16);
      crc.update(head);
      return "file=" + vectors.toAbsolutePath().normalize() + ";length=" + Files.size(vectors) + ";modified=" + Files.getLastModifiedTime(vectors).toMillis() + ";head-crc32c="
          + Long.toHexString(crc.getValue()) + ";format=" + format + ";id=" + o.idColumn() + ";vector=" + o.vectorColumns() + ";labels=" + o.labelColumns() + ";ids="
          + sidecar(o.idsFile()) + ";labelsFile=" + sidecar(o.labelsFile()) + ";index=" + index.dimension() + "/" + index.metric();
    } catch (IOException e) {
      throw new StorageException("could not read the vector file " + vectors + ": " + e + "; check the path", e);
    }
  }

  private static String sidecar(Path p) throws IOException {
    return p == null ? "none" : p.toAbsolutePath().normalize() + "@" + Files.size(p);
  }

  /** The checkpoint in {@code file}, or a fresh one (nothing committed) if there is none. */
  static VectorImportCheckpoint open(Path file, String fingerprint) {
    if (!Files.exists(file)) {
      return new VectorImportCheckpoint(file, fingerprint, 0, null);
    }
    VectorImportCheckpoint stored;
    try {
      stored = ArtsimFiles.read(file, FORMAT, 1, (in, v) -> {
        String fp = in.readString();
        long committed = in.readLong();
        String last = in.readBoolean() ? in.readString() : null;
        if (fp == null || committed < 0) {
          throw in.corrupt("the checkpoint holds no fingerprint or a negative row count");
        }
        return new VectorImportCheckpoint(file, fp, committed, last);
      });
    } catch (FileFormatException e) {
      throw new FileFormatException("the import checkpoint " + file + " cannot be read (" + e.getMessage() + "); delete it to import from the start into a fresh index", e);
    }
    if (!stored.fingerprint().equals(fingerprint)) {
      throw new InvalidArgumentException("the import checkpoint " + file + " was made for another vector file, options or index (" + stored.fingerprint()
          + "); delete it to start over, or give another checkpoint file");
    }
    return stored;
  }

  /** The checkpoint after more rows were committed, written atomically. */
  VectorImportCheckpoint commit(long rows, String last) {
    var next = new VectorImportCheckpoint(file, fingerprint, rows, last);
    ArtsimFiles.write(file, FORMAT, 1, out -> {
      out.writeString(fingerprint);
      out.writeLong(rows);
      out.writeBoolean(last != null);
      if (last != null) {
        out.writeString(last);
      }
    });
    return next;
  }

  /** Deletes the file. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StorageException("could not delete the import checkpoint " + file + ": " + e + "; delete it by hand", e);
    }
  }
}
