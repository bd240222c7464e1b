package org.artsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void labelsKeepOrderAndRefuseBlanks() {
    var l = Labels.of("culture", "japanese", "medium", "ceramics");
    assertThat(l.toString()).isEqualTo("{culture=japanese, medium=ceramics}");
    assertThat(l.get("medium")).isEqualTo("ceramics");
    assertThat(l.with("culture", "french").get("culture")).isEqualTo("french");
    assertThatThrownBy(() -> Labels.of("culture")).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("field/value pairs");
    assertThatThrownBy(() -> Labels.of("culture", " ")).hasMessage("label 'culture' has a null or blank value; leave the field out instead");
    assertThatThrownBy(() -> Labels.of("a", "x", "a", "y")).hasMessage("label field 'a' is given twice; give each field once");
    assertThat(Labels.of(Map.of())).isSameAs(Labels.none());
  }

  @Test
  void labelFiltersAreConjunctionsOfAllowedValues() {
    var f = LabelFilter.anyOf("culture", "japanese", "american").and("medium", "ceramics");
    assertThat(f.test(Labels.of("culture", "japanese", "medium", "ceramics"))).isTrue();
    assertThat(f.test(Labels.of("culture", "japanese", "medium", "paper"))).isFalse();
    assertThat(f.test(Labels.of("culture", "american"))).isFalse();
    assertThat(f.primaryField()).isEqualTo("culture");
    assertThat(LabelFilter.none().test(Labels.none())).isTrue();
    assertThatThrownBy(() -> LabelFilter.anyOf("culture")).hasMessage("label filter on 'culture' allows no value; give at least one value or use LabelFilter.none()");
    assertThatThrownBy(() -> f.and("culture", "x")).hasMessageContaining("already constrains 'culture'");
  }

  @Test
  void devicesParseWhatTheyPrint() {
    for (Device d : List.of(Device.cpu(), Device.gpu(0), Device.gpu(3))) {
      assertThat(Device.parse(d.toString())).isEqualTo(d);
    }
    assertThat(Device.parse("GPU")).isEqualTo(Device.gpu(0));
    assertThat(Device.parse("gpu(1)")).isEqualTo(Device.gpu(1));
    assertThatThrownBy(() -> Device.parse("tpu")).isInstanceOf(ConfigException.class).hasMessage("unknown device 'tpu'; use cpu, gpu or gpu:N");
    assertThatThrownBy(() -> Device.gpu(-1)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void metricsParseAndConvertScoresToDistances() {
    assertThat(Metric.parse("IP")).isEqualTo(Metric.DOT);
    assertThat(Metric.parse("euclidean")).isEqualTo(Metric.L2);
    assertThat(Metric.L2.distance(-25f)).isEqualTo(5.0);
    assertThat(Metric.COSINE.distance(0.25f)).isEqualTo(0.75);
    assertThat(Metric.DOT.distance(3f)).isEqualTo(-3.0);
    assertThatThrownBy(() -> Metric.parse("hamming")).hasMessage("unknown metric 'hamming'; use one of cosine, dot, l2");
  }

  @Test
  void requestsAndResultsValidateThemselves() {
    assertThatThrownBy(() -> SearchRequest.of(new float[1], 0)).hasMessage("k must be at least 1, got 0; ask for one or more hits");
    assertThatThrownBy(() -> SearchRequest.of(new float[1], 1).withEf(-1)).hasMessageContaining("ef must be 0");
    var failure = EmbeddingResult.failure(3, new EmbeddingException("cannot read x.png"));
    assertThat(failure.ok()).isFalse();
    assertThatThrownBy(failure::vectorOrThrow).isInstanceOf(EmbeddingException.class).hasMessage("cannot read x.png");
    assertThatThrownBy(() -> new EmbeddingResult(0, null, null)).isInstanceOf(IllegalStateException.class);
    assertThat(ImageSource.of("https://example.org/a.jpg")).isInstanceOf(ImageSource.OfUrl.class);
    assertThat(ImageSource.of("images/a.jpg")).isInstanceOf(ImageSource.OfFile.class);
    var info = new EmbedderInfo("color", "lab-hist", 96, Map.of("bins", "8"));
    assertThat(info.compatibleWith(new EmbedderInfo("color", "lab-hist", 96, Map.of("bins", "8")))).isTrue();
    assertThat(info.compatibleWith(new EmbedderInfo("color", "lab-hist", 96, Map.of("bins", "6")))).isFalse();
  }

  @Test
  void progressTrackerReportsTheEnd() {
    var reports = new ArrayList<Progress>();
    var t = new ProgressTracker("work", 10, reports::add, java.time.Duration.ofHours(1));
    for (int i = 0; i < 10; i++) {
      t.advance(1);
    }
    assertThat(reports).hasSize(2);
    assertThat(reports.get(0).done()).isEqualTo(1);
    assertThat(reports.get(1).finished()).isTrue();
    assertThat(reports.get(1).eta()).isEqualTo(java.time.Duration.ZERO);
    assertThat(reports.get(1).toString()).startsWith("work: 10/10 (100.0%");
  }
}
