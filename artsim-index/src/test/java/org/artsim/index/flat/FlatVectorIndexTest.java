package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.artsim.Artsim;
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
}
