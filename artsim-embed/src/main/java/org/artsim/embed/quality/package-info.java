/**
 * The {@code pixels} image quality meter: brightness, contrast and saturation computed from every
 * pixel, found through {@code Artsim.imageQualityMeter("pixels")} as an {@link
 * org.artsim.analysis.ImageQualityMeter}.
 */
package org.artsim.embed.quality;
