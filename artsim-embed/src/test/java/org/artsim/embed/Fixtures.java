package org.artsim.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the committed fixtures made by tools/fixtures/make_models.py. */
public final class Fixtures {
  /** The image names, in the order the expected-vector files list them. */
  public static final String[] IMAGES = {"landscape.png", "portrait_rgba.png", "small_grey.png"};

  private Fixtures() {}

  /** A fixture file as a path. */
  public static Path path(String relative) {
    try {
      var url = Fixtures.class.getResource("/fixtures/" + relative);
      if (url == null) {
        throw new IllegalStateException("missing fixture " + relative + "; run tools/fixtures/make_models.py");
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fixture file's bytes, gunzipped if it ends in .gz. */
  public static byte[] bytes(String relative) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + relative)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + relative);
      }
      return relative.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Little-endian float32 values. */
  public static float[] floats(String relative) {
    var b = ByteBuffer.wrap(bytes(relative)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  /** Row {@code row} of a row-major matrix with {@code cols} columns, L2-normalised. */
  public static float[] unitRow(float[] m, int cols, int row) {
    float[] v = new float[cols];
    System.arraycopy(m, row * cols, v, 0, cols);
    double ss = 0;
    for (float x : v) {
      ss += (double) x * x;
    }
    for (int i = 0; i < cols; i++) {
      v[i] = (float) (v[i] / Math.sqrt(ss));
    }
    return v;
  }

  /** The largest absolute difference of two equal-length arrays. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs((double) a[i] - b[i]));
    }
    return m;
  }
}
