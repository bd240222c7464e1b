package org.artsim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.artsim.ClosedException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.RecommendationSession;
import org.artsim.Recommendations;
import org.artsim.Recommender;
import org.artsim.UnknownIdException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every {@link Recommender} must show, as JUnit tests. An implementation's test
 * class extends this and says how to make a recommender over an index; the index is a {@link
 * NaiveVectorIndex} filled from {@link RandomVectors#entries}.
 *
 * <p>What is checked: likes and unlikes (order kept, repeats ignored, unknown ids refused);
 * recommendations contain only items of the index that are neither liked nor shown, never repeat
 * across batches, are recorded in {@code shown()} and {@code history()}, and run out with a reason
 * once every item has been seen; items removed from the index are never recommended; a label
 * filter holds for every hit; a huge {@code k} returns every unseen item; a saved session restores its likes, shown items and history; bad
 * arguments ({@code k <= 0}, null ids, collections, filters and paths) are {@link
 * InvalidArgumentException}s; after {@code close()} every content operation of the recommender and
 * of its sessions throws {@link ClosedException} whose message says "closed", {@code kind()} stays
 * readable, and a second {@code close()} does nothing.
 */
public abstract class RecommenderContract {

  /** A new recommender over {@code index} (the index is the test's: the recommender must not close it). */
  protected abstract Recommender newRecommender(VectorIndex index);

  /**
   * Closes the recommender. Until {@link Recommender} declares {@code close()} itself, an
   * implementation must be {@link AutoCloseable}.
   */
  protected void close(Recommender recommender) throws Exception {
    assertThat(recommender).as("a Recommender must be closeable").isInstanceOf(AutoCloseable.class);
    ((AutoCloseable) recommender).close();
  }

  @TempDir protected Path tmp;

  private static VectorIndex index(List<VectorEntry> entries, int dim, Metric metric) {
    var index = new NaiveVectorIndex(dim, metric);
    index.addAll(entries);
    return index;
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void likesAndUnlikes() {
    var r = new SplittableRandom(1);
    var index = index(RandomVectors.entries(r, 20, 4, 3, false), 4, Metric.COSINE);
    var session = newRecommender(index).newSession();
    assertThat(session.likes()).isEmpty();
    session.like("id-0003");
    session.like("id-0001");
    session.like("id-0003");
    assertThat(session.likes()).containsExactly("id-0003", "id-0001");
    assertThat(session.unlike("id-0003")).isTrue();
    assertThat(session.unlike("id-0003")).isFalse();
    assertThat(session.unlike("id-9999")).isFalse();
    assertThat(session.likes()).containsExactly("id-0001");
    assertThatThrownBy(() -> session.like("id-9999")).isInstanceOf(UnknownIdException.class).hasMessageContaining("id-9999");
    assertThat(session.likes()).containsExactly("id-0001");
    session.recommend(3);
    session.clear();
    assertThat(session.likes()).isEmpty();
    assertThat(session.shown()).isEmpty();
    assertThat(session.history()).isEmpty();
  }

  @Test
  void noLikesGivesAnEmptyBatchWithAReason() {
    var index = index(RandomVectors.entries(new SplittableRandom(2), 10, 3, 2, false), 3, Metric.L2);
    Recommendations rec = newRecommender(index).newSession().recommend(5);
    assertThat(rec.isEmpty()).isTrue();
    assertThat(rec.reason()).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void recommendationsExcludeSeenAndLikedItemsUntilNoneAreLeft(Metric metric) {
    Seeds.stream("recommender-unseen-" + metric, 12)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = 5 + r.nextInt(80);
              int dim = 1 + r.nextInt(16);
              var entries = RandomVectors.entries(r, n, dim, 3, r.nextBoolean());
              var index = index(entries, dim, metric);
              var session = newRecommender(index).newSession();
              var liked = new HashSet<String>();
              for (int i = 0; i < 1 + r.nextInt(4); i++) {
                String id = entries.get(r.nextInt(n)).id();
                session.like(id);
                liked.add(id);
              }
              var marked = new HashSet<String>();
              for (int i = 0; i < r.nextInt(4); i++) {
                marked.add(entries.get(r.nextInt(n)).id());
              }
              session.markShown(marked);
              Set<String> seen = new HashSet<>();
              var batches = new ArrayList<List<String>>();
              String at = Seeds.reproduce(seed) + " n " + n;
              for (int round = 0; round < n + 2; round++) {
                int k = 1 + r.nextInt(7);
                var rec = session.recommend(k);
                var got = ids(rec.hits());
                assertThat(got.size()).as(at).isLessThanOrEqualTo(k);
                assertThat(new HashSet<>(got)).as(at + " no repeat within a batch").hasSize(got.size());
                for (String id : got) {
                  assertThat(index.contains(id)).as(at).isTrue();
                  assertThat(liked).as(at + " liked items are never recommended").doesNotContain(id);
                  assertThat(marked).as(at + " shown items are never recommended").doesNotContain(id);
                  assertThat(seen.add(id)).as(at + " " + id + " recommended twice").isTrue();
                }
                if (got.size() < k) {
                  assertThat(rec.reason()).as(at + " a short batch says why").isNotBlank();
                }
                if (!got.isEmpty()) {
                  batches.add(got);
                }
                assertThat(session.shown()).as(at).containsAll(got);
                if (got.isEmpty()) {
                  break;
                }
              }
              var everything = new HashSet<>(seen);
              everything.addAll(liked);
              everything.addAll(marked);
              assertThat(everything).as(at + " every item is eventually recommended, liked or shown").hasSize(n);
              var last = session.recommend(3);
              assertThat(last.isEmpty()).as(at).isTrue();
              assertThat(last.reason()).as(at).isNotBlank();
              var history = session.history().stream().filter(b -> !b.isEmpty()).toList();
              assertThat(history).as(at).isEqualTo(batches);
            });
  }

  /** A huge k is not an error: it returns every unseen item (a regression: k times the candidate pool overflowed). */
  @Test
  void hugeKReturnsEveryUnseenItem() {
    var r = new SplittableRandom(8);
    var entries = RandomVectors.entries(r, 30, 4, 3, false);
    var index = index(entries, 4, Metric.COSINE);
    var session = newRecommender(index).newSession();
    session.like("id-0000");
    session.markShown(List.of("id-0001"));
    var rec = session.recommend(Integer.MAX_VALUE);
    assertThat(ids(rec.hits())).hasSize(28).doesNotContain("id-0000", "id-0001");
    assertThat(rec.reason()).isNotBlank();
    var filter = LabelFilter.anyOf("colour", "c0");
    var fresh = newRecommender(index).newSession();
    fresh.like("id-0000");
    long matching = entries.stream().filter(e -> filter.test(e.labels()) && !e.id().equals("id-0000")).count();
    assertThat(fresh.recommend(Integer.MAX_VALUE, filter).hits()).hasSize((int) matching);
  }

  @Test
  void removedItemsAreNeverRecommended() {
    for (long seed : Seeds.stream("recommender-removed", 10).toArray()) {
      var r = new SplittableRandom(seed);
      int n = 20 + r.nextInt(60);
      var entries = RandomVectors.entries(r, n, 6, 3, false);
      var index = index(entries, 6, Metric.COSINE);
      var session = newRecommender(index).newSession();
      var liked = new ArrayList<String>();
      for (int i = 0; i < 3; i++) {
        String id = entries.get(r.nextInt(n)).id();
        session.like(id);
        liked.add(id);
      }
      var removed = new HashSet<String>();
      removed.add(liked.get(0));
      for (int i = 0; i < n / 3; i++) {
        String id = entries.get(r.nextInt(n)).id();
        index.remove(id);
        removed.add(id);
      }
      for (int round = 0; round < n; round++) {
        var got = ids(session.recommend(1 + r.nextInt(5)).hits());
        assertThat(got).as(Seeds.reproduce(seed)).doesNotContainAnyElementsOf(removed);
        if (got.isEmpty()) {
          break;
        }
      }
    }
  }

  @Test
  void labelFilterHoldsForEveryHit() {
    var r = new SplittableRandom(4);
    var entries = RandomVectors.entries(r, 120, 5, 4, false);
    var index = index(entries, 5, Metric.L2);
    var session = newRecommender(index).newSession();
    session.like(entries.get(0).id());
    session.like(entries.get(1).id());
    var filter = LabelFilter.anyOf("colour", "c1", "c2");
    for (int round = 0; round < 10; round++) {
      var rec = session.recommend(7, filter);
      assertThat(rec.hits()).allSatisfy(h -> assertThat(filter.test(h.labels())).isTrue());
    }
  }

  @Test
  void saveAndRestoreKeepLikesShownAndHistory() {
    var r = new SplittableRandom(5);
    var entries = RandomVectors.entries(r, 40, 3, 2, false);
    var index = index(entries, 3, Metric.COSINE);
    var recommender = newRecommender(index);
    var session = recommender.newSession();
    session.like("id-0002");
    session.like("id-0010");
    session.markShown(List.of("id-0005"));
    session.recommend(4);
    session.recommend(3);
    Path file = tmp.resolve("visitor.session");
    session.save(file);
    var restored = recommender.restoreSession(file);
    assertThat(restored.likes()).containsExactlyElementsOf(session.likes());
    assertThat(restored.shown()).containsExactlyInAnyOrderElementsOf(session.shown());
    assertThat(restored.history()).isEqualTo(session.history());
    assertThat(ids(restored.recommend(5).hits())).doesNotContainAnyElementsOf(session.shown());
  }

  @Test
  void badArgumentsAreTypedErrors() {
    var index = index(RandomVectors.entries(new SplittableRandom(6), 10, 3, 2, false), 3, Metric.L2);
    var recommender = newRecommender(index);
    var session = recommender.newSession();
    session.like("id-0001");
    for (int k : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> session.recommend(k)).as("k = %d", k).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k");
      assertThatThrownBy(() -> session.recommend(k, LabelFilter.none())).as("k = %d", k).isInstanceOf(InvalidArgumentException.class);
    }
    assertThatThrownBy(() -> session.recommend(3, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filter");
    assertThatThrownBy(() -> session.like(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> session.unlike(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> session.markShown(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> session.markShown(Arrays.asList("id-0002", null))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> session.save(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("path");
    assertThatThrownBy(() -> recommender.restoreSession(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("path");
    assertThat(session.likes()).as("nothing changed").containsExactly("id-0001");
    assertThat(session.shown()).as("nothing changed").isEmpty();
  }

  @Test
  void useAfterCloseIsAClosedException() throws Exception {
    var index = index(RandomVectors.entries(new SplittableRandom(7), 10, 3, 2, false), 3, Metric.COSINE);
    var recommender = newRecommender(index);
    String kind = recommender.kind();
    RecommendationSession session = recommender.newSession();
    session.like("id-0001");
    Path file = tmp.resolve("before-close.session");
    session.save(file);
    close(recommender);
    close(recommender);
    assertThat(recommender.kind()).isEqualTo(kind);
    List<Runnable> uses =
        List.of(
            recommender::newSession,
            () -> recommender.restoreSession(file),
            () -> session.like("id-0002"),
            () -> session.unlike("id-0001"),
            () -> session.recommend(3),
            () -> session.recommend(3, LabelFilter.none()),
            () -> session.markShown(List.of("id-0003")),
            session::clear,
            session::likes,
            session::shown,
            session::history,
            () -> session.save(tmp.resolve("after-close.session")));
    for (int i = 0; i < uses.size(); i++) {
      assertThatThrownBy(uses.get(i)::run).as("use %d after close", i).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    }
    assertThat(tmp.resolve("after-close.session")).doesNotExist();
    assertThat(index.size()).as("closing a recommender leaves its index open").isEqualTo(10);
  }
}
