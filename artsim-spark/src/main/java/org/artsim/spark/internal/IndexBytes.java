package org.artsim.spark.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.artsim.Artsim;
import org.artsim.StorageException;
import org.artsim.VectorIndex;

/**
 * Moves an artsim index to and from bytes in artsim's own file format (checksummed, versioned;
 * no Java serialisation), through a temporary file since indexes load from files.
 */
public final class IndexBytes {
  private IndexBytes() {}

  /** The index's saved file as bytes. */
  public static byte[] of(VectorIndex index) {
    Path tmp = null;
    try {
      Path dir = Files.createTempDirectory("artsim-spark");
      tmp = dir.resolve("index.artsim");
      index.save(tmp);
      byte[] bytes = Files.readAllBytes(tmp);
      Files.delete(tmp);
      Files.delete(dir);
      return bytes;
    } catch (IOException e) {
      throw new StorageException("could not write a temporary copy of the index (" + tmp + "): " + e.getMessage()
          + "; check that java.io.tmpdir has room", e);
    }
  }

  /** Loads an index from bytes made by {@link #of}. */
  public static VectorIndex load(byte[] bytes) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("artsim-spark", ".artsim");
      Files.write(tmp, bytes);
      return Artsim.loadIndex(tmp);
    } catch (IOException e) {
      throw new StorageException("could not write a temporary copy of the index (" + tmp + "): " + e.getMessage()
          + "; check that java.io.tmpdir has room", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file stays behind; nothing else depends on it
        }
      }
    }
  }
}
