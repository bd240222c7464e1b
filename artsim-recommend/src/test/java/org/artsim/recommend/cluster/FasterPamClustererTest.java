package org.artsim.recommend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.analysis.Cluster;
import org.artsim.analysis.Clusterer;
import org.artsim.recommend.cluster.KMedoidsConfig.Initialization;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class FasterPamClustererTest {

  @Test
  void clustersAsKMedoidsDoesWithIdsAndOrder() {
    Clusterer clusterer = Artsim.clusterer("fasterpam");
    for (long seed : Seeds.stream("fasterpam-clusterer", 30).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 3 + r.nextInt(120);
      float[][] v = ClusteredVectors.make(r, n, 1 + r.nextInt(10), 1 + r.nextInt(5), 0.2);
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "w" + (n - i);
      }
      Metric metric = r.nextBoolean() ? Metric.L2 : Metric.COSINE;
      int k = 1 + r.nextInt(Math.min(n, 7));
      var clusters = clusterer.cluster(ids, v, metric, k, seed);
      var direct = KMedoids.fit(v, metric, KMedoidsConfig.of(k).withSeed(seed));
      String at = Seeds.reproduce(seed);
      assertThat(clusters.method()).isEqualTo("fasterpam");
      assertThat(clusters.loss()).as(at).isEqualTo(direct.loss());
      assertThat(clusters.iterations()).as(at).isEqualTo(direct.iterations());
      var expectedMedoids = new HashSet<String>();
      for (int m : direct.medoids()) {
        expectedMedoids.add(ids[m]);
      }
      assertThat(clusters.medoids()).as(at).containsExactlyInAnyOrderElementsOf(expectedMedoids);
      var all = new ArrayList<String>();
      for (int c = 0; c < clusters.clusters().size(); c++) {
        Cluster cl = clusters.clusters().get(c);
        assertThat(cl.members()).as(at).contains(cl.medoid());
        if (c > 0) {
          Cluster prev = clusters.clusters().get(c - 1);
          assertThat(prev.size() > cl.size() || (prev.size() == cl.size() && prev.medoid().compareTo(cl.medoid()) < 0)).as(at).isTrue();
        }
        var positions = cl.members().stream().map(id -> n - Integer.parseInt(id.substring(1))).toList();
        assertThat(positions).as(at + " members keep the given order").isSorted();
        for (String id : cl.members()) {
          int o = n - Integer.parseInt(id.substring(1));
          assertThat(ids[direct.medoids()[direct.assignment()[o]]]).as(at).isEqualTo(cl.medoid());
        }
        all.addAll(cl.members());
      }
      assertThat(all).as(at).containsExactlyInAnyOrder(ids);
    }
  }

  @Test
  void typedConfigSelectsTheStart() {
    var config = KMedoidsConfig.defaults().withInit(Initialization.LAB).withRestarts(1);
    assertThat(config.provider()).isEqualTo("fasterpam");
    var clusterer = new FasterPamClustererProvider().create(config);
    float[][] v = ClusteredVectors.make(new SplittableRandom(3), 200, 4, 5, 0.1);
    String[] ids = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      ids[i] = "i" + i;
    }
    var expected = KMedoids.fit(v, Metric.L2, config.withK(5).withSeed(9));
    assertThat(clusterer.cluster(ids, v, Metric.L2, 5, 9).loss()).isEqualTo(expected.loss());
    assertThat(new FasterPamClustererProvider().parse(Map.of("init", "lab", "restarts", "1"))).isEqualTo(config);
    assertThatThrownBy(() -> new FasterPamClustererProvider().parse(Map.of("inti", "lab")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("fasterpam: unknown setting [inti]");
    assertThatThrownBy(() -> new FasterPamClustererProvider().parse(Map.of("init", "fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("fasterpam: setting 'init' is 'fast'; it must be one of [build, lab, random]");
  }

  @Test
  void badArgumentsAreTypedErrors() {
    Clusterer clusterer = Artsim.clusterer("fasterpam");
    String[] ids = {"a", "b", "c"};
    float[][] v = {{0, 1}, {1, 0}, {1, 1}};
    assertThatThrownBy(() -> clusterer.cluster(ids, v, Metric.L2, 0, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("k must be in [1, 3] for 3 items, got 0; ask for at least one cluster and at most one per item");
    assertThatThrownBy(() -> clusterer.cluster(ids, v, Metric.L2, -2, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("k must be in [1, 3] for 3 items, got -2; ask for at least one cluster and at most one per item");
    assertThatThrownBy(() -> clusterer.cluster(ids, v, Metric.L2, 4, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("k must be in [1, 3] for 3 items, got 4; ask for at least one cluster and at most one per item");
    assertThatThrownBy(() -> clusterer.cluster(null, v, Metric.L2, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ids is null; give one id and one vector per item and the metric (COSINE or L2)");
    assertThatThrownBy(() -> clusterer.cluster(ids, null, Metric.L2, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("vectors is null; give one id and one vector per item and the metric (COSINE or L2)");
    assertThatThrownBy(() -> clusterer.cluster(ids, v, null, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("metric is null; give one id and one vector per item and the metric (COSINE or L2)");
    assertThatThrownBy(() -> clusterer.cluster(new String[] {"a"}, v, Metric.L2, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("1 ids but 3 vectors; give one vector per id");
    assertThatThrownBy(() -> clusterer.cluster(new String[] {"a", "a", "c"}, v, Metric.L2, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("id 'a' appears twice in ids; list each item once");
    assertThatThrownBy(() -> clusterer.cluster(new String[] {"a", null, "c"}, v, Metric.L2, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ids contains null at position 1; give every item an id");
    assertThatThrownBy(() -> clusterer.cluster(ids, new float[][] {{0, 1}, {1, Float.NaN}, {1, 1}}, Metric.L2, 1, 1))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> KMedoids.fit((float[][]) null, Metric.L2, KMedoidsConfig.of(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no vectors to cluster; give at least one vector");
    assertThatThrownBy(() -> KMedoids.fit(v, Metric.L2, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("config is null; use KMedoidsConfig.of(k)");
    assertThatThrownBy(() -> KMedoids.fit((org.artsim.VectorIndex) null, KMedoidsConfig.of(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("index is null; give the VectorIndex whose items are clustered");
    assertThatThrownBy(() -> KMedoids.loss(null, new int[] {0}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("dissimilarity is null; give Dissimilarity.matrix(...) or Dissimilarity.vectors(...)");
    assertThatThrownBy(() -> Silhouette.chooseK(null, 2, 3, KMedoidsConfig.defaults()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("dissimilarity is null; give a Dissimilarity and a KMedoidsConfig");
    assertThatThrownBy(() -> KMedoidsConfig.of(0)).isInstanceOf(ConfigException.class).hasMessage("fasterpam: k must be >= 1, got 0");
    assertThatThrownBy(() -> KMedoidsConfig.of(-3)).isInstanceOf(ConfigException.class).hasMessage("fasterpam: k must be >= 1, got -3");
  }

  @Test
  void providerIsListed() {
    assertThat(Artsim.available().get("Clusterer")).contains("fasterpam");
    assertThat(List.of(new FasterPamClustererProvider().module())).containsExactly("org.artsim:artsim-recommend");
  }
}
