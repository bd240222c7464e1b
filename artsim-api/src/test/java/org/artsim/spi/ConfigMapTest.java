package org.artsim.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.Metric;
import org.junit.jupiter.api.Test;

class ConfigMapTest {
  @Test
  void readsTypedValuesWithDefaultsIgnoringCaseAndDashes() {
    var c = ConfigMap.of("hnsw", Map.of("EF-Construction", " 300 ", "metric", "DOT", "exact", "true", "ratio", "0.5"));
    assertThat(c.getInt("ef_construction", 200)).isEqualTo(300);
    assertThat(c.getInt("m", 16)).isEqualTo(16);
    assertThat(c.getEnum("metric", Metric.class, Metric.L2)).isEqualTo(Metric.DOT);
    assertThat(c.getBoolean("exact", false)).isTrue();
    assertThat(c.getDouble("ratio", 1)).isEqualTo(0.5);
    c.finish();
  }

  @Test
  void badValuesAndUnknownKeysAreNamed() {
    assertThatThrownBy(() -> ConfigMap.of("hnsw", Map.of("m", "many")).getInt("m", 16))
        .isInstanceOf(ConfigException.class)
        .hasMessage("hnsw: setting 'm' is 'many'; it must be a whole number");
    assertThatThrownBy(() -> ConfigMap.of("hnsw", Map.of("exact", "yes")).getBoolean("exact", false))
        .hasMessage("hnsw: setting 'exact' is 'yes'; it must be true or false");
    assertThatThrownBy(() -> ConfigMap.of("x", Map.of("metric", "manhattan")).getEnum("metric", Metric.class, Metric.L2))
        .hasMessage("x: setting 'metric' is 'manhattan'; it must be one of [cosine, dot, l2]");
    var c = ConfigMap.of("hnsw", Map.of("mm", "3", "m", "4"));
    c.getInt("m", 16);
    c.getInt("ef", 10);
    assertThatThrownBy(c::finish).isInstanceOf(ConfigException.class).hasMessage("hnsw: unknown setting [mm]; known settings are [m, ef]");
  }
}
