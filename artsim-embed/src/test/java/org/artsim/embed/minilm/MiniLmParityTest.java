package org.artsim.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.artsim.Artsim;
import org.artsim.ProgressListener;
import org.artsim.TextEmbedder;
import org.artsim.embed.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * "minilm" against LangChain4j's own AllMiniLmL6V2EmbeddingModel (same ONNX file and tokenizer, its
 * own pooling code) on fifty texts, long and awkward ones included.
 */
class MiniLmParityTest {

  @Test
  void matchesLangChain4jOnFiftyTextsBatchedAndOneByOne() {
    var texts = Sentences.fifty();
    // artsim's engine first: LangChain4j creates ONNX Runtime's environment with other thread settings.
    try (var ours = (TextEmbedder) Artsim.embedder(MiniLmConfig.defaults().withBatchSize(8))) {
      var reference = new AllMiniLmL6V2EmbeddingModel();
      var batched = ours.embedTexts(texts, ProgressListener.NONE);
      double worst = 0;
      int compared = 0;
      for (int i = 0; i < texts.size(); i++) {
        String t = texts.get(i);
        float[] one = ours.embedText(t);
        assertThat(Fixtures.maxAbsDiff(batched.get(i).vectorOrThrow(), one)).as("batched vs single: %s", t).isLessThanOrEqualTo(1e-5);
        if (t.isBlank()) {
          // LangChain4j refuses blank text; sentence-transformers embeds it as [CLS] [SEP], and so does minilm.
          assertThatThrownBy(() -> reference.embed(t)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
          assertThat(Fixtures.maxAbsDiff(one, ours.embedText(""))).isLessThanOrEqualTo(1e-6);
          continue;
        }
        float[] want = reference.embed(t).content().vector();
        double d = Fixtures.maxAbsDiff(one, want);
        assertThat(d).as("text %d: %s", i, t).isLessThanOrEqualTo(1e-5);
        worst = Math.max(worst, d);
        compared++;
      }
      System.out.printf("minilm vs LangChain4j AllMiniLmL6V2EmbeddingModel on %d texts: max abs diff %.3g%n", compared, worst);
      assertThat(compared).isEqualTo(48);
    }
  }
}
