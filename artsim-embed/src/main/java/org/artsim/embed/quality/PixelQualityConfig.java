package org.artsim.embed.quality;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "pixels"} image quality meter.
 *
 * @param maxSide {@code 0} (the default) measures every pixel of the image; a positive value first
 *     resizes a larger image (Pillow-exact bilinear, aspect kept) so that its longer side is at most
 *     this many pixels, trading exactness for speed on large images; setting {@code max_side}
 */
public record PixelQualityConfig(int maxSide) implements ProviderConfig {
  private static final PixelQualityConfig DEFAULTS = new PixelQualityConfig(0);

  /** Validates the settings. */
  public PixelQualityConfig {
    if (maxSide < 0 || maxSide > 65_536) {
      throw new ConfigException(PixelQualityMeterProvider.NAME + ": max_side must be in [0, 65536] (0 = every pixel), got " + maxSide);
    }
  }

  /** Every pixel measured. */
  public static PixelQualityConfig defaults() {
    return DEFAULTS;
  }

  /** A copy measuring images resized to at most {@code maxSide} pixels on the longer side (0: every pixel). */
  public PixelQualityConfig withMaxSide(int maxSide) {
    return new PixelQualityConfig(maxSide);
  }

  @Override
  public String provider() {
    return PixelQualityMeterProvider.NAME;
  }

  /** Reads the settings; unknown keys are refused. */
  public static PixelQualityConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(PixelQualityMeterProvider.NAME, settings);
    var config = new PixelQualityConfig(c.getInt("max_side", DEFAULTS.maxSide));
    c.finish();
    return config;
  }
}
