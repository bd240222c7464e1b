package org.artsim.recommend.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.DimensionMismatchException;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.TextEmbedder;
import org.junit.jupiter.api.Test;

class ZeroShotLabelsTest {
  /** A text embedder that maps known prompts to fixed vectors and fails on others. */
  static final class FakeTextEmbedder implements TextEmbedder {
    private final Map<String, float[]> table;

    FakeTextEmbedder(Map<String, float[]> table) {
      this.table = table;
    }

    @Override
    public EmbedderInfo info() {
      return new EmbedderInfo("fake", "table", 3, Map.of());
    }

    @Override
    public float[] embedText(String text) {
      float[] v = table.get(text);
      if (v == null) {
        throw new EmbeddingException("fake embedder does not know '" + text + "'");
      }
      return v.clone();
    }

    @Override
    public List<EmbeddingResult> embedTexts(List<String> texts, ProgressListener listener) {
      var out = new ArrayList<EmbeddingResult>();
      for (int i = 0; i < texts.size(); i++) {
        out.add(EmbeddingResult.success(i, embedText(texts.get(i))));
      }
      return out;
    }

    @Override
    public void close() {}
  }

  static final FakeTextEmbedder EMBEDDER =
      new FakeTextEmbedder(
          Map.of(
              "a photograph of a vase", new float[] {2, 0, 0},
              "an ink painting", new float[] {0, 5, 0},
              "a photograph of a circus", new float[] {0, 0, 1}));

  static ZeroShotLabels labels() {
    var prompts = new LinkedHashMap<String, String>();
    prompts.put("vase", "a photograph of a vase");
    prompts.put("ink painting", "an ink painting");
    prompts.put("circus", "a photograph of a circus");
    return ZeroShotLabels.of(EMBEDDER, prompts);
  }

  @Test
  void picksTheClosestPromptWithSoftmaxConfidence() {
    var z = labels();
    var p = z.predict(new float[] {0.9f, 0.3f, 0.1f});
    assertThat(p.label()).isEqualTo("vase");
    double[] cos = {0.9 / Math.sqrt(0.91), 0.3 / Math.sqrt(0.91), 0.1 / Math.sqrt(0.91)};
    double sum = Math.exp(100 * cos[0]) + Math.exp(100 * cos[1]) + Math.exp(100 * cos[2]);
    assertThat(p.confidence()).isCloseTo(Math.exp(100 * cos[0]) / sum, within(1e-5));
    assertThat(p.votes().keySet()).containsExactly("vase", "ink painting", "circus");
    assertThat(p.votes().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(z.predict(new float[] {0, 0.1f, 0}).label()).isEqualTo("ink painting");
  }

  @Test
  void labelsAWholeIndex() {
    var index = Artsim.index("flat", 3, Metric.COSINE);
    index.add("v", new float[] {1, 0.1f, 0});
    index.add("c", new float[] {0, 0.2f, 1});
    var out = labels().predictIndex(index);
    assertThat(out.get("v").label()).isEqualTo("vase");
    assertThat(out.get("c").label()).isEqualTo("circus");
  }

  @Test
  void templatesAndErrors() {
    var z = ZeroShotLabels.fromTemplate(EMBEDDER, List.of("vase", "circus"), "a photograph of a {}");
    assertThat(z.labels()).containsExactly("vase", "circus");
    assertThatThrownBy(() -> ZeroShotLabels.fromTemplate(EMBEDDER, List.of("dog"), "a photograph of a {}"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage("fake embedder does not know 'a photograph of a dog'");
    assertThatThrownBy(() -> ZeroShotLabels.of(EMBEDDER, Map.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no labels given; give at least one label with its prompt");
    assertThatThrownBy(() -> ZeroShotLabels.fromTemplate(EMBEDDER, List.of("vase"), "a vase"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("template must contain {} where the label goes, got a vase");
    assertThatThrownBy(() -> z.predict(new float[] {1, 2}))
        .isInstanceOf(DimensionMismatchException.class)
        .hasMessage("image vector has 2 components, but the prompt vectors have 3; embed images and prompts with the same embedder");
  }
}
