package org.artsim.recommend.unique;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

  /** x—y 0.15 apart, y—z 0.15 apart, x—z 0.3 apart; w far away; w2 0.05 from w. */
  private static VectorIndex chain() {
    var index = Artsim.index("flat", 2, Metric.L2);
    index.add("x", new float[] {0, 0});
    index.add("w", new float[] {10, 10});
    index.add("y", new float[] {0.15f, 0});
    index.add("z", new float[] {0.3f, 0});
    index.add("w2", new float[] {10, 10.05f});
    index.add("far", new float[] {-10, 5});
    return index;
  }

  @Test
  void greedyKeepFirstInCollectionOrder() {
    var r = NearDuplicates.find(chain(), 0.2);
    assertThat(r.pairs()).extracting(NearDuplicates.Pair::first, NearDuplicates.Pair::second)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("x", "y"), org.assertj.core.groups.Tuple.tuple("w", "w2"),
            org.assertj.core.groups.Tuple.tuple("y", "z"));
    assertThat(r.pairs().get(0).distance()).isCloseTo(0.15, within(1e-6));
    assertThat(r.kept()).containsExactly("x", "w", "z", "far");
    assertThat(r.duplicateOf()).containsExactly(Map.entry("y", "x"), Map.entry("w2", "w"));
    assertThat(r.groups()).containsExactly(new NearDuplicates.Group("x", List.of("y")), new NearDuplicates.Group("w", List.of("w2")));
  }

  @Test
  void orderDecidesWhichCopyIsKept() {
    var index = chain();
    var r = NearDuplicates.find(index, List.of("y", "x", "z", "w2", "w", "far"), 0.2, 100);
    assertThat(r.kept()).containsExactly("y", "w2", "far");
    assertThat(r.duplicateOf()).containsExactly(Map.entry("x", "y"), Map.entry("z", "y"), Map.entry("w", "w2"));
  }

  @Test
  void indexSearchesFindTheSamePairsAsAllPairs() {
    for (long seed : Seeds.stream("near-duplicates", 6).toArray()) {
      var rnd = new SplittableRandom(seed);
      for (Metric metric : new Metric[] {Metric.L2, Metric.COSINE}) {
        var index = Artsim.index("flat", 8, metric);
        for (int i = 0; i < 300; i++) {
          float[] v = RandomVectors.gaussian(rnd, 8);
          index.add("i" + i, v);
          int copies = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(40) : 0;
          for (int c = 0; c < copies; c++) {
            float[] w = v.clone();
            w[rnd.nextInt(8)] += (float) (0.01 * RandomVectors.gaussianValue(rnd));
            index.add("i" + i + "-copy" + c, w);
          }
        }
        double threshold = metric == Metric.L2 ? 0.02 : 2e-5;
        var brute = NearDuplicates.find(index, index.ids(), threshold, Integer.MAX_VALUE);
        var searched = NearDuplicates.find(index, index.ids(), threshold, 0);
        // the index re-normalises queries, so distances agree to float rounding, not bitwise
        assertThat(searched.pairs()).as(Seeds.reproduce(seed)).hasSameSizeAs(brute.pairs());
        for (int i = 0; i < brute.pairs().size(); i++) {
          var a = brute.pairs().get(i);
          var b = searched.pairs().get(i);
          assertThat(b.first() + "|" + b.second()).as(Seeds.reproduce(seed)).isEqualTo(a.first() + "|" + a.second());
          assertThat(b.distance()).isCloseTo(a.distance(), within(1e-5));
        }
        assertThat(searched.kept()).isEqualTo(brute.kept());
        assertThat(searched.duplicateOf().keySet()).isEqualTo(brute.duplicateOf().keySet());
        assertThat(searched.groups().size()).isEqualTo(brute.groups().size());
        assertThat(brute.pairs()).isNotEmpty();
      }
    }
  }

  @Test
  void exactCopiesAreDuplicatesAtThresholdZero() {
    var index = Artsim.index("flat", 3, Metric.COSINE);
    index.add("a", new float[] {1, 2, 3});
    index.add("b", new float[] {2, 4, 6});
    index.add("c", new float[] {3, 2, 1});
    var r = NearDuplicates.find(index, NearDuplicates.FIFTYONE_THRESHOLD);
    assertThat(r.duplicateOf()).containsExactly(Map.entry("b", "a"));
    assertThat(r.kept()).containsExactly("a", "c");
  }

  @Test
  void keepBestRankedCollapsesNearCopies() {
    float[] base = {1, 0, 0};
    float[] close = {0.95f, (float) Math.sqrt(1 - 0.95 * 0.95), 0};
    float[] chainEnd = {0.85f, (float) Math.sqrt(1 - 0.85 * 0.85), 0.0f};
    float[] other = {0, 0, 1};
    Map<String, float[]> vectors = Map.of("a", other, "b", base, "c", close, "d", chainEnd, "e", other.clone());
    var hits = List.of(Hit.of("a", 0.9f), Hit.of("b", 0.8f), Hit.of("c", 0.7f), Hit.of("d", 0.6f), Hit.of("e", 0.5f), Hit.of("unknown", 0.4f));
    var kept = NearDuplicates.keepBestRanked(hits, NearDuplicates.CLIP_RETRIEVAL_SIMILARITY, vectors::get);
    assertThat(kept).extracting(Hit::id).containsExactly("a", "b", "unknown");
    var strict = NearDuplicates.keepBestRanked(hits, 0.999, vectors::get);
    assertThat(strict).extracting(Hit::id).containsExactly("a", "b", "c", "d", "unknown");
  }

  @Test
  void keepBestRankedWithAnIndex() {
    var index = Artsim.index("flat", 2, Metric.COSINE);
    index.add("a", new float[] {1, 0});
    index.add("b", new float[] {0.95f, 0.3122f});
    index.add("c", new float[] {0, 1});
    var hits = index.search(new float[] {1, 0.1f}, 3);
    assertThat(NearDuplicates.keepBestRanked(hits, 0.94, index)).extracting(Hit::id).containsExactly("a", "c");
  }

  @Test
  void badInputsAreRejected() {
    var index = chain();
    assertThatThrownBy(() -> NearDuplicates.find(index, -0.1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("near-duplicate threshold must be a finite distance >= 0, got -0.1");
    assertThatThrownBy(() -> NearDuplicates.find(index, List.of("x", "x"), 0.1, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("id 'x' appears twice in ids; list each item once");
    assertThatThrownBy(() -> NearDuplicates.find(index, List.of("nope"), 0.1, 10))
        .isInstanceOf(org.artsim.UnknownIdException.class)
        .hasMessage("id 'nope' is not in the index; list only ids of the index");
    assertThatThrownBy(() -> NearDuplicates.find(Artsim.index("flat", 2, Metric.DOT), 0.1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("near-duplicates need distances, but this index scores by inner product (metric DOT); use a COSINE or L2 index");
    assertThatThrownBy(() -> NearDuplicates.keepBestRanked(List.of(), 1.5, id -> null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("minSimilarity is a cosine similarity and must be in [-1, 1], got 1.5");
    assertThatThrownBy(() -> NearDuplicates.find(null, 0.1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("index is null; give the VectorIndex holding the items");
    assertThatThrownBy(() -> NearDuplicates.find(index, null, 0.1, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ids is null; give the ids of the index items to analyse (index.ids() for all)");
    assertThatThrownBy(() -> NearDuplicates.find(index, java.util.Arrays.asList("x", null), 0.1, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("ids contains null at position 1; give only ids of the index");
    assertThatThrownBy(() -> NearDuplicates.find(index, List.of("x"), 0.1, -1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("bruteForceLimit must be >= 0, got -1");
    assertThatThrownBy(() -> NearDuplicates.keepBestRanked(null, 0.9, id -> null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("hits is null; give the result list and a way to look up its vectors");
    assertThatThrownBy(() -> NearDuplicates.keepBestRanked(List.of(), 0.9, (VectorIndex) null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("index is null; give the VectorIndex holding the items");
  }
}
