package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.artsim.Hit;
import org.artsim.RecommendationSession;
import org.artsim.spi.ProviderRegistry;
import org.artsim.spi.VectorIndexProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The defect of issue 13: an "auto" collection that grows past the HNSW threshold rebuilds its
 * index; sessions opened before the switch must follow the new index (see works added after it,
 * never recommend works removed after it, like() a present work without error) while they are used
 * concurrently with the growth.
 */
class IndexSwapTest {
  private static final int DIM = 15;

  private static float[] vector(Random rnd) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }

  private static String id(int i) {
    return String.format("w-%04d", i);
  }

  @Test
  void sessionsOpenedBeforeTheHnswSwitchFollowTheRebuiltIndexUnderConcurrentUse() throws Exception {
    Assumptions.assumeTrue(ProviderRegistry.of(VectorIndexProvider.class).find("hnsw-lucene").isPresent(), "hnsw-lucene is not installed");
    for (long seed = 1; seed <= 3; seed++) {
      runOnce(seed);
    }
  }

  private void runOnce(long seed) throws Exception {
    var rnd = new Random(seed);
    var config = Fixtures.fakes().withEmbedder(ProviderSettings.of("test-image", java.util.Map.of("grid", "2"))).withAutoIndex(AutoIndex.defaults().withThreshold(50));
    try (var art = ArtCollection.create(config)) {
      for (int i = 0; i < 40; i++) {
        art.add(CatalogueRecord.of(id(i), "t" + i, null), vector(rnd));
      }
      assertThat(art.index().kind()).isEqualTo("flat");
      int readers = 4;
      var sessions = new ArrayList<RecommendationSession>();
      for (int r = 0; r < readers; r++) {
        var s = art.newSession();
        s.like(id(20 + r));
        sessions.add(s);
      }
      var doomed = new ArrayList<String>();
      for (int i = 0; i < 10; i++) {
        doomed.add(id(i));
      }
      Set<String> removed = ConcurrentHashMap.newKeySet();
      var failures = new CopyOnWriteArrayList<String>();
      var done = new AtomicBoolean();
      var start = new CountDownLatch(1);
      var threads = new ArrayList<Thread>();
      for (int r = 0; r < readers; r++) {
        var session = sessions.get(r);
        var own = new Random(seed * 31 + r);
        threads.add(
            new Thread(
                () -> {
                  try {
                    start.await();
                    while (!done.get()) {
                      List<String> ids = art.ids();
                      String pick = ids.get(own.nextInt(ids.size()));
                      if (!doomed.contains(pick)) {
                        session.like(pick);
                      }
                      Set<String> goneBefore = Set.copyOf(removed);
                      for (Hit h : session.recommend(3).hits()) {
                        if (goneBefore.contains(h.id())) {
                          failures.add("recommended the removed " + h.id());
                        }
                      }
                    }
                  } catch (Throwable t) {
                    failures.add(t.toString());
                  }
                }));
      }
      threads.forEach(Thread::start);
      start.countDown();
      for (int i = 40; i < 130; i++) {
        art.add(CatalogueRecord.of(id(i), "t" + i, null), vector(rnd));
        if (i % 8 == 0 && !doomed.isEmpty()) {
          String gone = doomed.get(0);
          art.remove(gone);
          removed.add(gone);
          doomed.remove(0);
          doomed.add(gone);
        }
      }
      done.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.MINUTES.toMillis(2));
      }
      assertThat(failures).isEmpty();
      assertThat(art.index().kind()).isEqualTo("hnsw-lucene");
      for (var s : sessions) {
        s.like(id(125));
        var all = s.recommend(art.size()).hits().stream().map(Hit::id).toList();
        assertThat(all).doesNotContainAnyElementsOf(removed);
        var everRecommended = new java.util.HashSet<>(all);
        s.history().forEach(everRecommended::addAll);
        assertThat(everRecommended.stream().filter(x -> x.compareTo(id(50)) >= 0)).as("works added after the switch").isNotEmpty();
      }
    }
  }
}
