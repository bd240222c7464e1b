package org.artsim.embed.quality;

import java.awt.image.BufferedImage;
import org.artsim.InvalidArgumentException;
import org.artsim.analysis.ImageQuality;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.embed.image.ImageLoader;
import org.artsim.embed.image.PilResampler;

/**
 * Computes {@link ImageQuality} from the pixels of an image converted to 8-bit sRGB ({@link
 * ImageLoader#toRgb}); the formulas are documented on {@link PixelQualityMeterProvider}. Sums are
 * accumulated in double precision. Stateless apart from its config, so thread-safe.
 */
final class PixelQualityMeter implements ImageQualityMeter {
  private final PixelQualityConfig config;

  PixelQualityMeter(PixelQualityConfig config) {
    this.config = config;
  }

  @Override
  public ImageQuality measure(BufferedImage image) {
    if (image == null) {
      throw new InvalidArgumentException("pixels: image is null; pass a decoded image");
    }
    BufferedImage rgb = ImageLoader.toRgb(image);
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    int[] px = rgb.getRGB(0, 0, w, h, null, 0, w);
    int max = config.maxSide();
    if (max > 0 && (w > max || h > max)) {
      int nw = w >= h ? max : Math.max(1, (int) Math.round((double) w * max / h));
      int nh = w >= h ? Math.max(1, (int) Math.round((double) h * max / w)) : max;
      px = PilResampler.resize(px, w, h, nw, nh, PilResampler.Filter.BILINEAR);
    }
    return of(px);
  }

  /** The measures of packed {@code 0xRRGGBB} pixels. */
  static ImageQuality of(int[] px) {
    double sumY = 0;
    double sumY2 = 0;
    double sumS = 0;
    for (int p : px) {
      int r = (p >>> 16) & 0xFF;
      int g = (p >>> 8) & 0xFF;
      int b = p & 0xFF;
      double luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
      sumY += luma;
      sumY2 += luma * luma;
      int hi = Math.max(r, Math.max(g, b));
      int lo = Math.min(r, Math.min(g, b));
      sumS += hi == 0 ? 0.0 : (double) (hi - lo) / hi;
    }
    double n = px.length;
    double mean = sumY / n;
    double var = Math.max(0.0, sumY2 / n - mean * mean);
    return new ImageQuality(mean, Math.sqrt(var), sumS / n);
  }

  @Override
  public String toString() {
    return "PixelQualityMeter[" + config + "]";
  }
}
