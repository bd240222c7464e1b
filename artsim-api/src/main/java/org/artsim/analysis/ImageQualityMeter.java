package org.artsim.analysis;

import java.awt.image.BufferedImage;

/**
 * Measures an image's {@link ImageQuality}. Created by name with {@code Artsim.imageQualityMeter(name)};
 * artsim-embed provides the pixel statistics.
 *
 * <p>Implementations read the image without changing or keeping it and are safe to call from
 * several threads.
 */
@FunctionalInterface
public interface ImageQualityMeter {
  /** The measures of every pixel of {@code image}. */
  ImageQuality measure(BufferedImage image);
}
