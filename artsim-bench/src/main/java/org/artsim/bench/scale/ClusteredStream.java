package org.artsim.bench.scale;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.artsim.bench.data.ClusteredRecipe;

/**
 * The clip512 vectors of {@link org.artsim.bench.data.ClusteredVectors}, drawn one row at a time and
 * written straight to a {@code .npy} or {@code .fvecs} file, so that millions of rows never sit in
 * memory. Same recipe, same random stream, same rows: row {@code i} here equals {@code
 * ClusteredVectors.generate(n, queries, dim, seed).base()[i]} (a test checks it), and the queries
 * follow the base rows in the stream.
 */
final class ClusteredStream {
  private ClusteredStream() {}

  /** The file formats the harness writes. */
  enum Format {
    NPY(".npy"),
    FVECS(".fvecs");

    final String extension;

    Format(String extension) {
      this.extension = extension;
    }
  }

  /**
   * Writes {@code n} base rows to {@code file} and returns the {@code queries} query rows.
   *
   * @param centres cluster centres (1,000 for clip512)
   * @param sigma noise (0.6 for clip512)
   */
  static float[][] write(Path file, Format format, int n, int queries, int dim, int centres, double sigma, long seed) {
    var r = new SplittableRandom(seed);
    float[][] c = ClusteredRecipe.centres(r, centres, dim);
    double scale = sigma / Math.sqrt(dim);
    float[] row = new float[dim];
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      if (format == Format.NPY) {
        out.write(npyHeader(n, dim));
      }
      for (int p = 0; p < n; p++) {
        ClusteredRecipe.draw(r, c, scale, row);
        buf.clear();
        if (format == Format.FVECS) {
          buf.putInt(dim);
        }
        for (float x : row) {
          buf.putFloat(x);
        }
        out.write(buf.array(), 0, buf.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    float[][] q = new float[queries][dim];
    for (float[] v : q) {
      ClusteredRecipe.draw(r, c, scale, v);
    }
    return q;
  }

  /** A version 1.0 .npy header for a little-endian float32 array of shape (n, dim), padded to 64 bytes. */
  static byte[] npyHeader(int n, int dim) {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + dim + "), }";
    int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) h.length());
    b.put(h.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }
}
