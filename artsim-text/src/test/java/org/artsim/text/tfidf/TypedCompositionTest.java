package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.TextDocument;
import org.artsim.spi.ProviderConfig;
import org.artsim.text.TfidfConfig;
import org.artsim.text.TfidfConfig.DocumentFrequency;
import org.artsim.text.TfidfConfig.Stemming;
import org.junit.jupiter.api.Test;

/** A TfidfConfig names its provider; settings maps may hold numbers, booleans and enum constants. */
class TypedCompositionTest {

  @Test
  void aTypedConfigCreatesTheIndexWithoutAName() {
    ProviderConfig config = TfidfConfig.defaults().withMaxQueryTerms(8);
    assertThat(config.provider()).isEqualTo("tfidf").isEqualTo(new TfidfIndexProvider().name());
    var index = (TfidfTextIndex) Artsim.textIndex(config);
    assertThat(index.config()).isEqualTo(config);
    index.add("a", TextDocument.of("zorblat"));
    assertThat(index.search("zorblat", 1).hits()).hasSize(1);
  }

  @Test
  void settingsWithNumbersBooleansAndEnumsAreAccepted() {
    var index =
        (TfidfTextIndex)
            Artsim.textIndex(
                "tfidf",
                Map.of("max_query_terms", 100, "binary", true, "stemming", Stemming.PORTER, "min_df", 1, "max_df", 0.9, "variant_weight", 0.25));
    var c = index.config();
    assertThat(c.maxQueryTerms()).isEqualTo(100);
    assertThat(c.binary()).isTrue();
    assertThat(c.stemming()).isEqualTo(Stemming.PORTER);
    assertThat(c.minDf()).isEqualTo(DocumentFrequency.count(1));
    assertThat(c.maxDf()).isEqualTo(DocumentFrequency.fraction(0.9));
    assertThat(c.variantWeight()).isEqualTo(0.25);
  }

  @Test
  void badSettingsAreRefusedWhenTheConfigIsBuiltNamingProviderAndKey() {
    assertThatThrownBy(() -> Artsim.textIndex("tfidf", Map.of("fields", List.of("title"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tfidf")
        .hasMessageContaining("'fields'");
    assertThatThrownBy(() -> Artsim.textIndex("tfidf", Map.of("max_query_chars", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: max_query_chars must be in [1, 10000000], got 0");
    assertThatThrownBy(() -> TfidfConfig.defaults().withNorm(null)).isInstanceOf(ConfigException.class).hasMessage("tfidf: norm is null; give a value or leave the default");
    assertThatThrownBy(() -> TfidfConfig.defaults().withMinDf(DocumentFrequency.count(-1)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: min_df and max_df must each be a whole count >= 0 or a fraction in [0, 1], got -1.0");
  }
}
