package org.artsim.embed.djl;

import java.util.Map;
import org.artsim.Embedder;
import org.artsim.embed.ClipConfig;
import org.artsim.spi.EmbedderProvider;

/**
 * Provides the {@code "clip"} embedder: an {@link org.artsim.ImageEmbedder} and {@link
 * org.artsim.TextEmbedder} in one, so {@code embedText("a blue painting")} finds images. It loads a
 * TorchScript CLIP with exported image and text methods, or the two published ONNX graphs ({@code
 * vision_model.onnx}, {@code text_model.onnx}), and a HuggingFace {@code tokenizer.json} (see
 * {@link ClipConfig}). Images get CLIP's preprocessing (Pillow-exact bicubic resize of the short
 * side to 224, centre crop 224, CLIP mean/std); texts are tokenized with start and end tokens and
 * truncated to the context length (77). Vectors are L2-normalised, so cosine similarity is a dot
 * product.
 */
public final class ClipEmbedderProvider implements EmbedderProvider<ClipConfig> {
  /** The provider name. */
  public static final String NAME = "clip";

  /** Used by {@link java.util.ServiceLoader}. */
  public ClipEmbedderProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CLIP image and text towers in one space (TorchScript or ONNX, HF tokenizer.json)";
  }

  @Override
  public Class<ClipConfig> configType() {
    return ClipConfig.class;
  }

  @Override
  public ClipConfig defaults() {
    return ClipConfig.defaults();
  }

  @Override
  public ClipConfig parse(Map<String, String> settings) {
    return ClipConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-embed";
  }

  @Override
  public Embedder create(ClipConfig config) {
    DjlEnvironment.ensureOffline();
    return new ClipEmbedder(config);
  }
}
