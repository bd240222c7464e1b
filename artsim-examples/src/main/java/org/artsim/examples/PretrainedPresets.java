package org.artsim.examples;

import java.util.Map;
import java.util.Optional;
import org.artsim.ModelLoadException;
import org.artsim.collection.ProviderSettings;
import org.artsim.embed.pretrained.ModelFormat;
import org.artsim.embed.pretrained.PretrainedCnn;
import org.artsim.embed.pretrained.PretrainedModels;

/**
 * Whether a pretrained CNN preset of artsim-embed ({@code mobilenetv2}, {@code mobilenetv2-imagenet},
 * {@code inceptionv3}) has been made by {@code ./artsim models}, and the sentence that says so, for
 * the demo and the reference workflows.
 */
public final class PretrainedPresets {
  /**
   * The preset the examples use for their CNN path: the frozen ImageNet trunk, which found similar
   * art best of the presets on Open Clip Art (artsim-bench/results/quality.md).
   */
  public static final String DEFAULT = "mobilenetv2-imagenet";

  /** The settings the examples use with {@link #DEFAULT}: transparency composited on white (clip art and icons are drawn for a white page). */
  public static final Map<String, String> DEFAULT_SETTINGS = Map.of("alpha", "white");

  private PretrainedPresets() {}

  /** {@link #DEFAULT} with {@link #DEFAULT_SETTINGS}, as a collection's embedder. */
  public static ProviderSettings defaultEmbedder() {
    return ProviderSettings.of(DEFAULT, DEFAULT_SETTINGS);
  }

  /**
   * Empty when {@code preset}'s TorchScript model is in the models directory; else why not and the
   * command that makes it.
   */
  public static Optional<String> missing(String preset) {
    PretrainedCnn p = PretrainedCnn.byName(preset);
    if (p == null) {
      return Optional.of(preset + " is not a pretrained preset; use mobilenetv2, mobilenetv2-imagenet or inceptionv3");
    }
    try {
      PretrainedModels.file(p, PretrainedModels.defaultDirectory(), ModelFormat.TORCHSCRIPT);
      return Optional.empty();
    } catch (ModelLoadException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** A line saying which pretrained model {@code preset} is and where its weights come from. */
  public static String describe(String preset) {
    PretrainedCnn p = PretrainedCnn.byName(preset);
    return preset + " (" + (p == null ? "unknown preset" : p.description()) + " from npm nsfwjs@4.4.0's weights, in "
        + PretrainedModels.defaultDirectory() + ")";
  }
}
