package org.artsim.embed;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the weights-free {@code "color"} image embedder (see {@link
 * org.artsim.embed.color.ColorEmbedderProvider} for the descriptor).
 *
 * @param workingSize images are first resized (Pillow-exact bilinear, aspect kept) so the longer
 *     side is at most this many pixels; setting {@code working_size}
 * @param colorWeight the weight of the colour-histogram block; setting {@code color_weight}
 * @param orientationWeight the weight of the gradient-orientation block; setting {@code
 *     orientation_weight}
 * @param edgeWeight the weight of the edge-strength block; setting {@code edge_weight}
 * @param limits bounds on reading images (settings listed in {@link ImageLimits})
 */
public record ColorConfig(int workingSize, double colorWeight, double orientationWeight, double edgeWeight, ImageLimits limits) implements ProviderConfig {
  private static final ColorConfig DEFAULTS = new ColorConfig(128, 1.0, 0.7, 0.5, ImageLimits.defaults());

  /** Validates the settings. */
  public ColorConfig {
    if (workingSize < 16 || workingSize > 1024) {
      throw new ConfigException("color: working_size must be in [16, 1024], got " + workingSize);
    }
    checkWeight("color_weight", colorWeight, true);
    checkWeight("orientation_weight", orientationWeight, false);
    checkWeight("edge_weight", edgeWeight, false);
    if (limits == null) {
      throw new ConfigException("color: limits is null; use ImageLimits.defaults()");
    }
  }

  private static void checkWeight(String name, double w, boolean positive) {
    if (!(w >= 0 && w <= 10) || (positive && w == 0)) {
      throw new ConfigException("color: " + name + " must be in " + (positive ? "(0, 10]" : "[0, 10]") + ", got " + w);
    }
  }

  /** {@code "color"}. */
  @Override
  public String provider() {
    return "color";
  }

  /** Working size 128, weights colour 1.0, orientation 0.7, edges 0.5, default image limits. */
  public static ColorConfig defaults() {
    return DEFAULTS;
  }

  /** A copy with another working size. */
  public ColorConfig withWorkingSize(int workingSize) {
    return new ColorConfig(workingSize, colorWeight, orientationWeight, edgeWeight, limits);
  }

  /** A copy with other block weights. */
  public ColorConfig withWeights(double color, double orientation, double edge) {
    return new ColorConfig(workingSize, color, orientation, edge, limits);
  }

  /** A copy with other image limits. */
  public ColorConfig withLimits(ImageLimits limits) {
    return new ColorConfig(workingSize, colorWeight, orientationWeight, edgeWeight, limits);
  }

  /** Reads the settings; unknown keys are refused, and every error names {@code color} and the key. */
  public static ColorConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of("color", settings);
    var d = DEFAULTS;
    var config = new ColorConfig(
        c.getInt("working_size", d.workingSize),
        c.getDouble("color_weight", d.colorWeight),
        c.getDouble("orientation_weight", d.orientationWeight),
        c.getDouble("edge_weight", d.edgeWeight),
        ImageLimits.read("color", c));
    c.finish();
    return config;
  }
}
