package org.artsim.collection.analysis;

import java.awt.image.BufferedImage;

/**
 * Simple per-image quality measures, each in [0, 1]:
 *
 * <ul>
 *   <li>{@code brightness}: the mean luma {@code (0.299 R + 0.587 G + 0.114 B) / 255};
 *   <li>{@code contrast}: the RMS contrast, the standard deviation of that luma, times 2 (so a
 *       half-black, half-white image scores 1);
 *   <li>{@code saturation}: the mean HSV saturation {@code (max - min) / max} (0 for black pixels).
 * </ul>
 *
 * @param brightness the mean luma
 * @param contrast the RMS contrast
 * @param saturation the mean saturation
 */
public record ImageQuality(double brightness, double contrast, double saturation) {

  /** Which measure to sort by. */
  public enum Measure {
    /** {@link ImageQuality#brightness()}. */
    BRIGHTNESS,
    /** {@link ImageQuality#contrast()}. */
    CONTRAST,
    /** {@link ImageQuality#saturation()}. */
    SATURATION;

    /** This measure of {@code q}. */
    public double of(ImageQuality q) {
      return switch (this) {
        case BRIGHTNESS -> q.brightness();
        case CONTRAST -> q.contrast();
        case SATURATION -> q.saturation();
      };
    }
  }

  /** Measures an image (every pixel; alpha ignored). */
  public static ImageQuality of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] row = new int[w];
    double sum = 0;
    double sumSq = 0;
    double sat = 0;
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int p : row) {
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        double luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255.0;
        sum += luma;
        sumSq += luma * luma;
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        sat += max == 0 ? 0 : (max - min) / (double) max;
      }
    }
    double n = (double) w * h;
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    return new ImageQuality(mean, Math.min(1, 2 * sd), sat / n);
  }
}
