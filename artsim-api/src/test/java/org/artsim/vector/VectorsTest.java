package org.artsim.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.artsim.DimensionMismatchException;
import org.artsim.InvalidVectorException;
import org.artsim.Metric;
import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void prepareCopiesAndNormalisesOnlyUnderCosine() {
    float[] v = {3, 4};
    float[] cos = Vectors.prepare(v, 2, Metric.COSINE, "v");
    assertThat(cos).containsExactly(0.6f, 0.8f);
    assertThat(v).containsExactly(3, 4);
    float[] l2 = Vectors.prepare(v, 2, Metric.L2, "v");
    assertThat(l2).containsExactly(3, 4).isNotSameAs(v);
  }

  @Test
  void badVectorsNameThePositionAndTheFix() {
    assertThatThrownBy(() -> Vectors.check(null, 2, Metric.L2, "query"))
        .isInstanceOf(InvalidVectorException.class)
        .hasMessage("query is null; pass a float[] of length 2");
    assertThatThrownBy(() -> Vectors.check(new float[3], 2, Metric.L2, "query")).isInstanceOf(DimensionMismatchException.class);
    assertThatThrownBy(() -> Vectors.check(new float[] {Float.POSITIVE_INFINITY, 0}, 2, Metric.DOT, "v"))
        .isInstanceOf(InvalidVectorException.class)
        .hasMessageContaining("Infinity at position 0");
    org.assertj.core.api.Assertions.assertThatCode(() -> Vectors.check(new float[] {1e-30f, 0}, 2, Metric.COSINE, "v")).doesNotThrowAnyException();
  }
}
