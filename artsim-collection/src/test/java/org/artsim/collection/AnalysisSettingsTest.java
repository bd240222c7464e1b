package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings given by name reach the analysis provider, which parses (and here refuses) them. */
class AnalysisSettingsTest {

  @Test
  void aClustererNamedWithSettingsGetsThemParsedByItsProvider(@TempDir Path dir) {
    var config = Fixtures.fakes().withClusterer(ProviderSettings.of("test-clusterer", Map.of("restarts", 3)));
    assertThatThrownBy(() -> {
          try (var art = ArtCollection.create(config)) {
            art.ingest(SampleCatalogue.write(dir, 12, SampleCatalogue.DEFAULT_SEED), ColumnMapping.standard());
            art.analysis().clusters(2, 1);
          }
        })
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown setting [restarts]");
  }
}
