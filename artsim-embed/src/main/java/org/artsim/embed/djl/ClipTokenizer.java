package org.artsim.embed.djl;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.artsim.EmbeddingException;
import org.artsim.ModelLoadException;

/**
 * A HuggingFace {@code tokenizer.json} through DJL's tokenizers (Rust {@code tokenizers} 0.21),
 * with special tokens added, no padding, and truncation to the context length (the start and end
 * tokens are kept). Optionally pads with id 0 to the context length. Thread-safe (the native
 * tokenizer is); close it to free native memory.
 */
public final class ClipTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final boolean pad;

  private ClipTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, boolean pad) {
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
    this.pad = pad;
  }

  /**
   * Loads a local {@code tokenizer.json}.
   *
   * @throws ModelLoadException if the file is missing or not a tokenizer
   */
  public static ClipTokenizer load(Path tokenizerJson, int contextLength, boolean padToContext) {
    DjlEnvironment.ensureOffline();
    try {
      var t = HuggingFaceTokenizer.newInstance(
          tokenizerJson,
          Map.of("addSpecialTokens", "true", "padding", "false", "truncation", "true", "maxLength", Integer.toString(contextLength)));
      return new ClipTokenizer(t, contextLength, padToContext);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("clip: cannot load tokenizer '" + tokenizerJson + "' (" + e.getMessage() + "); point tokenizer at a HuggingFace tokenizer.json", e);
    }
  }

  /** The token ids of {@code text}: start token, the text's tokens (truncated), end token. */
  public long[] encode(String text) {
    if (text == null) {
      throw new EmbeddingException("clip: text is null; pass a string (it may be empty)");
    }
    Encoding e = tokenizer.encode(text);
    long[] ids = e.getIds();
    if (ids.length > contextLength) {
      throw new EmbeddingException("clip: the tokenizer returned " + ids.length + " tokens for a context of " + contextLength);
    }
    return pad ? Arrays.copyOf(ids, contextLength) : ids;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
