package org.artsim.embed.image;

/**
 * Resizes 8-bit RGB images exactly as Pillow's {@code Image.resize} does (Pillow's {@code
 * libImaging/Resample.c}, unchanged since Pillow 4.3 and used by torchvision's {@code Resize} on PIL
 * images), so that preprocessing in Java gives bit-identical pixels to the Python pipelines models
 * were trained and exported with.
 *
 * <p>The algorithm is a separable convolution with antialiasing: when shrinking by a factor {@code
 * s > 1} the filter's support is widened by {@code s} (Ahn's &ldquo;convolution-based
 * interpolation&rdquo;). Per output coordinate the weights are {@code filter((x - center + 0.5) /
 * s)} normalised to sum 1, converted to fixed point with 22 fractional bits, and applied to 8-bit
 * samples with rounding; the horizontal pass runs first (over only the rows the vertical pass
 * needs) into an 8-bit intermediate, then the vertical pass. Filters: bilinear (triangle, support
 * 1) and bicubic (Keys' cubic with {@code a = -0.5}, support 2; R. Keys, &ldquo;Cubic convolution
 * interpolation for digital image processing&rdquo;, IEEE TASSP 29(6), 1981, doi:10.1109/TASSP.1981.1163711).
 *
 * <p>Stateless and thread-safe. Arrays are packed {@code 0xRRGGBB} ints, row-major; inputs are not
 * modified; outputs are new arrays owned by the caller.
 */
public final class PilResampler {
  /** The interpolation filter. */
  public enum Filter {
    /** Pillow's {@code Image.BILINEAR} (torchvision's default for {@code Resize}). */
    BILINEAR(1.0),
    /** Pillow's {@code Image.BICUBIC} (CLIP's preprocessing). */
    BICUBIC(2.0);

    final double support;

    Filter(double support) {
      this.support = support;
    }

    double weight(double x) {
      if (this == BILINEAR) {
        if (x < 0) {
          x = -x;
        }
        return x < 1.0 ? 1.0 - x : 0.0;
      }
      final double a = -0.5;
      if (x < 0) {
        x = -x;
      }
      if (x < 1.0) {
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
      }
      if (x < 2.0) {
        return (((x - 5) * x + 8) * x - 4) * a;
      }
      return 0.0;
    }
  }

  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResampler() {}

  /** Coefficients for one axis: bounds (first index, count) per output, and fixed-point weights. */
  private record Coefficients(int ksize, int[] bounds, int[] weights) {}

  private static Coefficients coefficients(int inSize, int outSize, Filter filter) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = filter.support * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] kk = new int[outSize * ksize];
    double[] k = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ww = 0.0;
      double ss = 1.0 / filterscale;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      for (int x = 0; x < xmax; x++) {
        double w = filter.weight((x + xmin - center + 0.5) * ss);
        k[x] = w;
        ww += w;
      }
      for (int x = 0; x < xmax; x++) {
        if (ww != 0.0) {
          k[x] /= ww;
        }
        double v = k[x] * (1 << PRECISION_BITS);
        kk[xx * ksize + x] = (int) (v < 0 ? -0.5 + v : 0.5 + v);
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    return new Coefficients(ksize, bounds, kk);
  }

  private static int clip8(int v) {
    int s = v >> PRECISION_BITS;
    return s < 0 ? 0 : Math.min(s, 255);
  }

  /**
   * Resizes a packed-RGB image to {@code outW} &times; {@code outH}.
   *
   * @throws IllegalArgumentException if a size is not positive or the array is too short
   */
  public static int[] resize(int[] rgb, int w, int h, int outW, int outH, Filter filter) {
    if (w <= 0 || h <= 0 || outW <= 0 || outH <= 0 || rgb.length < w * h) {
      throw new IllegalArgumentException("bad sizes " + w + "x" + h + " -> " + outW + "x" + outH);
    }
    boolean needH = outW != w;
    boolean needV = outH != h;
    Coefficients kv = coefficients(h, outH, filter);
    int yFirst = kv.bounds[0];
    int yLast = kv.bounds[outH * 2 - 2] + kv.bounds[outH * 2 - 1];
    int[] src = rgb;
    int srcW = w;
    int[] vb = kv.bounds.clone();
    if (needH) {
      Coefficients kh = coefficients(w, outW, filter);
      for (int i = 0; i < outH; i++) {
        vb[i * 2] -= yFirst;
      }
      int rows = yLast - yFirst;
      int[] tmp = new int[outW * rows];
      for (int y = 0; y < rows; y++) {
        int rowOff = (y + yFirst) * w;
        for (int xx = 0; xx < outW; xx++) {
          int xmin = kh.bounds[xx * 2];
          int xmax = kh.bounds[xx * 2 + 1];
          int kOff = xx * kh.ksize;
          int s0 = 1 << (PRECISION_BITS - 1);
          int s1 = s0;
          int s2 = s0;
          for (int x = 0; x < xmax; x++) {
            int p = rgb[rowOff + x + xmin];
            int c = kh.weights[kOff + x];
            s0 += ((p >>> 16) & 0xFF) * c;
            s1 += ((p >>> 8) & 0xFF) * c;
            s2 += (p & 0xFF) * c;
          }
          tmp[y * outW + xx] = (clip8(s0) << 16) | (clip8(s1) << 8) | clip8(s2);
        }
      }
      src = tmp;
      srcW = outW;
    }
    if (!needV) {
      if (src == rgb) {
        return java.util.Arrays.copyOf(rgb, w * h);
      }
      return src;
    }
    int[] out = new int[outW * outH];
    for (int yy = 0; yy < outH; yy++) {
      int kOff = yy * kv.ksize;
      int ymin = vb[yy * 2];
      int ymax = vb[yy * 2 + 1];
      for (int xx = 0; xx < srcW; xx++) {
        int s0 = 1 << (PRECISION_BITS - 1);
        int s1 = s0;
        int s2 = s0;
        for (int y = 0; y < ymax; y++) {
          int p = src[(y + ymin) * srcW + xx];
          int c = kv.weights[kOff + y];
          s0 += ((p >>> 16) & 0xFF) * c;
          s1 += ((p >>> 8) & 0xFF) * c;
          s2 += (p & 0xFF) * c;
        }
        out[yy * outW + xx] = (clip8(s0) << 16) | (clip8(s1) << 8) | clip8(s2);
      }
    }
    return out;
  }
}
