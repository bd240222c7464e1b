package org.artsim.embed.color;

import java.util.Map;
import org.artsim.Embedder;
import org.artsim.embed.ColorConfig;
import org.artsim.spi.EmbedderProvider;

/**
 * Provides the weights-free {@code "color"} image embedder: no model, no native code, useful out of
 * the box and the default when no model is configured. It describes an image by its colours and
 * its texture, so that images with similar palettes and similar brushwork or patterns are close.
 *
 * <h2>The descriptor ({@value #DIMENSION} dimensions)</h2>
 *
 * The image is converted to 8-bit sRGB and resized (Pillow-exact bilinear with antialiasing, aspect
 * kept) so that its longer side is at most {@link ColorConfig#workingSize()}. Then three blocks:
 *
 * <ol>
 *   <li><b>Colour</b>, 144 values: a joint histogram in CIELAB (sRGB, D65 white; CIE 15:2004) with
 *       4 &times; 6 &times; 6 bins: L* over [0, 100] (bin centres 12.5, 37.5, 62.5, 87.5), a* and b*
 *       over [-60, 60] (centres -50, -30, ..., 50; values beyond the outer centres go to the edge
 *       bins). Each pixel is soft-binned: its unit weight is split trilinearly between the 8
 *       nearest bin centres, so a small colour change moves the histogram a little, not a whole
 *       bin. Index {@code (l * 6 + a) * 6 + b}.
 *   <li><b>Orientation</b>, 32 values: a histogram of gradient orientations of the grey image (luma,
 *       BT.601) in a 2 &times; 2 grid of cells (cell-major, then 8 orientation bins over [0, &pi;),
 *       unsigned, soft-binned circularly), each pixel's vote weighted by its Sobel gradient magnitude
 *       (a coarse HOG: N. Dalal and B. Triggs, &ldquo;Histograms of oriented gradients for human
 *       detection&rdquo;, CVPR 2005, doi:10.1109/CVPR.2005.177).
 *   <li><b>Edge strength</b>, 8 values: a histogram of {@code log2(1 + |gradient|)} over [0, 10.5]
 *       (8 bins, soft), counting every interior pixel once: flat, smooth and busy images differ
 *       here.
 * </ol>
 *
 * Each block is divided by its sum (when it is not zero) and square-rooted (the Hellinger
 * transform, so that cosine similarity of blocks is the Bhattacharyya coefficient of the
 * histograms; a block is then unit length), multiplied by its weight (defaults 1.0, 0.7, 0.5), and
 * the concatenation is L2-normalised. The colour block is never zero, so no image gets a zero
 * vector.
 *
 * <p>Deterministic: the same pixels give bitwise the same vector on every run and platform (strict
 * IEEE arithmetic, fixed summation order). Cost: linear in the working image, about a millisecond
 * per image after decoding.
 */
public final class ColorEmbedderProvider implements EmbedderProvider<ColorConfig> {
  /** The provider name. */
  public static final String NAME = "color";
  /** The vector length. */
  public static final int DIMENSION = ColorDescriptor.DIMENSION;

  /** Used by {@link java.util.ServiceLoader}. */
  public ColorEmbedderProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "weights-free colour histogram (CIELAB) plus texture (gradient orientations); no model needed, the default";
  }

  @Override
  public Class<ColorConfig> configType() {
    return ColorConfig.class;
  }

  @Override
  public ColorConfig defaults() {
    return ColorConfig.defaults();
  }

  @Override
  public ColorConfig parse(Map<String, String> settings) {
    return ColorConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-embed";
  }

  @Override
  public Embedder create(ColorConfig config) {
    return new ColorEmbedder(config);
  }
}
