package org.artsim.embed.quality;

import java.util.Map;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.spi.ImageQualityMeterProvider;

/**
 * Provides the {@code "pixels"} {@link ImageQualityMeter}: simple per-image measures for filters
 * and sorting (hide very dark scans, sort by colourfulness), computed on every pixel after
 * conversion to 8-bit sRGB, with {@code R, G, B} in [0, 255]:
 *
 * <ul>
 *   <li><b>brightness</b>: the mean luma {@code Y = (0.299 R + 0.587 G + 0.114 B) / 255} (ITU-R
 *       BT.601 weights on the gamma-encoded values, as Pillow's {@code convert("L")}), in [0, 1];
 *   <li><b>contrast</b>: the RMS contrast, the population standard deviation of {@code Y}, in [0, 0.5];
 *   <li><b>saturation</b>: the mean HSV saturation {@code (max - min) / max} per pixel (0 for black), in [0, 1].
 * </ul>
 *
 * Configured by {@link PixelQualityConfig}. No native code, no model.
 */
public final class PixelQualityMeterProvider implements ImageQualityMeterProvider<PixelQualityConfig> {
  /** The provider name. */
  public static final String NAME = "pixels";

  /** Used by {@link java.util.ServiceLoader}. */
  public PixelQualityMeterProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "brightness, contrast and saturation from every pixel (sRGB, BT.601 luma)";
  }

  @Override
  public Class<PixelQualityConfig> configType() {
    return PixelQualityConfig.class;
  }

  @Override
  public PixelQualityConfig defaults() {
    return PixelQualityConfig.defaults();
  }

  @Override
  public PixelQualityConfig parse(Map<String, String> settings) {
    return PixelQualityConfig.parse(settings);
  }

  @Override
  public ImageQualityMeter create(PixelQualityConfig config) {
    return new PixelQualityMeter(config == null ? PixelQualityConfig.defaults() : config);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-embed";
  }
}
