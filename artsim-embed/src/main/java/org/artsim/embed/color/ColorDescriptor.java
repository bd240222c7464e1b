package org.artsim.embed.color;

import java.awt.image.BufferedImage;
import org.artsim.embed.ColorConfig;
import org.artsim.embed.image.PilResampler;

/** Computes the colour/texture descriptor documented on {@link ColorEmbedderProvider}. Thread-safe. */
final class ColorDescriptor {
  static final int L_BINS = 4;
  static final int AB_BINS = 6;
  static final int COLOR = L_BINS * AB_BINS * AB_BINS;
  static final int ORIENT_BINS = 8;
  static final int CELLS = 2;
  static final int ORIENT = CELLS * CELLS * ORIENT_BINS;
  static final int EDGE_BINS = 8;
  static final int DIMENSION = COLOR + ORIENT + EDGE_BINS;
  private static final double AB_MIN = -50;
  private static final double AB_STEP = 20;
  private static final double EDGE_MAX = 10.5;

  private static final double[] LINEAR = new double[256];

  static {
    for (int i = 0; i < 256; i++) {
      double c = i / 255.0;
      LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
  }

  private final ColorConfig config;

  ColorDescriptor(ColorConfig config) {
    this.config = config;
  }

  float[] describe(BufferedImage rgbImage) {
    int w = rgbImage.getWidth();
    int h = rgbImage.getHeight();
    int[] px = rgbImage.getRGB(0, 0, w, h, null, 0, w);
    int max = config.workingSize();
    if (w > max || h > max) {
      int nw;
      int nh;
      if (w >= h) {
        nw = max;
        nh = Math.max(1, (int) Math.round((double) h * max / w));
      } else {
        nh = max;
        nw = Math.max(1, (int) Math.round((double) w * max / h));
      }
      px = PilResampler.resize(px, w, h, nw, nh, PilResampler.Filter.BILINEAR);
      w = nw;
      h = nh;
    }
    double[] v = new double[DIMENSION];
    colour(px, v);
    texture(px, w, h, v);
    finishBlock(v, 0, COLOR, config.colorWeight());
    finishBlock(v, COLOR, ORIENT, config.orientationWeight());
    finishBlock(v, COLOR + ORIENT, EDGE_BINS, config.edgeWeight());
    double ss = 0;
    for (double x : v) {
      ss += x * x;
    }
    double inv = 1.0 / Math.sqrt(ss);
    float[] out = new float[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      out[i] = (float) (v[i] * inv);
    }
    return out;
  }

  private static void colour(int[] px, double[] v) {
    for (int p : px) {
      double r = LINEAR[(p >>> 16) & 0xFF];
      double g = LINEAR[(p >>> 8) & 0xFF];
      double b = LINEAR[p & 0xFF];
      double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
      double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
      double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
      double fx = f(x);
      double fy = f(y);
      double fz = f(z);
      double lStar = 116 * fy - 16;
      double aStar = 500 * (fx - fy);
      double bStar = 200 * (fy - fz);
      // continuous bin coordinates: centre of bin i is at coordinate i
      double cl = clamp(lStar / 25.0 - 0.5, L_BINS - 1);
      double ca = clamp((aStar - AB_MIN) / AB_STEP, AB_BINS - 1);
      double cb = clamp((bStar - AB_MIN) / AB_STEP, AB_BINS - 1);
      int l0 = (int) cl;
      int a0 = (int) ca;
      int b0 = (int) cb;
      double fl = cl - l0;
      double fa = ca - a0;
      double fb = cb - b0;
      for (int dl = 0; dl <= 1; dl++) {
        double wl = dl == 0 ? 1 - fl : fl;
        if (wl == 0) {
          continue;
        }
        for (int da = 0; da <= 1; da++) {
          double wa = da == 0 ? 1 - fa : fa;
          if (wa == 0) {
            continue;
          }
          for (int db = 0; db <= 1; db++) {
            double wb = db == 0 ? 1 - fb : fb;
            if (wb == 0) {
              continue;
            }
            v[((l0 + dl) * AB_BINS + a0 + da) * AB_BINS + b0 + db] += wl * wa * wb;
          }
        }
      }
    }
  }

  private static double f(double t) {
    return t > 216.0 / 24389.0 ? Math.cbrt(t) : (24389.0 / 27.0 * t + 16) / 116;
  }

  private static double clamp(double c, int last) {
    return c < 0 ? 0 : Math.min(c, last);
  }

  private static void texture(int[] px, int w, int h, double[] v) {
    if (w < 3 || h < 3) {
      return;
    }
    double[] grey = new double[w * h];
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      grey[i] = 0.299 * ((p >>> 16) & 0xFF) + 0.587 * ((p >>> 8) & 0xFF) + 0.114 * (p & 0xFF);
    }
    for (int y = 1; y < h - 1; y++) {
      int cy = y * CELLS / h;
      for (int x = 1; x < w - 1; x++) {
        int i = y * w + x;
        double gx = (grey[i - w + 1] + 2 * grey[i + 1] + grey[i + w + 1]) - (grey[i - w - 1] + 2 * grey[i - 1] + grey[i + w - 1]);
        double gy = (grey[i + w - 1] + 2 * grey[i + w] + grey[i + w + 1]) - (grey[i - w - 1] + 2 * grey[i - w] + grey[i - w + 1]);
        double m = Math.sqrt(gx * gx + gy * gy);
        double e = clamp(Math.log1p(m) / Math.log(2) / EDGE_MAX * EDGE_BINS - 0.5, EDGE_BINS - 1);
        int e0 = (int) e;
        double fe = e - e0;
        v[COLOR + ORIENT + e0] += 1 - fe;
        if (fe > 0) {
          v[COLOR + ORIENT + e0 + 1] += fe;
        }
        if (m < 1e-9) {
          continue;
        }
        double theta = Math.atan2(gy, gx);
        if (theta < 0) {
          theta += Math.PI;
        }
        double co = theta / Math.PI * ORIENT_BINS - 0.5;
        if (co < 0) {
          co += ORIENT_BINS;
        }
        int o0 = (int) co % ORIENT_BINS;
        double fo = co - Math.floor(co);
        int o1 = (o0 + 1) % ORIENT_BINS;
        int cx = x * CELLS / w;
        int base = COLOR + (cy * CELLS + cx) * ORIENT_BINS;
        v[base + o0] += m * (1 - fo);
        v[base + o1] += m * fo;
      }
    }
  }

  private static void finishBlock(double[] v, int from, int len, double weight) {
    double sum = 0;
    for (int i = from; i < from + len; i++) {
      sum += v[i];
    }
    for (int i = from; i < from + len; i++) {
      v[i] = sum > 0 ? weight * Math.sqrt(v[i] / sum) : 0.0;
    }
  }
}
