package org.artsim.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.artsim.Metric;
import org.junit.jupiter.api.Test;

class RetrievalQualityTest {
  record Item(String label, Set<String> labels) {
    Item(String label) {
      this(label, Set.of(label));
    }
  }

  /** Three tight clusters of four: every neighbour within the cluster comes first. */
  private static List<float[]> clusters(int perCluster, int clusters) {
    List<float[]> v = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      for (int i = 0; i < perCluster; i++) {
        float[] x = new float[clusters];
        x[c] = 1f;
        x[(c + 1) % clusters] = 0.01f * i;
        v.add(x);
      }
    }
    return v;
  }

  @Test
  void separatedClustersScorePerfectlyAndChanceIsTheLabelShare() {
    List<Item> items = new ArrayList<>();
    for (String l : List.of("a", "b", "c")) {
      for (int i = 0; i < 4; i++) {
        items.add(new Item(l));
      }
    }
    var f = RetrievalQuality.measure(items, clusters(4, 3), Metric.L2, 3, Item::labels, Item::label);
    assertThat(f.microPrecision()).isEqualTo(1.0);
    assertThat(f.macroPrecision()).isEqualTo(1.0);
    assertThat(f.voteAccuracy()).isEqualTo(1.0);
    assertThat(f.chancePrecision()).isCloseTo(3 / 11.0, within(1e-12));
    assertThat(f.queries()).isEqualTo(12);
  }

  @Test
  void aMislabelledWorkCostsExactlyItsShare() {
    List<Item> items = new ArrayList<>();
    for (String l : List.of("a", "b", "c")) {
      for (int i = 0; i < 4; i++) {
        items.add(new Item(l));
      }
    }
    items.set(0, new Item("b"));
    var f = RetrievalQuality.measure(items, clusters(4, 3), Metric.L2, 3, Item::labels, Item::label);
    // item 0 (labelled b, lives in cluster a): 0/3 right; items 1-3 (a): 2/3 each; the other 8: 3/3
    assertThat(f.microPrecision()).isCloseTo((0 + 3 * 2 / 3.0 + 8) / 12, within(1e-12));
    // macro: label a = mean(2/3 x3); label b = mean(0, 1 x4); label c = 1
    assertThat(f.macroPrecision()).isCloseTo((2 / 3.0 + 4 / 5.0 + 1) / 3, within(1e-12));
    // votes: item 0 sees a,a,a -> wrong; items 1-3 see b?,a,a -> a wins -> right; others right
    assertThat(f.voteAccuracy()).isCloseTo(11 / 12.0, within(1e-12));
  }

  @Test
  void aWorkFiledUnderSeveralLabelsMatchesAnyOfThem() {
    List<Item> items = List.of(new Item("a", Set.of("a", "b")), new Item("b"), new Item("c"));
    List<float[]> v = List.of(new float[] {0, 0}, new float[] {0, 1}, new float[] {0, 5});
    var f = RetrievalQuality.measure(items, v, Metric.L2, 1, Item::labels, Item::label);
    // 0 -> 1 (b, shared), 1 -> 0 (a|b, shared), 2 -> 1 (b, not c)
    assertThat(f.microPrecision()).isCloseTo(2 / 3.0, within(1e-12));
  }
}
