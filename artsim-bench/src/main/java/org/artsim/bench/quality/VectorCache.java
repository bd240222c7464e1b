package org.artsim.bench.quality;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The vectors one embedding gave, per work, in an append-only file, so that a measurement never
 * embeds a work twice: runs resume where an earlier one stopped, and any subset of the corpus
 * reuses what is there. The file is keyed by the caller (embedding, its settings, how images were
 * read); a work is keyed by its content hash ({@link ClipArtCorpus.Work#id()}), so the corpus is
 * part of the key.
 *
 * <p>Format: {@code "AVC1"}, the dimension (int); then records of a 24-character ASCII id and
 * {@code dim} floats (big-endian). A record cut short by an interrupted run is ignored and
 * overwritten by the next append.
 */
final class VectorCache implements AutoCloseable {
  private static final int ID_LENGTH = 24;
  private static final byte[] MAGIC = "AVC1".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();
  private int dim;
  private DataOutputStream out;

  private VectorCache(Path file) {
    this.file = file;
  }

  /** Opens (or starts) the cache file, reading every complete record. */
  static VectorCache open(Path file) throws IOException {
    VectorCache c = new VectorCache(file);
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      c.load();
    }
    return c;
  }

  private void load() throws IOException {
    long good = 0;
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = in.readNBytes(4);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(file + " is not a vector cache; delete it");
      }
      dim = in.readInt();
      good = 8;
      byte[] id = new byte[ID_LENGTH];
      while (true) {
        try {
          in.readFully(id);
          float[] v = new float[dim];
          for (int i = 0; i < dim; i++) {
            v[i] = in.readFloat();
          }
          vectors.put(new String(id, StandardCharsets.US_ASCII), v);
          good += ID_LENGTH + 4L * dim;
        } catch (EOFException e) {
          break;
        }
      }
    } catch (EOFException e) {
      good = 0;
    }
    if (good < Files.size(file)) {
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(good);
      }
    }
  }

  /** The cached vector of a work; null when it has not been embedded. */
  float[] get(String id) {
    return vectors.get(id);
  }

  /** How many works are cached. */
  int size() {
    return vectors.size();
  }

  /** Appends a work's vector and flushes, so an interrupted run keeps it. */
  void put(String id, float[] v) throws IOException {
    if (id.length() != ID_LENGTH) {
      throw new IllegalArgumentException("work id must have " + ID_LENGTH + " characters, got " + id);
    }
    if (out == null) {
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      if (!fresh && dim != v.length) {
        throw new IOException(file + " holds " + dim + "-d vectors, got " + v.length + "-d; delete it");
      }
      OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
      if (fresh) {
        dim = v.length;
        out.write(MAGIC);
        out.writeInt(dim);
      }
    }
    if (v.length != dim) {
      throw new IOException(file + " holds " + dim + "-d vectors, got " + v.length + "-d");
    }
    out.write(id.getBytes(StandardCharsets.US_ASCII));
    for (float x : v) {
      out.writeFloat(x);
    }
    vectors.put(id, v);
  }

  /** Writes what is buffered. */
  void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
