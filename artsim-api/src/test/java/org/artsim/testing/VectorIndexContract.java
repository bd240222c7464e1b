package org.artsim.testing;

import static org.artsim.testing.NeighbourAssertions.assertSameNeighbours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.artsim.Artsim;
import org.artsim.DimensionMismatchException;
import org.artsim.DuplicateIdException;
import org.artsim.FileFormatException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.UnknownIdException;
import org.artsim.UnsupportedVersionException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every {@link VectorIndex} must show, as JUnit tests. An implementation's test
 * class extends this and says how to make an index; exact indexes are compared with {@link
 * ExactKnn} result for result, approximate ones ({@link #exact()} false) by recall.
 */
public abstract class VectorIndexContract {

  /** A new, empty index. */
  protected abstract VectorIndex newIndex(int dimension, Metric metric);

  /** Whether the index promises exact results (false: recall is checked instead). */
  protected boolean exact() {
    return true;
  }

  /** The recall@k an approximate index must reach on the contract's small random sets. */
  protected double minimumRecall() {
    return 0.9;
  }

  @TempDir protected Path tmp;

  private VectorIndex filled(List<VectorEntry> entries, int dim, Metric metric) {
    VectorIndex index = newIndex(dim, metric);
    index.addAll(entries);
    return index;
  }

  /** Checks one result list against the reference: exactly, or by recall for approximate indexes. */
  protected void check(List<Hit> actual, List<Hit> expected, int dim, String context) {
    if (exact()) {
      assertSameNeighbours(actual, expected, dim, context);
    } else {
      assertThat(actual.size()).as(context + ": number of hits").isEqualTo(expected.size());
      assertThat(NeighbourAssertions.recall(actual, expected)).as(context + ": recall").isGreaterThanOrEqualTo(minimumRecall() - 0.2);
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void matchesTheNaiveReferenceOnRandomData(Metric metric) {
    for (int dim : new int[] {1, 3, 511, 512, 1536}) {
      Seeds.stream("random-" + metric + dim, dim > 600 ? 3 : 6)
          .forEach(
              seed -> {
                var r = new SplittableRandom(seed);
                int n = 1 + r.nextInt(dim > 600 ? 150 : 300);
                var entries = RandomVectors.entries(r, n, dim, 4, false);
                try (VectorIndex index = filled(entries, dim, metric)) {
                  double recallSum = 0;
                  int queries = 8;
                  for (int q = 0; q < queries; q++) {
                    float[] query = RandomVectors.gaussian(r, dim);
                    int k = 1 + r.nextInt(Math.min(n, 20) + 5);
                    var expected = ExactKnn.search(entries, metric, query, k, LabelFilter.none());
                    var actual = index.search(query, k);
                    if (exact()) {
                      check(actual, expected, dim, Seeds.reproduce(seed) + " dim " + dim + " k " + k);
                    } else {
                      recallSum += NeighbourAssertions.recall(actual, expected);
                    }
                  }
                  if (!exact()) {
                    assertThat(recallSum / queries).as(Seeds.reproduce(seed) + " dim " + dim + " mean recall").isGreaterThanOrEqualTo(minimumRecall());
                  }
                }
              });
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void tiesAreOrderedById(Metric metric) {
    Seeds.stream("ties-" + metric, 10)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(8);
              int n = 5 + r.nextInt(200);
              var entries = RandomVectors.entries(r, n, dim, 3, true);
              try (VectorIndex index = filled(entries, dim, metric)) {
                for (int q = 0; q < 5; q++) {
                  float[] query = RandomVectors.smallIntegers(r, dim);
                  int k = 1 + r.nextInt(n + 3);
                  var expected = ExactKnn.search(entries, metric, query, k, LabelFilter.none());
                  var actual = index.search(query, k);
                  if (exact() && metric != Metric.COSINE) {
                    // integer data: dot and L2 scores are exact, so the order must match exactly
                    assertThat(actual).as(Seeds.reproduce(seed)).extracting(Hit::id).containsExactlyElementsOf(expected.stream().map(Hit::id).toList());
                  } else {
                    check(actual, expected, dim, Seeds.reproduce(seed));
                  }
                }
              }
            });
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void filtersAreAppliedDuringTheSearch(Metric metric) {
    Seeds.stream("filter-" + metric, 8)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 2 + r.nextInt(40);
              int n = 50 + r.nextInt(400);
              var entries = RandomVectors.entries(r, n, dim, 10, false);
              try (VectorIndex index = filled(entries, dim, metric)) {
                for (int q = 0; q < 6; q++) {
                  float[] query = RandomVectors.gaussian(r, dim);
                  var filter =
                      switch (q % 3) {
                        case 0 -> LabelFilter.anyOf("colour", "c" + r.nextInt(10));
                        case 1 -> LabelFilter.anyOf("colour", "c1", "c7", "nope");
                        default -> LabelFilter.anyOf("colour", "c" + r.nextInt(10)).and("shape", "s0");
                      };
                  int k = 1 + r.nextInt(30);
                  var expected = ExactKnn.search(entries, metric, query, k, filter);
                  var actual = index.search(query, k, filter);
                  assertThat(actual).as(Seeds.reproduce(seed) + " " + filter).allSatisfy(h -> assertThat(filter.test(h.labels())).isTrue());
                  check(actual, expected, dim, Seeds.reproduce(seed) + " " + filter);
                }
              }
            });
  }

  @Test
  void unknownLabelValuesMatchNothingWithoutError() {
    var r = new SplittableRandom(1);
    try (VectorIndex index = filled(RandomVectors.entries(r, 50, 4, 3, false), 4, Metric.L2)) {
      assertThat(index.search(new float[] {1, 2, 3, 4}, 5, LabelFilter.anyOf("colour", "ultraviolet"))).isEmpty();
    }
  }

  @Test
  void aFilterOnAFieldNoItemCarriesIsRefusedByName() {
    try (VectorIndex index = newIndex(2, Metric.L2)) {
      assertThat(index.search(new float[] {1, 2}, 3, LabelFilter.anyOf("Culture", "x"))).as("empty index").isEmpty();
      index.add("a", new float[] {1, 2}, Labels.of("culture", "japanese", "medium", "ink"));
      index.add("b", new float[] {2, 1}, Labels.of("culture", "american"));
      assertThatThrownBy(() -> index.search(new float[] {1, 1}, 3, LabelFilter.anyOf("Culture", "japanese")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("no item has label field 'Culture'; fields present: [culture, medium]")
          .hasMessageContaining("did you mean 'culture'");
      assertThatThrownBy(() -> index.search(new float[] {1, 1}, 3, LabelFilter.anyOf("period", "edo")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("no item has label field 'period'; fields present: [culture, medium]")
          .hasMessageNotContaining("did you mean");
      assertThatThrownBy(() -> index.searchBatch(new float[][] {{1, 1}}, 3, LabelFilter.anyOf("Medium", "ink")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("'Medium'");
      assertThatThrownBy(() -> index.matchesPerLabel(new float[] {1, 1}, 3, "CULTURE", List.of("japanese")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("'CULTURE'");
      assertThat(index.search(new float[] {1, 1}, 3, LabelFilter.anyOf("culture", "japanese"))).extracting(Hit::id).containsExactly("a");
      assertThat(index.search(new float[] {1, 1}, 3, LabelFilter.anyOf("medium", "ink"))).extracting(Hit::id).containsExactly("a");
      index.remove("a");
      assertThatThrownBy(() -> index.search(new float[] {1, 1}, 3, LabelFilter.anyOf("medium", "ink")))
          .as("a field only a removed item carried")
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("no item has label field 'medium'; fields present: [culture]");
    }
  }

  @Test
  void badArgumentsAreRefusedNamingTheArgument() {
    try (VectorIndex index = newIndex(2, Metric.L2)) {
      index.add("a", new float[] {1, 2}, Labels.of("k", "x"));
      assertThatThrownBy(() -> index.search((float[]) null, 3)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("query");
      assertThatThrownBy(() -> index.search(null, 3, LabelFilter.none())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("query");
      assertThatThrownBy(() -> index.search(new float[] {1, 2}, 3, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filter");
      assertThatThrownBy(() -> index.search((SearchRequest) null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("request");
      assertThatThrownBy(() -> index.search(new float[] {1, 2}, 0)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k must be at least 1");
      assertThatThrownBy(() -> index.searchBatch(new float[][] {{1, 2}}, -1, LabelFilter.none()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("k must be at least 1");
      assertThatThrownBy(() -> index.searchBatch(null, 2, LabelFilter.none())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("queries");
      assertThatThrownBy(() -> index.searchBatch(new float[][] {{1, 2}, null}, 2, LabelFilter.none()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("query 1");
      assertThatThrownBy(() -> index.searchBatch(new float[][] {{1, 2}}, 2, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filter");
      assertThatThrownBy(() -> index.add(null, new float[] {1, 2}, Labels.none())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> index.add("b", new float[] {1, 2}, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labels is null");
      assertThatThrownBy(() -> index.put("b", new float[] {1, 2}, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labels is null");
      assertThatThrownBy(() -> index.update("a", new float[] {1, 2}, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("labels is null");
      assertThatThrownBy(() -> index.put(null, new float[] {1, 2}, Labels.none())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> index.remove(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> index.contains(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> index.vector(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> index.labels(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id is null");
      assertThatThrownBy(() -> index.addAll(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("entries");
      assertThat(index.ids()).containsExactly("a");
    }
  }

  @Test
  void hugeKIsClampedToTheIndex() {
    var r = new SplittableRandom(21);
    var entries = RandomVectors.entries(r, 300, 6, 3, false);
    try (VectorIndex index = filled(entries, 6, Metric.COSINE)) {
      float[] q = RandomVectors.gaussian(r, 6);
      assertThat(index.search(q, Integer.MAX_VALUE)).hasSize(300);
      var filter = LabelFilter.anyOf("colour", "c1");
      int matches = (int) entries.stream().filter(e -> filter.test(e.labels())).count();
      assertThat(index.search(SearchRequest.of(q, Integer.MAX_VALUE).withFilter(filter).withEf(Integer.MAX_VALUE))).hasSize(matches);
      assertThat(index.searchBatch(new float[][] {q}, Integer.MAX_VALUE, filter).get(0)).hasSize(matches);
      assertThat(index.matchesPerLabel(q, Integer.MAX_VALUE, "colour", List.of("c1")).get("c1")).hasSize(matches);
    }
  }

  @Test
  void everyOperationAfterCloseIsRefused() {
    VectorIndex index = newIndex(2, Metric.L2);
    index.add("a", new float[] {1, 2}, Labels.of("k", "x"));
    index.close();
    index.close();
    float[] q = {1, 1};
    List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls =
        List.of(
            () -> index.add("b", q, Labels.none()),
            () -> index.addAll(List.of(VectorEntry.of("b", q))),
            () -> index.put("b", q, Labels.none()),
            () -> index.update("a", q, Labels.none()),
            () -> index.remove("a"),
            () -> index.contains("a"),
            () -> index.vector("a"),
            () -> index.labels("a"),
            () -> index.ids(),
            () -> index.size(),
            () -> index.labelValues("k"),
            () -> index.search(q, 1),
            () -> index.search(q, 1, LabelFilter.anyOf("k", "x")),
            () -> index.searchBatch(new float[][] {q}, 1, LabelFilter.none()),
            () -> index.matchesPerLabel(q, 1, "k", List.of("x")),
            () -> index.similarTo("a", 1, LabelFilter.none()),
            () -> index.save(tmp.resolve("closed.bin")));
    for (int i = 0; i < calls.size(); i++) {
      assertThatThrownBy(calls.get(i)).as("call " + i + " after close").isInstanceOf(CLOSED).hasMessageContaining("closed");
    }
    assertThat(tmp.resolve("closed.bin")).doesNotExist();
  }

  /** The exception type of use after close. */
  private static final Class<? extends RuntimeException> CLOSED = org.artsim.ClosedException.class;

  @Test
  void kLargerThanTheIndexReturnsWhatThereIs() {
    var r = new SplittableRandom(2);
    var entries = RandomVectors.entries(r, 7, 5, 2, false);
    try (VectorIndex index = filled(entries, 5, Metric.COSINE)) {
      assertThat(index.search(RandomVectors.gaussian(r, 5), 100)).hasSize(7);
      assertThat(newIndex(5, Metric.COSINE).search(RandomVectors.gaussian(r, 5), 3)).isEmpty();
    }
  }

  @Test
  void batchSearchEqualsSingleSearches() {
    var r = new SplittableRandom(3);
    for (Metric metric : Metric.values()) {
      var entries = RandomVectors.entries(r, 300, 37, 3, false);
      try (VectorIndex index = filled(entries, 37, metric)) {
        float[][] queries = new float[23][];
        for (int i = 0; i < queries.length; i++) {
          queries[i] = RandomVectors.gaussian(r, 37);
        }
        for (LabelFilter f : List.of(LabelFilter.none(), LabelFilter.anyOf("colour", "c1"))) {
          var batch = index.searchBatch(queries, 9, f);
          assertThat(batch).hasSize(queries.length);
          for (int i = 0; i < queries.length; i++) {
            assertThat(batch.get(i)).as(metric + " query " + i).isEqualTo(index.search(queries[i], 9, f));
          }
        }
      }
    }
  }

  @Test
  void matchesPerLabelGivesTheTopKOfEachValue() {
    var r = new SplittableRandom(4);
    var entries = RandomVectors.entries(r, 200, 6, 4, false);
    try (VectorIndex index = filled(entries, 6, Metric.DOT)) {
      float[] q = RandomVectors.gaussian(r, 6);
      var perLabel = index.matchesPerLabel(q, 3, "colour", List.of("c0", "c2", "missing"));
      assertThat(perLabel.keySet()).containsExactly("c0", "c2", "missing");
      assertThat(perLabel.get("missing")).isEmpty();
      for (String c : List.of("c0", "c2")) {
        check(perLabel.get(c), ExactKnn.search(entries, Metric.DOT, q, 3, LabelFilter.anyOf("colour", c)), 6, c);
      }
      assertThat(index.labelValues("colour")).containsExactlyInAnyOrder("c0", "c1", "c2", "c3");
      assertThat(index.labelValues("nothing")).isEmpty();
    }
  }

  @Test
  void similarToExcludesTheItemItself() {
    var r = new SplittableRandom(5);
    var entries = RandomVectors.entries(r, 100, 8, 2, false);
    try (VectorIndex index = filled(entries, 8, Metric.COSINE)) {
      var hits = index.similarTo("id-0007", 5, LabelFilter.none());
      assertThat(hits).hasSize(5).extracting(Hit::id).doesNotContain("id-0007");
      assertThatThrownBy(() -> index.similarTo("nope", 5, LabelFilter.none()))
          .isInstanceOf(UnknownIdException.class)
          .hasMessageContaining("'nope'");
    }
  }

  @Test
  void addUpdatePutRemoveFollowTheIdRules() {
    try (VectorIndex index = newIndex(2, Metric.L2)) {
      index.add("a", new float[] {0, 0}, Labels.of("k", "x"));
      index.add("b", new float[] {10, 10});
      assertThat(index.size()).isEqualTo(2);
      assertThatThrownBy(() -> index.add("a", new float[] {1, 1}))
          .isInstanceOf(DuplicateIdException.class)
          .hasMessageContaining("'a'")
          .hasMessageContaining("put");
      assertThat(index.vector("a")).hasValueSatisfying(v -> assertThat(v).containsExactly(0, 0));

      index.update("a", new float[] {9, 9}, Labels.of("k", "y"));
      assertThat(index.search(new float[] {9, 9}, 1).get(0).id()).isEqualTo("a");
      assertThat(index.labels("a")).isEqualTo(Labels.of("k", "y"));
      assertThat(index.search(new float[] {0, 0}, 5, LabelFilter.anyOf("k", "x"))).isEmpty();
      assertThatThrownBy(() -> index.update("zz", new float[] {1, 1}, Labels.none()))
          .isInstanceOf(UnknownIdException.class)
          .hasMessageContaining("'zz'");

      assertThat(index.put("c", new float[] {5, 5}, Labels.none())).isFalse();
      assertThat(index.put("c", new float[] {-5, -5}, Labels.none())).isTrue();
      assertThat(index.vector("c")).hasValueSatisfying(v -> assertThat(v).containsExactly(-5, -5));

      assertThat(index.remove("b")).isTrue();
      assertThat(index.remove("b")).isFalse();
      assertThat(index.remove("never")).isFalse();
      assertThat(index.contains("b")).isFalse();
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.search(new float[] {10, 10}, 10)).extracting(Hit::id).containsExactlyInAnyOrder("a", "c");
      assertThat(index.ids()).containsExactlyInAnyOrder("a", "c");
      assertThat(index.vector("b")).isEmpty();
      assertThatThrownBy(() -> index.labels("b")).isInstanceOf(UnknownIdException.class).hasMessageContaining("'b'");
    }
  }

  @Test
  void removedItemsNeverComeBack() {
    var r = new SplittableRandom(6);
    var entries = RandomVectors.entries(r, 400, 12, 3, false);
    try (VectorIndex index = filled(entries, 12, Metric.COSINE)) {
      var removed = new ArrayList<VectorEntry>();
      for (int i = 0; i < entries.size(); i += 3) {
        assertThat(index.remove(entries.get(i).id())).isTrue();
        removed.add(entries.get(i));
      }
      var kept = new ArrayList<>(entries);
      kept.removeAll(removed);
      assertThat(index.size()).isEqualTo(kept.size());
      for (VectorEntry e : removed) {
        var hits = index.search(e.vector(), 10);
        assertThat(hits).extracting(Hit::id).doesNotContainAnyElementsOf(removed.stream().map(VectorEntry::id).toList());
        check(hits, ExactKnn.search(kept, Metric.COSINE, e.vector(), 10, LabelFilter.none()), 12, "after removals");
      }
    }
  }

  @Test
  void badVectorsAreRejectedAndChangeNothing() {
    try (VectorIndex index = newIndex(3, Metric.COSINE)) {
      index.add("ok", new float[] {1, 2, 3});
      assertThatThrownBy(() -> index.add("x", new float[] {1, 2}))
          .isInstanceOf(DimensionMismatchException.class)
          .hasMessage("vector for 'x' has 2 components, but this index holds 3-dimensional vectors; pass vectors of length 3");
      assertThatThrownBy(() -> index.add("x", new float[] {1, Float.NaN, 3}))
          .isInstanceOf(InvalidVectorException.class)
          .hasMessage("vector for 'x' has NaN at position 1; replace or drop non-finite values before adding or searching");
      assertThatThrownBy(() -> index.add("x", new float[] {1, 2, Float.NEGATIVE_INFINITY}))
          .isInstanceOf(InvalidVectorException.class)
          .hasMessageContaining("-Infinity at position 2");
      assertThatThrownBy(() -> index.add("x", new float[] {0, 0, 0}))
          .isInstanceOf(InvalidVectorException.class)
          .hasMessage("vector for 'x' is all zeros, which has no direction under cosine similarity; drop it, or use metric l2 or dot");
      assertThatThrownBy(() -> index.search(new float[] {1, 2, 3, 4}, 3))
          .isInstanceOf(DimensionMismatchException.class)
          .hasMessage("query has 4 components, but this index holds 3-dimensional vectors; pass vectors of length 3");
      assertThatThrownBy(() -> index.search(new float[] {0, 0, 0}, 3))
          .isInstanceOf(InvalidVectorException.class)
          .hasMessageStartingWith("query is all zeros");
      assertThatThrownBy(() -> index.search(new float[] {1, 2, 3}, 0))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("k must be at least 1, got 0; ask for one or more hits");
      assertThatThrownBy(() -> index.search(new float[] {1, 2, 3}, -4)).isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> index.update("ok", new float[] {0, 0, 0}, Labels.none())).isInstanceOf(InvalidVectorException.class);
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.ids()).containsExactly("ok");
      assertThat(index.vector("ok").orElseThrow()).containsExactly(org.artsim.vector.Vectors.normalised(new float[] {1, 2, 3}));
    }
    try (VectorIndex l2 = newIndex(2, Metric.L2)) {
      l2.add("zero", new float[] {0, 0});
      assertThat(l2.search(new float[] {0, 0}, 1)).extracting(Hit::id).containsExactly("zero");
    }
  }

  @Test
  void addAllIsAllOrNothing() {
    try (VectorIndex index = newIndex(2, Metric.DOT)) {
      index.add("a", new float[] {1, 1});
      var good = VectorEntry.of("b", new float[] {1, 2});
      assertThatThrownBy(() -> index.addAll(List.of(good, VectorEntry.of("c", new float[] {1}))))
          .isInstanceOf(DimensionMismatchException.class)
          .hasMessageContaining("'c'");
      assertThatThrownBy(() -> index.addAll(List.of(good, VectorEntry.of("a", new float[] {3, 3}))))
          .isInstanceOf(DuplicateIdException.class)
          .hasMessageContaining("'a'");
      assertThatThrownBy(() -> index.addAll(List.of(good, VectorEntry.of("b", new float[] {3, 3}))))
          .isInstanceOf(DuplicateIdException.class)
          .hasMessageContaining("'b'")
          .hasMessageContaining("twice");
      assertThat(index.ids()).containsExactly("a");
      var progress = new CopyOnWriteArrayList<org.artsim.Progress>();
      index.addAll(List.of(good, VectorEntry.of("c", new float[] {2, 2})), progress::add);
      assertThat(index.size()).isEqualTo(3);
      assertThat(progress).isNotEmpty();
      assertThat(progress.get(progress.size() - 1).done()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void saveAndLoadGiveIdenticalResults(Metric metric) {
    var r = new SplittableRandom(7);
    var entries = RandomVectors.entries(r, 500, 24, 5, false);
    Path file = tmp.resolve("index.bin");
    try (VectorIndex index = filled(entries, 24, metric)) {
      index.remove("id-0003");
      index.save(file);
      try (VectorIndex loaded = Artsim.loadIndex(file)) {
        assertThat(loaded.kind()).isEqualTo(index.kind());
        assertThat(loaded.size()).isEqualTo(index.size());
        assertThat(loaded.metric()).isEqualTo(metric);
        assertThat(loaded.dimension()).isEqualTo(24);
        assertThat(loaded.contains("id-0003")).isFalse();
        for (int i = 0; i < 20; i++) {
          float[] q = RandomVectors.gaussian(r, 24);
          var f = i % 2 == 0 ? LabelFilter.none() : LabelFilter.anyOf("colour", "c" + (i % 5));
          assertThat(loaded.search(q, 10, f)).isEqualTo(index.search(q, 10, f));
        }
        assertThat(loaded.labels("id-0004")).isEqualTo(index.labels("id-0004"));
      }
    }
  }

  @Test
  void damagedFilesAreRefusedWithAClearError() throws IOException {
    var r = new SplittableRandom(8);
    Path file = tmp.resolve("index.bin");
    try (VectorIndex index = filled(RandomVectors.entries(r, 100, 16, 3, false), 16, Metric.L2)) {
      index.save(file);
    }
    byte[] good = Files.readAllBytes(file);

    Path truncated = tmp.resolve("truncated.bin");
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> Artsim.loadIndex(truncated))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("truncated");

    Path corrupted = tmp.resolve("corrupted.bin");
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x10;
    Files.write(corrupted, bad);
    assertThatThrownBy(() -> Artsim.loadIndex(corrupted))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("corrupted")
        .hasMessageContaining("checksum");

    Path future = tmp.resolve("future.bin");
    byte[] newer = good.clone();
    int nameLength = ByteBuffer.wrap(newer, 8, 4).getInt();
    ByteBuffer.wrap(newer, 12 + nameLength, 4).putInt(999);
    Files.write(future, newer);
    assertThatThrownBy(() -> Artsim.loadIndex(future))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("version 999")
        .hasMessageContaining("upgrade artsim");

    Path notOurs = tmp.resolve("text.txt");
    Files.writeString(notOurs, "hello, this is not an index at all");
    assertThatThrownBy(() -> Artsim.loadIndex(notOurs))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("not an artsim file");
  }

  @Test
  void aFailedSaveLeavesThePreviousFileIntact() throws IOException {
    var r = new SplittableRandom(9);
    Path file = tmp.resolve("index.bin");
    try (VectorIndex index = filled(RandomVectors.entries(r, 50, 4, 2, false), 4, Metric.L2)) {
      index.save(file);
      byte[] before = Files.readAllBytes(file);
      Path dirInTheWay = tmp.resolve("blocked");
      Files.createDirectories(dirInTheWay.resolve("child"));
      assertThatThrownBy(() -> index.save(dirInTheWay)).isInstanceOf(org.artsim.StorageException.class);
      index.add("more", new float[] {1, 2, 3, 4});
      index.save(file);
      assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
      try (var files = Files.list(tmp)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
    }
  }

  @Test
  void searchesRunWhileAnotherThreadAdds() throws Exception {
    var r = new SplittableRandom(10);
    int dim = 32;
    var initial = RandomVectors.entries(r, 500, dim, 3, false);
    try (VectorIndex index = filled(initial, dim, Metric.COSINE)) {
      var failures = new CopyOnWriteArrayList<Throwable>();
      var stop = new AtomicBoolean();
      Thread writer =
          new Thread(
              () -> {
                var wr = new SplittableRandom(11);
                for (int i = 0; i < 1500 && failures.isEmpty(); i++) {
                  index.add("new-" + i, RandomVectors.gaussian(wr, dim), Labels.of("colour", "c" + (i % 3)));
                  if (i % 7 == 0) {
                    index.remove("new-" + (i / 2));
                  }
                }
                stop.set(true);
              });
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        long seed = t;
        readers.add(
            new Thread(
                () -> {
                  var rr = new SplittableRandom(seed);
                  try {
                    while (!stop.get()) {
                      var hits = index.search(RandomVectors.gaussian(rr, dim), 10, LabelFilter.anyOf("colour", "c1"));
                      assertThat(hits).hasSizeLessThanOrEqualTo(10).allSatisfy(h -> assertThat(h.label("colour")).isEqualTo("c1"));
                      for (int i = 1; i < hits.size(); i++) {
                        assertThat(hits.get(i - 1).score()).isGreaterThanOrEqualTo(hits.get(i).score());
                      }
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                }));
      }
      readers.forEach(Thread::start);
      writer.start();
      writer.join();
      for (Thread t : readers) {
        t.join();
      }
      assertThat(failures).isEmpty();
      assertThat(index.contains("new-1499")).isTrue();
    }
  }

  @Test
  void searchRequestsCarryFilterAndEffort() {
    var r = new SplittableRandom(12);
    var entries = RandomVectors.entries(r, 120, 10, 3, false);
    try (VectorIndex index = filled(entries, 10, Metric.L2)) {
      float[] q = RandomVectors.gaussian(r, 10);
      var filter = LabelFilter.anyOf("shape", "s2");
      var hits = index.search(SearchRequest.of(q, 4).withFilter(filter).withEf(50));
      check(hits, ExactKnn.search(entries, Metric.L2, q, 4, filter), 10, "request");
    }
  }

  /** Settings maps reach the provider; an unknown key is refused by name. */
  protected void checkUnknownSettingIsRefused(String provider) {
    assertThatThrownBy(() -> Artsim.index(provider, 4, Metric.L2, Map.of("no-such-setting", "1")))
        .isInstanceOf(org.artsim.ConfigException.class)
        .hasMessageContaining("no_such_setting");
  }
}
