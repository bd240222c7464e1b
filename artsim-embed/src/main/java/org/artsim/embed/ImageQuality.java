package org.artsim.embed;

import java.awt.image.BufferedImage;
import org.artsim.ImageSource;
import org.artsim.embed.image.ImageLoader;

/**
 * Simple per-image quality measures, usable as metadata for filters and sorting (e.g. hide very
 * dark scans, sort by colourfulness). All are computed on every pixel of the image after it is
 * converted to 8-bit sRGB ({@link ImageLoader#toRgb}); with {@code R, G, B} in [0, 255]:
 *
 * <ul>
 *   <li><b>brightness</b>: the mean luma {@code Y = (0.299 R + 0.587 G + 0.114 B) / 255} (ITU-R
 *       BT.601 weights on the gamma-encoded values, as Pillow's {@code convert("L")}), in [0, 1];
 *   <li><b>contrast</b>: the RMS contrast, the population standard deviation of {@code Y} over the
 *       pixels, in [0, 0.5];
 *   <li><b>saturation</b>: the mean HSV saturation {@code (max - min) / max} of each pixel's R, G, B
 *       (0 for black pixels), in [0, 1].
 * </ul>
 *
 * Sums are accumulated in double precision, so the result does not depend on pixel order beyond
 * rounding. A record: immutable and thread-safe.
 *
 * @param brightness mean luma in [0, 1]
 * @param contrast RMS contrast of luma in [0, 0.5]
 * @param saturation mean HSV saturation in [0, 1]
 * @param width the image width in pixels
 * @param height the image height in pixels
 */
public record ImageQuality(double brightness, double contrast, double saturation, int width, int height) {

  /** Measures a decoded image (any type; converted to sRGB first). */
  public static ImageQuality of(BufferedImage image) {
    BufferedImage rgb = ImageLoader.toRgb(image);
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    int[] row = new int[w];
    double sumY = 0;
    double sumY2 = 0;
    double sumS = 0;
    for (int y = 0; y < h; y++) {
      rgb.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = row[x];
        int r = (p >>> 16) & 0xFF;
        int g = (p >>> 8) & 0xFF;
        int b = p & 0xFF;
        double luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
        sumY += luma;
        sumY2 += luma * luma;
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        sumS += max == 0 ? 0.0 : (double) (max - min) / max;
      }
    }
    double n = (double) w * h;
    double mean = sumY / n;
    double var = Math.max(0.0, sumY2 / n - mean * mean);
    return new ImageQuality(mean, Math.sqrt(var), sumS / n, w, h);
  }

  /**
   * Reads and measures an image.
   *
   * @throws org.artsim.EmbeddingException if the image cannot be read within the limits
   */
  public static ImageQuality of(ImageSource source, ImageLimits limits) {
    return of(ImageLoader.load(source, limits));
  }

  /** The measures as labels-friendly strings ({@code brightness=0.512} ...), three decimals. */
  public java.util.Map<String, String> asLabels() {
    return java.util.Map.of(
        "brightness", String.format(java.util.Locale.ROOT, "%.3f", brightness),
        "contrast", String.format(java.util.Locale.ROOT, "%.3f", contrast),
        "saturation", String.format(java.util.Locale.ROOT, "%.3f", saturation));
  }
}
