package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.index.FlatConfig;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.testing.VectorIndexContract;
import org.junit.jupiter.api.Test;

class FlatVectorIndexTest extends VectorIndexContract {

  @Override
  protected VectorIndex newIndex(int dimension, Metric metric) {
    return Artsim.index("flat", dimension, metric);
  }

  @Test
  void isFoundByNameAndRefusesUnknownSettings() {
    assertThat(Artsim.available().get("VectorIndex")).contains("flat");
    assertThat(Artsim.index("flat", 3, Metric.L2, Map.of("initial_capacity", "10")).toString())
        .startsWith("FlatVectorIndex[metric=L2, dim=3, size=0");
    checkUnknownSettingIsRefused("flat");
  }

  @Test
  void aTypedConfigNamesItsProviderAndValidatesAtConstruction() {
    assertThat(FlatConfig.defaults().provider()).isEqualTo("flat");
    try (VectorIndex index = Artsim.index(FlatConfig.defaults().withInt8Prefilter(false), 3, Metric.DOT)) {
      assertThat(index.kind()).isEqualTo("flat");
    }
    try (VectorIndex index = Artsim.index("flat", 3, Metric.L2, Map.of("initial_capacity", 10, "int8_prefilter", false))) {
      assertThat(index.size()).isZero();
    }
    assertThatThrownBy(() -> FlatConfig.defaults().withInitialCapacity(-1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: initial_capacity must be in [0, 2147483647], got -1");
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("int8_prefilter", "maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flat")
        .hasMessageContaining("'int8_prefilter'")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> Artsim.index("flat", 1 << 30, Metric.L2))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("flat: dimension must be in [1, 1048576], got 1073741824");
  }
}
