package org.artsim.collection.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.ClosedException;
import org.artsim.Embedder;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.InvalidArgumentException;
import org.artsim.ProgressListener;
import org.artsim.TextEmbedder;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.EmbedderProvider;

/**
 * Test-only text embedder {@code "test-words"}: a unit-length bag of hashed words ({@value #DIM}
 * dimensions, the last a constant so the empty text has a direction), where each word is first
 * mapped through {@link #SYNONYMS}. So {@code "ocean"} and {@code "sea"} embed alike (what a
 * keyword index cannot see), while a typo such as {@code "seaa"} is another word (what a
 * typo-forgiving keyword index can see).
 */
public final class FakeTextEmbedderProvider implements EmbedderProvider<FakeTextEmbedderProvider.Config> {
  /** The dimension. */
  public static final int DIM = 64;
  /** Words embedded as another word. */
  public static final Map<String, String> SYNONYMS = Map.of("ocean", "sea", "ship", "boat", "vessel", "boat", "crimson", "red");

  /** No settings. */
  public record Config() {}

  @Override
  public String name() {
    return "test-words";
  }

  @Override
  public String description() {
    return "test fake: hashed bag of words with synonyms";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config();
  }

  @Override
  public Config parse(Map<String, String> settings) {
    ConfigMap.of("test-words", settings).finish();
    return new Config();
  }

  @Override
  public Embedder create(Config config) {
    return new Fake();
  }

  /** The vector of a text, as the fake makes it (for tests that compute the expected ranking). */
  public static float[] vectorOf(String text) {
    float[] v = new float[DIM];
    v[DIM - 1] = 0.1f;
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(SYNONYMS.getOrDefault(w, w).hashCode(), DIM - 1)] += 1;
      }
    }
    double ss = 0;
    for (float x : v) {
      ss += (double) x * x;
    }
    float norm = (float) Math.sqrt(ss);
    for (int i = 0; i < DIM; i++) {
      v[i] /= norm;
    }
    return v;
  }

  static final class Fake implements TextEmbedder {
    private volatile boolean closed;

    private void checkOpen() {
      if (closed) {
        throw new ClosedException("embedder 'test-words'");
      }
    }

    @Override
    public EmbedderInfo info() {
      return new EmbedderInfo("test-words", "hashed-words", DIM, Map.of());
    }

    @Override
    public float[] embedText(String text) {
      checkOpen();
      if (text == null) {
        throw new EmbeddingException("text is null; pass a text (empty is fine)");
      }
      return vectorOf(text);
    }

    @Override
    public List<EmbeddingResult> embedTexts(List<String> texts, ProgressListener listener) {
      checkOpen();
      if (texts == null) {
        throw new InvalidArgumentException("texts is null; pass a list");
      }
      var out = new ArrayList<EmbeddingResult>(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        try {
          out.add(EmbeddingResult.success(i, embedText(texts.get(i))));
        } catch (EmbeddingException e) {
          out.add(EmbeddingResult.failure(i, e));
        }
      }
      return out;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
