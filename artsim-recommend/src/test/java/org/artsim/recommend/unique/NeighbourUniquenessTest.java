package org.artsim.recommend.unique;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;

class NeighbourUniquenessTest {
  static final float[][] SEVEN = {
    {1, 0, 0}, {.9f, .1f, 0}, {.8f, .2f, .1f}, {0, 1, 0}, {0, .9f, .2f}, {0, 0, 1}, {.5f, .5f, .5f}
  };
  static final double[] SEVEN_OLD_RULE = {.2606918825, .2116927115, .2514960271, .5060677785, .4517439022, 1, .6356259754};

  @Test
  void fiftyoneOldRuleKnownAnswer() {
    double[] u = NeighbourUniqueness.fiftyone017(SEVEN);
    for (int i = 0; i < 7; i++) {
      // the inputs are float32 (0.9f is not 0.9), hence 1e-7 rather than the reference's 1e-10
      assertThat(u[i]).as("item %d", i).isCloseTo(SEVEN_OLD_RULE[i], within(1e-7));
    }
  }

  @Test
  void l2IndexOfRawVectorsGivesTheOldRule() {
    var index = Artsim.index("flat", 3, Metric.L2);
    for (int i = 0; i < SEVEN.length; i++) {
      index.add("v" + i, SEVEN[i], Labels.of("group", i < 3 ? "a" : "b"));
    }
    var u = NeighbourUniqueness.knnDistance(index);
    for (int i = 0; i < 7; i++) {
      assertThat(u.score("v" + i)).as("item %d", i).isCloseTo(SEVEN_OLD_RULE[i], within(1e-6));
    }
    assertThat(u.mostUnique(1)).extracting(Hit::id).containsExactly("v5");
    double meanA = (u.score("v0") + u.score("v1") + u.score("v2")) / 3;
    double meanB = (u.score("v3") + u.score("v4") + u.score("v5") + u.score("v6")) / 4;
    assertThat(u.meanByLabel("group")).containsKeys("b", "a");
    assertThat(new ArrayList<>(u.meanByLabel("group").keySet())).containsExactly("b", "a");
    assertThat(u.meanByLabel("group").get("a")).isCloseTo(meanA, within(1e-12));
    assertThat(u.meanByLabel("group").get("b")).isCloseTo(meanB, within(1e-12));
    assertThat(u.meanByLabel("missing")).isEmpty();
  }

  /** A 6×6 lattice (spacing 1), an exact duplicate of one lattice point, and a far outlier. */
  @Test
  void duplicateScoresLowestAndOutlierScoresOneUnderL2() {
    var index = Artsim.index("flat", 2, Metric.L2);
    for (int x = 0; x < 6; x++) {
      for (int y = 0; y < 6; y++) {
        index.add("p" + x + y, new float[] {x, y});
      }
    }
    index.add("dup", new float[] {2, 3});
    index.add("outlier", new float[] {100, 100});
    checkDuplicateAndOutlier(index, "p23");
  }

  /** Directions on a fan from 0° to 60° (2° apart), a duplicate direction, and the opposite direction. */
  @Test
  void duplicateScoresLowestAndOutlierScoresOneUnderCosine() {
    var index = Artsim.index("flat", 2, Metric.COSINE);
    for (int a = 0; a <= 60; a += 2) {
      double r = Math.toRadians(a);
      index.add("a" + a, new float[] {(float) Math.cos(r), (float) Math.sin(r)});
    }
    double r = Math.toRadians(30);
    index.add("dup", new float[] {(float) (3 * Math.cos(r)), (float) (3 * Math.sin(r))});
    index.add("outlier", new float[] {-1, -0.2f});
    checkDuplicateAndOutlier(index, "a30");
  }

  private static void checkDuplicateAndOutlier(VectorIndex index, String original) {
    var u = NeighbourUniqueness.knnDistance(index);
    assertThat(u.score("outlier")).isEqualTo(1.0);
    double lowest = u.leastUnique(1).get(0).score();
    assertThat(u.score("dup")).isCloseTo(lowest, within(1e-6));
    assertThat(u.score(original)).isCloseTo(lowest, within(1e-6));
    for (String id : index.ids()) {
      if (!id.equals("dup") && !id.equals(original)) {
        assertThat(u.score(id)).as(id).isGreaterThan(1.5 * u.score("dup"));
      }
      assertThat(u.score(id)).isBetween(0.0, 1.0);
    }
  }

  @Test
  void smallAndDegenerateCollections() {
    var index = Artsim.index("flat", 2, Metric.L2);
    assertThat(NeighbourUniqueness.knnDistance(index).size()).isZero();
    index.add("a", new float[] {0, 0});
    index.add("b", new float[] {1, 0});
    index.add("c", new float[] {5, 0});
    assertThat(NeighbourUniqueness.knnDistance(index).scores()).containsExactly(1, 1, 1);
    index.add("d", new float[] {0, 0});
    var four = NeighbourUniqueness.knnDistance(index);
    assertThat(four.score("c")).isEqualTo(1.0);
    assertThat(four.score("a")).isEqualTo(four.score("d"));
    var same = Artsim.index("flat", 2, Metric.L2);
    for (int i = 0; i < 6; i++) {
      same.add("s" + i, new float[] {1, 1});
    }
    assertThat(NeighbourUniqueness.knnDistance(same).scores()).containsOnly(0.0);
    assertThat(NeighbourUniqueness.fiftyone017(new float[][] {{1}, {2}})).containsExactly(1, 1);
  }

  @Test
  void dotIndexIsRefused() {
    var index = Artsim.index("flat", 2, Metric.DOT);
    assertThatThrownBy(() -> NeighbourUniqueness.knnDistance(index))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage(
            "uniqueness 'knn-distance' needs distances, but this index scores by inner product (metric DOT); use a COSINE or L2 index, or the 'fiftyone' rule");
    assertThatThrownBy(() -> NeighbourUniqueness.fiftyone017(new float[][] {{1, 2}, {1}}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vector 1 has 1 components but vector 0 has 2; give every vector the same positive length");
  }

  @Test
  void ranksAreOrderedAndComplete() {
    var index = Artsim.index("flat", 3, Metric.L2);
    for (int i = 0; i < SEVEN.length; i++) {
      index.add("v" + i, SEVEN[i]);
    }
    var u = NeighbourUniqueness.knnDistance(index);
    List<Hit> most = u.mostUnique(10);
    assertThat(most).hasSize(7);
    for (int i = 1; i < most.size(); i++) {
      assertThat(most.get(i).score()).isLessThanOrEqualTo(most.get(i - 1).score());
    }
    assertThat(u.leastUnique(1).get(0).id()).isEqualTo("v1");
    assertThatThrownBy(() -> u.mostUnique(-1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("n must be at least 1, got -1; ask for one or more items");
    assertThatThrownBy(() -> u.leastUnique(0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("n must be at least 1, got 0; ask for one or more items");
    assertThatThrownBy(() -> u.score(null)).isInstanceOf(InvalidArgumentException.class).hasMessage("id is null; give the id of a scored item");
    assertThatThrownBy(() -> u.meanByLabel(null)).isInstanceOf(InvalidArgumentException.class).hasMessage("field is null; name a label field");
  }
}
