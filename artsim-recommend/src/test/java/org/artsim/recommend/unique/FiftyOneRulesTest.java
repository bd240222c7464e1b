package org.artsim.recommend.unique;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

/** The FiftyOne uniqueness rules against naive references and a known answer, and through their providers. */
class FiftyOneRulesTest {
  static final float[][] SEVEN = NeighbourUniquenessTest.SEVEN;

  /**
   * FiftyOne ≥ 0.18 on the seven vectors, computed with numpy float64 following FiftyOne's sklearn
   * backend (centre, scikit-learn's cosine_distances, diagonal NaN, argsort, columns 1..3, weighted
   * mean, divided by the max).
   */
  static final double[] SEVEN_NEW_RULE = {
    0.4856616445811246, 0.5043643720251163, 0.4829593164077123, 1.0, 0.8587200710748248, 0.9775917095331579, 0.8233338021639595
  };

  /** The naive ≥ 0.18 reference: centred cosine distances, each row sorted, the 2nd–4th others weighted. */
  static double[] naiveNewRule(float[][] v, boolean chord) {
    int n = v.length;
    int dim = v[0].length;
    if (n <= 3) {
      double[] ones = new double[n];
      Arrays.fill(ones, 1);
      return ones;
    }
    double[][] c = new double[n][dim];
    for (int d = 0; d < dim; d++) {
      double mean = 0;
      for (float[] x : v) {
        mean += x[d];
      }
      mean /= n;
      for (int i = 0; i < n; i++) {
        c[i][d] = v[i][d] - mean;
      }
    }
    double[] raw = new double[n];
    double[] w = {0.6, 0.3, 0.1};
    for (int i = 0; i < n; i++) {
      var row = new ArrayList<Double>();
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double dot = 0;
          double ni = 0;
          double nj = 0;
          for (int d = 0; d < dim; d++) {
            dot += c[i][d] * c[j][d];
            ni += c[i][d] * c[i][d];
            nj += c[j][d] * c[j][d];
          }
          double cos = ni == 0 || nj == 0 ? 0 : dot / Math.sqrt(ni) / Math.sqrt(nj);
          double cd = Math.min(2, Math.max(0, 1 - cos));
          if (chord) {
            double a = ni == 0 ? 0 : 1;
            double b = nj == 0 ? 0 : 1;
            cd = Math.sqrt(Math.max(0, a + b - 2 * (ni == 0 || nj == 0 ? 0 : cos)));
          }
          row.add(cd);
        }
      }
      row.sort(null);
      double s = 0;
      for (int t = 1; t < Math.min(4, row.size()); t++) {
        s += row.get(t) * w[t - 1];
      }
      raw[i] = s / 3;
    }
    double max = Arrays.stream(raw).max().orElse(0);
    return Arrays.stream(raw).map(x -> max > 0 ? x / max : 0).toArray();
  }

  /** The naive ≤ 0.17 reference: Euclidean distances, each row sorted, the 1st–3rd others weighted. */
  static double[] naiveOldRule(float[][] v) {
    int n = v.length;
    if (n <= 3) {
      double[] ones = new double[n];
      Arrays.fill(ones, 1);
      return ones;
    }
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      var row = new ArrayList<Double>();
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double s = 0;
          for (int d = 0; d < v[i].length; d++) {
            double x = (double) v[i][d] - v[j][d];
            s += x * x;
          }
          row.add(Math.sqrt(s));
        }
      }
      row.sort(null);
      raw[i] = (0.6 * row.get(0) + 0.3 * row.get(1) + 0.1 * row.get(2)) / 3;
    }
    double max = Arrays.stream(raw).max().orElse(0);
    return Arrays.stream(raw).map(x -> max > 0 ? x / max : 0).toArray();
  }

  /** Random vectors, sometimes with exact copies and a shared offset (which centring removes). */
  static float[][] randomVectors(SplittableRandom r) {
    int n = 1 + r.nextInt(60);
    int dim = 1 + r.nextInt(12);
    float[][] v = new float[n][];
    float offset = r.nextBoolean() ? 0 : 5;
    for (int i = 0; i < n; i++) {
      if (i > 0 && r.nextInt(6) == 0) {
        v[i] = v[r.nextInt(i)].clone();
      } else {
        v[i] = RandomVectors.gaussian(r, dim);
        for (int d = 0; d < dim; d++) {
          v[i][d] += offset;
        }
      }
    }
    return v;
  }

  @Test
  void newRuleKnownAnswer() {
    double[] u = NeighbourUniqueness.fiftyone(SEVEN);
    for (int i = 0; i < 7; i++) {
      assertThat(u[i]).as("item %d", i).isCloseTo(SEVEN_NEW_RULE[i], within(1e-12));
    }
  }

  @Test
  void newRuleMatchesTheNaiveReferenceOnManySeeds() {
    for (long seed : Seeds.stream("fiftyone-new", 200).toArray()) {
      float[][] v = randomVectors(new SplittableRandom(seed));
      double[] expected = naiveNewRule(v, false);
      double[] actual = NeighbourUniqueness.fiftyone(v);
      for (int i = 0; i < v.length; i++) {
        assertThat(actual[i]).as(Seeds.reproduce(seed) + " item " + i).isCloseTo(expected[i], within(1e-9));
      }
      double[] chordExpected = naiveNewRule(v, true);
      double[] chord = NeighbourUniqueness.fiftyone(v, 0);
      for (int i = 0; i < v.length; i++) {
        assertThat(chord[i]).as(Seeds.reproduce(seed) + " chord item " + i).isCloseTo(chordExpected[i], within(1e-6));
      }
    }
  }

  @Test
  void oldRuleMatchesTheNaiveReferenceOnManySeeds() {
    for (long seed : Seeds.stream("fiftyone-old", 200).toArray()) {
      float[][] v = randomVectors(new SplittableRandom(seed));
      double[] expected = naiveOldRule(v);
      double[] actual = NeighbourUniqueness.fiftyone017(v);
      for (int i = 0; i < v.length; i++) {
        assertThat(actual[i]).as(Seeds.reproduce(seed) + " item " + i).isCloseTo(expected[i], within(1e-12));
      }
    }
  }

  /** The knn-distance rule on an L2 index of raw vectors is the ≤ 0.17 rule up to float rounding, and not the ≥ 0.18 one. */
  @Test
  void knnDistanceOnAnL2IndexIsTheOldRule() {
    for (long seed : Seeds.stream("knn-distance-l2", 40).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 5 + r.nextInt(60);
      int dim = 1 + r.nextInt(8);
      var index = Artsim.index("flat", dim, Metric.L2);
      float[][] v = new float[n][];
      for (int i = 0; i < n; i++) {
        v[i] = RandomVectors.gaussian(r, dim);
        index.add("i" + i, v[i]);
      }
      var knn = NeighbourUniqueness.knnDistance(index);
      double[] old = naiveOldRule(v);
      for (int i = 0; i < n; i++) {
        assertThat(knn.score("i" + i)).as(Seeds.reproduce(seed)).isCloseTo(old[i], within(1e-4));
      }
    }
  }

  @Test
  void fourItemsLeaveOutTheMissingFourthNeighbour() {
    float[][] v = {{0, 0}, {1, 0}, {0, 2}, {3, 3}};
    double[] expected = naiveNewRule(v, false);
    assertThat(NeighbourUniqueness.fiftyone(v)).containsExactly(expected, within(1e-12));
    assertThat(NeighbourUniqueness.fiftyone(new float[][] {{1}, {2}, {3}})).containsExactly(1, 1, 1);
    // identical vectors centre to zero vectors, whose cosine distance is 1 (scikit-learn's convention): all score 1
    assertThat(NeighbourUniqueness.fiftyone(new float[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}})).containsOnly(1.0);
  }

  private static VectorIndex l2Index(float[][] v) {
    var index = Artsim.index("flat", v[0].length, Metric.L2);
    for (int i = 0; i < v.length; i++) {
      index.add("v" + i, v[i]);
    }
    return index;
  }

  @Test
  void providersScoreTheListedItems() {
    assertThat(Artsim.available().get("Uniqueness")).contains("fiftyone", "fiftyone-0.17", "knn-distance");
    var index = l2Index(SEVEN);
    var ids = List.of("v6", "v5", "v4", "v3", "v2", "v1", "v0");
    float[][] reversed = new float[7][];
    for (int i = 0; i < 7; i++) {
      reversed[i] = SEVEN[6 - i];
    }
    Map<String, Double> fiftyone = Artsim.uniqueness("fiftyone").score(index, ids);
    assertThat(fiftyone.keySet()).containsExactlyElementsOf(ids);
    for (int i = 0; i < 7; i++) {
      assertThat(fiftyone.get("v" + i)).isCloseTo(SEVEN_NEW_RULE[i], within(1e-12));
    }
    Map<String, Double> old = Artsim.uniqueness("fiftyone-0.17").score(index, ids);
    double[] oldExpected = naiveOldRule(reversed);
    for (int i = 0; i < 7; i++) {
      assertThat(old.get(ids.get(i))).isCloseTo(oldExpected[i], within(1e-12));
    }
    Map<String, Double> knn = Artsim.uniqueness("knn-distance").score(index, ids);
    for (int i = 0; i < 7; i++) {
      assertThat(knn.get(ids.get(i))).isCloseTo(oldExpected[i], within(1e-5));
    }
    var subset = Artsim.uniqueness("fiftyone").score(index, List.of("v0", "v1", "v2", "v3", "v4"));
    double[] subsetExpected = naiveNewRule(Arrays.copyOf(SEVEN, 5), false);
    for (int i = 0; i < 5; i++) {
      assertThat(subset.get("v" + i)).isCloseTo(subsetExpected[i], within(1e-12));
    }
    assertThat(UniquenessScorer.ranked(fiftyone).get(0).id()).isEqualTo("v3");
  }

  @Test
  void badArgumentsAreTypedErrors() {
    var index = l2Index(SEVEN);
    for (String name : List.of("fiftyone", "fiftyone-0.17", "knn-distance")) {
      var scorer = Artsim.uniqueness(name);
      assertThatThrownBy(() -> scorer.score(null, List.of("v0")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("index is null; give the VectorIndex holding the items");
      assertThatThrownBy(() -> scorer.score(index, null))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("ids is null; give the ids of the index items to analyse (index.ids() for all)");
      assertThatThrownBy(() -> scorer.score(index, List.of("v0", "nope")))
          .isInstanceOf(UnknownIdException.class)
          .hasMessage("id 'nope' is not in the index; list only ids of the index");
      assertThatThrownBy(() -> scorer.score(index, List.of("v0", "v0")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("id 'v0' appears twice in ids; list each item once");
    }
    assertThatThrownBy(() -> NeighbourUniqueness.fiftyone((float[][]) null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vectors is null; give one vector per item");
    assertThatThrownBy(() -> NeighbourUniqueness.fiftyone(new float[][] {{1, Float.NaN}}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vector 0 holds NaN at component 1; give finite values");
    assertThatThrownBy(() -> NeighbourUniqueness.fiftyone(SEVEN, -1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("exactLimit must be >= 0, got -1");
    assertThatThrownBy(() -> NeighbourUniqueness.knnDistance(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("index is null; give the VectorIndex holding the items");
  }

  @Test
  void configsAreTypedAndSettingsAreChecked() {
    assertThat(FiftyOneUniquenessConfig.defaults().provider()).isEqualTo("fiftyone");
    assertThat(FiftyOne017UniquenessConfig.defaults().provider()).isEqualTo("fiftyone-0.17");
    assertThat(KnnDistanceUniquenessConfig.defaults().provider()).isEqualTo("knn-distance");
    assertThat(FiftyOneUniquenessConfig.parse(Map.of("exact_limit", "10"))).isEqualTo(new FiftyOneUniquenessConfig(10));
    assertThatThrownBy(() -> FiftyOneUniquenessConfig.parse(Map.of("exact_limit", "-2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("fiftyone: exact_limit must be >= 0, got -2");
    assertThatThrownBy(() -> FiftyOneUniquenessConfig.parse(Map.of("k", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("fiftyone: unknown setting [k]");
    assertThatThrownBy(() -> FiftyOne017UniquenessConfig.parse(Map.of("k", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("fiftyone-0.17: unknown setting [k]");
    assertThatThrownBy(() -> KnnDistanceUniquenessConfig.parse(Map.of("k", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("knn-distance: unknown setting [k]");
    assertThatThrownBy(() -> FiftyOneUniquenessConfig.parse(Map.of("exact_limit", "lots")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("fiftyone: setting 'exact_limit' is 'lots'; it must be a whole number");
  }

  @Test
  void typedConfigsSelectAndConfigureTheirProvider() {
    var index = l2Index(SEVEN);
    var ids = index.ids();
    var chord = Artsim.uniqueness(FiftyOneUniquenessConfig.defaults().withExactLimit(0)).score(index, ids);
    double[] expected = NeighbourUniqueness.fiftyone(SEVEN, 0);
    for (int i = 0; i < 7; i++) {
      assertThat(chord.get("v" + i)).isEqualTo(expected[i]);
    }
    assertThat(Artsim.uniqueness(FiftyOne017UniquenessConfig.defaults()).score(index, ids).get("v5")).isEqualTo(1.0);
    assertThat(Artsim.uniqueness(KnnDistanceUniquenessConfig.defaults()).score(index, ids)).hasSize(7);
    org.artsim.spi.ProviderConfig foreign = () -> "fiftyone";
    assertThatThrownBy(() -> Artsim.uniqueness(foreign)).isInstanceOf(ConfigException.class).hasMessageStartingWith("'fiftyone' is configured with FiftyOneUniquenessConfig");
  }
}
