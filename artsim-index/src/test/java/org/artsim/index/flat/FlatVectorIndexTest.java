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
  void storageAndQuantisationAreChosenBySettingsWithDefaultsInOnePlace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThat(FlatConfig.defaults())
        .isEqualTo(new FlatConfig(1024, FlatConfig.Storage.HEAP, FlatConfig.Quantization.INT8, FlatConfig.Int8Scale.PER_VECTOR, null));
    assertThat(FlatConfig.parse(Map.of())).isEqualTo(FlatConfig.defaults());
    var parsed = FlatConfig.parse(Map.of("storage", "mapped", "quantization", "none", "int8_scale", "per_dimension", "directory", dir.toString()));
    assertThat(parsed)
        .isEqualTo(FlatConfig.defaults().withStorage(FlatConfig.Storage.MAPPED).withQuantization(FlatConfig.Quantization.NONE)
            .withInt8Scale(FlatConfig.Int8Scale.PER_DIMENSION).withDirectory(dir));
    assertThat(FlatConfig.parse(Map.of("int8_prefilter", "false")).quantization()).isEqualTo(FlatConfig.Quantization.NONE);
    assertThat(FlatConfig.parse(Map.of("int8_prefilter", "true", "quantization", "int8")).int8Prefilter()).isTrue();
    try (VectorIndex index = Artsim.index("flat", 3, Metric.COSINE, Map.of("storage", "mapped", "directory", dir.toString()))) {
      assertThat(index.toString()).contains("storage=mapped, quantization=int8 per_vector");
      index.add("a", new float[] {1, 2, 3});
      assertThat(index.search(new float[] {1, 2, 3}, 1).get(0).id()).isEqualTo("a");
    }
    try (VectorIndex index = Artsim.index("flat", 3, Metric.L2, Map.of("quantization", "int8"))) {
      assertThat(index.toString()).as("L2 scans in float32").contains("quantization=none");
    }
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
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("storage", "disk")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: setting 'storage' is 'disk'; it must be one of [heap, mapped]");
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("quantization", "int4")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: setting 'quantization' is 'int4'; it must be one of [int8, none]");
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("int8_scale", "global")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: setting 'int8_scale' is 'global'; it must be one of [per_dimension, per_vector]");
    assertThatThrownBy(() -> Artsim.index("flat", 3, Metric.L2, Map.of("quantization", "none", "int8_prefilter", true)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("flat: int8_prefilter=true contradicts quantization=none; give only quantization");
    assertThatThrownBy(() -> new FlatConfig(1, null, FlatConfig.Quantization.NONE, FlatConfig.Int8Scale.PER_VECTOR, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("start from FlatConfig.defaults()");
    assertThatThrownBy(() -> Artsim.index("flat", 1 << 30, Metric.L2))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("flat: dimension must be in [1, 1048576], got 1073741824");
  }
}
