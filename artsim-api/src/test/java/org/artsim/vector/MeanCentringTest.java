package org.artsim.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.InvalidArgumentException;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class MeanCentringTest {

  @Test
  void centredVectorsSumToZeroAndKeepTheirDifferences() {
    Seeds.stream("mean-centring", 30)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(40);
              List<float[]> vectors = new ArrayList<>();
              for (int i = 0, n = 1 + r.nextInt(50); i < n; i++) {
                float[] v = RandomVectors.gaussian(r, dim);
                v[0] += 10;
                vectors.add(v);
              }
              var centring = MeanCentring.fit(vectors);
              double[] sum = new double[dim];
              for (float[] v : vectors) {
                float[] c = centring.apply(v);
                for (int d = 0; d < dim; d++) {
                  sum[d] += c[d];
                  assertThat(c[d]).isEqualTo(v[d] - centring.mean()[d]);
                }
              }
              for (double s : sum) {
                assertThat(s).as(Seeds.reproduce(seed)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-3 * vectors.size()));
              }
              assertThat(MeanCentring.of(centring.mean())).isEqualTo(centring);
            });
  }

  @Test
  void applyLeavesItsArgumentAlone() {
    float[] v = {1, 2, 3};
    var centring = MeanCentring.fit(List.of(new float[] {1, 1, 1}, new float[] {3, 3, 3}));
    assertThat(centring.apply(v)).containsExactly(-1, 0, 1);
    assertThat(v).containsExactly(1, 2, 3);
  }

  @Test
  void badInputIsRefusedWithAMessage() {
    assertThatThrownBy(() -> MeanCentring.fit(List.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("cannot fit a mean to no vectors; pass the collection's vectors");
    assertThatThrownBy(() -> MeanCentring.fit(List.of(new float[2], new float[3])))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vector 1 has dimension 3, the first has 2; pass vectors of one dimension");
    var centring = MeanCentring.fit(List.<float[]>of(new float[2]));
    assertThatThrownBy(() -> centring.apply(new float[3]))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vector has dimension 3 but the centring was fitted to dimension 2");
    assertThatThrownBy(() -> MeanCentring.of(new float[0]))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the mean vector is empty; pass the mean the centring was fitted to");
  }
}
