package org.artsim.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.text.TfidfConfig.DocumentFrequency;
import org.artsim.text.TfidfConfig.Norm;
import org.artsim.text.TfidfConfig.StopWords;
import org.junit.jupiter.api.Test;

class TfidfConfigTest {
  @Test
  void presetsMatchTheirScikitLearnCounterparts() {
    var s = TfidfConfig.sklearnDefaults();
    assertThat(s.lowercase()).isTrue();
    assertThat(s.stopWords()).isEqualTo(StopWords.NONE);
    assertThat(s.minDf()).isEqualTo(DocumentFrequency.count(1));
    assertThat(s.maxDf()).isEqualTo(DocumentFrequency.fraction(1.0));
    assertThat(s.maxFeatures()).isZero();
    assertThat(s.norm()).isEqualTo(Norm.L2);
    assertThat(s.literalQueries()).isTrue();
    var r = TfidfConfig.reference();
    assertThat(r.stopWords()).isEqualTo(StopWords.ENGLISH);
    assertThat(r.ngramMax()).isEqualTo(2);
    assertThat(r.minDf()).isEqualTo(DocumentFrequency.count(2));
    assertThat(r.maxFeatures()).isEqualTo(15000);
    assertThat(r.literalQueries()).isTrue();
    assertThat(TfidfConfig.reference().withForgivingQueries().withLiteralQueries().withTypoPrefixLength(0)).isEqualTo(r);
  }

  @Test
  void defaultsKeepEveryWordThatOccursAndForgiveQueries() {
    var d = TfidfConfig.defaults();
    assertThat(d.minDf()).isEqualTo(DocumentFrequency.count(1));
    assertThat(d.maxFeatures()).isZero();
    assertThat(d.stopWords()).isEqualTo(StopWords.ENGLISH);
    assertThat(d.ngramMax()).isEqualTo(2);
    assertThat(d.literalQueries()).isFalse();
    assertThat(d).isEqualTo(TfidfConfig.reference().withMinDf(DocumentFrequency.count(1)).withMaxFeatures(0).withForgivingQueries());
    assertThat(TfidfConfig.parse(Map.of("preset", "reference"))).isEqualTo(TfidfConfig.reference());
    assertThat(TfidfConfig.parse(Map.of("preset", "sklearn"))).isEqualTo(TfidfConfig.sklearnDefaults());
  }

  @Test
  void parseReadsEveryKeyAndRoundTrips() {
    var c =
        TfidfConfig.parse(
            Map.ofEntries(
                Map.entry("preset", "sklearn"),
                Map.entry("stop_words", "english"),
                Map.entry("ngram-min", "1"),
                Map.entry("ngram_max", "3"),
                Map.entry("min_df", "2"),
                Map.entry("max_df", "0.5"),
                Map.entry("max_features", "100"),
                Map.entry("sublinear_tf", "true"),
                Map.entry("norm", "l1"),
                Map.entry("fields", "title, artist"),
                Map.entry("field_weights", "title:3"),
                Map.entry("stemming", "porter")));
    assertThat(c.minDf()).isEqualTo(DocumentFrequency.count(2));
    assertThat(c.maxDf()).isEqualTo(DocumentFrequency.fraction(0.5));
    assertThat(c.fields()).containsExactly("title", "artist");
    assertThat(c.fieldWeights()).containsEntry("title", 3.0);
    assertThat(c.ngramMax()).isEqualTo(3);
    assertThat(TfidfConfig.parse(c.toSettings())).isEqualTo(c);
    assertThat(TfidfConfig.parse(TfidfConfig.defaults().toSettings())).isEqualTo(TfidfConfig.defaults());
    assertThat(TfidfConfig.parse(Map.of())).isEqualTo(TfidfConfig.defaults());
  }

  @Test
  void unknownKeysAreRefused() {
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("ngram_maxx", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tfidf: unknown setting [ngram_maxx]; known settings are [preset, lowercase");
  }

  @Test
  void badValuesNameTheSettingAndTheRange() {
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("ngram_max", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: ngram_max must be in [ngram_min=1, 3], got 4");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("ngram_min", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: ngram_min must be in [1, 3], got 0");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("min_df", "two")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: setting 'min_df' is 'two'; it must be a whole count >= 0 such as 2 or a fraction in [0, 1] such as 0.01");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("max_df", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: setting 'max_df' is '1.5'; it must be a whole count >= 0 such as 500 or a fraction in [0, 1] such as 0.95");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("min_df", "5", "max_df", "3")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: max_df (3) is below min_df (5); no term could be kept");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("max_features", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: max_features must be >= 0 (0 keeps every term), got -1");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("typo_max_edits", "3")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: typo_max_edits must be in [0, 2] (0 turns typo tolerance off), got 3");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("variant_weight", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: variant_weight must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("prefix_min_length", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: prefix_min_length must be 0 (off) or in [3, 64], got 2");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("norm", "l3")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: setting 'norm' is 'l3'; it must be one of [l1, l2, none]");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("preset", "fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: setting 'preset' is 'fast'; it must be one of [forgiving, reference, sklearn]");
  }

  @Test
  void fieldSettingsAreChecked() {
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("field_weights", "title:-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: the weight of field 'title' must be in (0, 1000000.0], got -1.0");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("field_weights", "title:1e7")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: the weight of field 'title' must be in (0, 1000000.0], got 1.0E7");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("fields", "title", "field_weights", "artist:2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: field 'artist' has a weight but is not in fields [title]; add it to fields or drop its weight");
    assertThatThrownBy(() -> TfidfConfig.defaults().withFields("title", "title"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: field 'title' is listed twice in fields; list each field once");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("field_weights", "title")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: setting 'field_weights' is 'title'; it must be a list such as title:3,artist:2");
  }
}
