package org.artsim.recommend.unique;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.DuplicateGroup;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class GreedyDuplicateFinderTest {

  /**
   * The naive reference of FiftyOne's greedy pass: in order, an item not yet removed is kept and
   * removes every later item within the threshold; each removed item joins its nearest kept item
   * within the threshold (the earlier on ties). Distances in double.
   */
  static List<DuplicateGroup> reference(List<String> ids, float[][] v, double threshold) {
    int n = ids.size();
    boolean[] removed = new boolean[n];
    boolean[] kept = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (removed[i]) {
        continue;
      }
      kept[i] = true;
      for (int j = i + 1; j < n; j++) {
        if (distance(v[i], v[j]) <= threshold) {
          removed[j] = true;
        }
      }
    }
    var members = new LinkedHashMap<Integer, List<Integer>>();
    for (int j = 0; j < n; j++) {
      if (!removed[j]) {
        continue;
      }
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (kept[i] && distance(v[i], v[j]) <= threshold && (best < 0 || distance(v[i], v[j]) < distance(v[best], v[j]))) {
          best = i;
        }
      }
      members.computeIfAbsent(best, x -> new ArrayList<>()).add(j);
    }
    var out = new ArrayList<DuplicateGroup>();
    for (int i = 0; i < n; i++) {
      var m = members.get(i);
      if (m != null) {
        float[] keptVector = v[i];
        out.add(new DuplicateGroup(ids.get(i), m.stream().map(ids::get).toList(), m.stream().map(j -> distance(keptVector, v[j])).toList()));
      }
    }
    return out;
  }

  private static double distance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /** Integer points (exact distances) and half-integer thresholds, so no pair sits on the threshold. */
  @Test
  void matchesTheNaiveGreedyPassOnManySeeds() {
    DuplicateFinder finder = Artsim.duplicateFinder("greedy");
    for (long seed : Seeds.stream("greedy-duplicates", 60).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(80);
      int dim = 1 + r.nextInt(4);
      var index = Artsim.index("flat", dim, Metric.L2);
      var ids = new ArrayList<String>();
      float[][] v = new float[n][dim];
      for (int i = 0; i < n; i++) {
        for (int d = 0; d < dim; d++) {
          v[i][d] = r.nextInt(6);
        }
        ids.add("w" + i);
        index.add("w" + i, v[i]);
      }
      java.util.Collections.shuffle(ids, new java.util.Random(seed));
      float[][] ordered = new float[n][];
      for (int i = 0; i < n; i++) {
        ordered[i] = v[Integer.parseInt(ids.get(i).substring(1))];
      }
      double threshold = r.nextInt(4) + 0.5;
      var expected = reference(ids, ordered, threshold);
      for (var f : List.of(finder, new GreedyDuplicateFinderProvider().create(GreedyDuplicatesConfig.defaults().withBruteForceLimit(0)))) {
        var actual = f.find(index, ids, threshold);
        assertThat(actual).as(Seeds.reproduce(seed)).hasSameSizeAs(expected);
        for (int g = 0; g < expected.size(); g++) {
          assertThat(actual.get(g).kept()).as(Seeds.reproduce(seed)).isEqualTo(expected.get(g).kept());
          assertThat(actual.get(g).duplicates()).as(Seeds.reproduce(seed)).isEqualTo(expected.get(g).duplicates());
          for (int d = 0; d < expected.get(g).distances().size(); d++) {
            assertThat(actual.get(g).distances().get(d)).isCloseTo(expected.get(g).distances().get(d), within(1e-6));
          }
        }
      }
    }
  }

  @Test
  void configIsTypedAndSettingsAreChecked() {
    assertThat(GreedyDuplicatesConfig.defaults().provider()).isEqualTo("greedy");
    assertThat(GreedyDuplicatesConfig.parse(Map.of("brute_force_limit", "7"))).isEqualTo(new GreedyDuplicatesConfig(7));
    assertThatThrownBy(() -> GreedyDuplicatesConfig.parse(Map.of("brute_force", "7")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("greedy: unknown setting [brute_force]");
    assertThatThrownBy(() -> GreedyDuplicatesConfig.parse(Map.of("brute_force_limit", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("greedy: setting 'brute_force_limit' is 'many'; it must be a whole number");
    assertThatThrownBy(() -> GreedyDuplicatesConfig.defaults().withBruteForceLimit(-1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("greedy: brute_force_limit must be >= 0, got -1");
  }

  @Test
  void badArgumentsAreTypedErrors() {
    DuplicateFinder finder = Artsim.duplicateFinder("greedy");
    var index = Artsim.index("flat", 2, Metric.L2);
    index.add("a", new float[] {0, 0});
    assertThatThrownBy(() -> finder.find(null, List.of("a"), 0.1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("index is null; give the VectorIndex holding the items");
    assertThatThrownBy(() -> finder.find(index, null, 0.1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ids is null; give the ids of the index items to analyse (index.ids() for all)");
    assertThatThrownBy(() -> finder.find(index, List.of("a"), Double.NaN))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("near-duplicate threshold must be a finite distance >= 0, got NaN");
  }
}
