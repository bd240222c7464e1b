package org.artsim.analysis;

/**
 * Per-image quality measures for sorting and filtering:
 *
 * <ul>
 *   <li>{@code brightness}: the mean luma {@code (0.299 R + 0.587 G + 0.114 B) / 255}, in [0, 1];
 *   <li>{@code contrast}: the RMS contrast, the standard deviation of that luma, in [0, 0.5];
 *   <li>{@code saturation}: the mean HSV saturation {@code (max - min) / max} (0 for black pixels), in [0, 1].
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
}
