package org.artsim.spi;

import org.artsim.analysis.ImageQualityMeter;

/**
 * Creates one kind of {@link ImageQualityMeter} (measures image quality).
 *
 * @param <C> the configuration type
 */
public interface ImageQualityMeterProvider<C> extends Provider<C> {

  /** A ready {@link ImageQualityMeter} configured by {@code config}. */
  ImageQualityMeter create(C config);
}
