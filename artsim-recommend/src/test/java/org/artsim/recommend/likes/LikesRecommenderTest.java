package org.artsim.recommend.likes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.FileFormatException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.RecommendationSession;
import org.artsim.Recommender;
import org.artsim.UnknownIdException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.testing.FashionMnist;
import org.artsim.testing.Seeds;
import org.artsim.vector.MeanCentring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LikesRecommenderTest {
  static FashionMnist data;
  static VectorIndex fmnist;
  /** The same images, mean-centred, in a cosine index. */
  static VectorIndex centred;

  @BeforeAll
  static void load() {
    data = FashionMnist.subset();
    fmnist = Artsim.index("flat", 784, Metric.L2, Map.of("initial_capacity", "2400"));
    var entries = new ArrayList<VectorEntry>();
    for (int i = 0; i < data.trainImages().length; i++) {
      entries.add(new VectorEntry(id(i), data.trainImages()[i], Labels.of("class", String.valueOf(data.trainLabels()[i]))));
    }
    fmnist.addAll(entries);
    var centring = MeanCentring.fit(Arrays.asList(data.trainImages()));
    centred = Artsim.index("flat", 784, Metric.COSINE, Map.of("initial_capacity", "2400"));
    centred.addAll(entries.stream().map(e -> new VectorEntry(e.id(), centring.apply(e.vector()), e.labels())).toList());
  }

  static String id(int i) {
    return String.format("fm-%04d", i);
  }

  /** The first {@code count} training items of a class. */
  static List<String> firstOfClass(int cls, int count) {
    var out = new ArrayList<String>();
    for (int i = 0; i < data.trainLabels().length && out.size() < count; i++) {
      if (data.trainLabels()[i] == cls) {
        out.add(id(i));
      }
    }
    return out;
  }

  static double share(List<Hit> hits, int cls) {
    return hits.stream().filter(h -> h.label("class").equals(String.valueOf(cls))).count() / (double) hits.size();
  }

  /** {@code count} distinct random training items of a class. */
  static List<String> randomOfClass(int cls, int count, SplittableRandom r) {
    var all = firstOfClass(cls, Integer.MAX_VALUE);
    var out = new ArrayList<String>();
    while (out.size() < count) {
      String id = all.get(r.nextInt(all.size()));
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** The share of 20 recommendations (two batches of 10) from the class of 5 liked items, averaged over trials. */
  static double[] classShares(VectorIndex index, int trials) {
    Recommender rec = Artsim.recommender("likes", index);
    double[] shares = new double[10];
    var r = new SplittableRandom(Seeds.master());
    for (int cls = 0; cls < 10; cls++) {
      for (int t = 0; t < trials; t++) {
        var session = rec.newSession();
        randomOfClass(cls, 5, r).forEach(session::like);
        var batch = new ArrayList<Hit>();
        batch.addAll(session.recommend(10).hits());
        batch.addAll(session.recommend(10).hits());
        assertThat(batch).hasSize(20);
        shares[cls] += share(batch, cls) / trials;
      }
    }
    return shares;
  }

  /**
   * Liking 5 random items of a class and taking two batches of 10 (5 trials per class, raw pixels,
   * L2): at least 80% of the 20 come from the liked class for every class whose images are distinct
   * in pixel space (t-shirt, trouser, sneaker, bag, ankle boot). The other classes fall short of
   * 80% with the mean-of-likes rule on raw pixels (measured: pullover 0.45, dress 0.74, coat 0.56,
   * sandal 0.35, shirt 0.51; see the module README): pullover, coat and shirt share silhouettes, and
   * the pixel mean of five strappy sandals is a blurred shoe nearer to sneakers. For them the test
   * asks for at least 3× chance (0.3), and a mean over all classes of at least 0.7.
   */
  @Test
  void likingFiveItemsOfAClassRecommendsThatClass() {
    double[] l2 = classShares(fmnist, 5);
    String all = Arrays.toString(l2);
    for (int cls : new int[] {0, 1, 7, 8, 9}) {
      assertThat(l2[cls]).as("class %d (%s); all shares %s", cls, FashionMnist.CLASSES[cls], all).isGreaterThanOrEqualTo(0.8);
    }
    for (int cls = 0; cls < 10; cls++) {
      assertThat(l2[cls]).as("class %d (%s); all shares %s", cls, FashionMnist.CLASSES[cls], all).isGreaterThanOrEqualTo(0.3);
    }
    assertThat(Arrays.stream(l2).average().orElseThrow()).as("mean share; %s", all).isGreaterThanOrEqualTo(0.7);
  }

  /**
   * The measure on a representation where the classes differ by direction: mean-centred
   * pixels in a cosine index ({@link MeanCentring}). Averaged over the ten classes, at least 80% of
   * the recommendations come from the liked class (measured 0.81–0.83 on this subset over seven
   * master seeds, 0.84 on all 60,000 training images); shirt and sandal stay below that (0.40–0.74,
   * see the module README), so each class is held to 3× chance. On raw pixels under cosine the
   * mean falls short of 80%, which is what the centring changes.
   */
  @Test
  void likingFiveItemsOfAClassRecommendsThatClassOnCentredVectors() {
    double[] shares = classShares(centred, 10);
    String all = Arrays.toString(shares);
    assertThat(Arrays.stream(shares).average().orElseThrow()).as("mean share; %s", all).isGreaterThanOrEqualTo(0.8);
    for (int cls = 0; cls < 10; cls++) {
      assertThat(shares[cls]).as("class %d (%s); all shares %s", cls, FashionMnist.CLASSES[cls], all).isGreaterThanOrEqualTo(0.3);
    }
    double[] raw = classShares(cosineIndex(), 10);
    assertThat(Arrays.stream(raw).average().orElseThrow()).as("raw cosine shares %s", Arrays.toString(raw)).isLessThan(0.8);
  }

  /**
   * Two tastes liked together (5 items of each of two classes, every one of the 45 class pairs,
   * twice) in multi-interest mode on centred vectors, 20 recommendations each. The measure is the
   * smaller of the two classes' shares. Measured: multi-interest 0.30 on average against 0.09 for
   * the plain mean of all likes, and 0.35 for an oracle that splits the likes by their true class
   * and takes 10 recommendations per class; both tastes get at least 3 of the 20 in 87% of the
   * sessions. The clustering of ten pixel vectors sometimes mixes the classes, which is why the
   * oracle is not reached.
   */
  @Test
  void multiInterestServesBothTastesAcrossClassPairs() {
    var r = new SplittableRandom(Seeds.master());
    var multiRec = Artsim.recommender(LikesConfig.defaults().withMultiInterest(true), centred);
    var plainRec = Artsim.recommender("likes", centred);
    double multi = 0;
    double plain = 0;
    double oracle = 0;
    int served = 0;
    int sessions = 0;
    for (int a = 0; a < 10; a++) {
      for (int b = a + 1; b < 10; b++) {
        for (int trial = 0; trial < 2; trial++) {
          List<String> likesA = randomOfClass(a, 5, r);
          List<String> likesB = randomOfClass(b, 5, r);
          var m = multiRec.newSession();
          var p = plainRec.newSession();
          for (var s : List.of(m, p)) {
            likesA.forEach(s::like);
            likesB.forEach(s::like);
          }
          double mm = minShare(m.recommend(20).hits(), a, b);
          multi += mm;
          plain += minShare(p.recommend(20).hits(), a, b);
          oracle += minShare(concat(recommendFor(plainRec, likesA, 10), recommendFor(plainRec, likesB, 10)), a, b);
          served += mm >= 3 / 20.0 ? 1 : 0;
          sessions++;
        }
      }
    }
    String what = String.format("mean min share: multi %.3f, plain %.3f, oracle split %.3f; both served in %d of %d", multi / sessions, plain / sessions, oracle / sessions, served, sessions);
    assertThat(multi).as(what).isGreaterThanOrEqualTo(0.8 * oracle);
    assertThat(multi).as(what).isGreaterThanOrEqualTo(3 * plain);
    assertThat(served).as(what).isGreaterThanOrEqualTo((int) Math.ceil(0.8 * sessions));
  }

  static double minShare(List<Hit> hits, int a, int b) {
    return Math.min(share(hits, a), share(hits, b));
  }

  static List<Hit> recommendFor(Recommender rec, List<String> likes, int k) {
    var session = rec.newSession();
    likes.forEach(session::like);
    return session.recommend(k).hits();
  }

  static List<Hit> concat(List<Hit> a, List<Hit> b) {
    var all = new ArrayList<Hit>(a);
    all.addAll(b);
    return all;
  }

  static VectorIndex cosineIndex() {
    var index = Artsim.index("flat", 784, Metric.COSINE, Map.of("initial_capacity", "2400"));
    for (int i = 0; i < data.trainImages().length; i++) {
      index.add(id(i), data.trainImages()[i], Labels.of("class", String.valueOf(data.trainLabels()[i])));
    }
    return index;
  }

  @Test
  void cosineIndexWorksToo() {
    var index = Artsim.index("flat", 784, Metric.COSINE, Map.of("initial_capacity", "2400"));
    for (int i = 0; i < data.trainImages().length; i++) {
      index.add(id(i), data.trainImages()[i], Labels.of("class", String.valueOf(data.trainLabels()[i])));
    }
    var session = Artsim.recommender("likes", index).newSession();
    firstOfClass(8, 5).forEach(session::like);
    assertThat(share(session.recommend(20).hits(), 8)).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void multiInterestServesBothTastes() {
    var multi = Artsim.recommender(LikesConfig.defaults().withMultiInterest(true), fmnist).newSession();
    var plain = Artsim.recommender("likes", fmnist).newSession();
    for (var s : List.of(multi, plain)) {
      firstOfClass(1, 5).forEach(s::like);
      firstOfClass(7, 5).forEach(s::like);
    }
    var hits = multi.recommend(20).hits();
    assertThat(share(hits, 1)).isGreaterThanOrEqualTo(0.4);
    assertThat(share(hits, 7)).isGreaterThanOrEqualTo(0.4);
    assertThat(hits.get(0).label("class")).isNotEqualTo(hits.get(1).label("class"));
    var mean = plain.recommend(20).hits();
    assertThat(Math.min(share(mean, 1), share(mean, 7))).isLessThan(Math.min(share(hits, 1), share(hits, 7)));
  }

  @Test
  void multiInterestKeepsOneTasteWhenTheLikesAreAlike() {
    var multi = Artsim.recommender(LikesConfig.defaults().withMultiInterest(true).withMinSilhouette(0.9), fmnist).newSession();
    var plain = Artsim.recommender("likes", fmnist).newSession();
    for (var s : List.of(multi, plain)) {
      firstOfClass(1, 5).forEach(s::like);
    }
    assertThat(multi.recommend(10)).isEqualTo(plain.recommend(10));
  }

  @Test
  void neverRepeatsShownOrLikedItemsAcrossManyBatches() {
    var session = Artsim.recommender("likes", fmnist).newSession();
    firstOfClass(3, 5).forEach(session::like);
    var preShown = firstOfClass(3, 40).subList(5, 40);
    session.markShown(preShown);
    var seen = new HashSet<String>();
    for (int b = 0; b < 40; b++) {
      var r = session.recommend(15);
      assertThat(r.hits()).hasSize(15);
      assertThat(r.reason()).isEmpty();
      for (Hit h : r.hits()) {
        assertThat(seen.add(h.id())).as("batch %d repeats %s", b, h.id()).isTrue();
        assertThat(session.likes()).doesNotContain(h.id());
        assertThat(preShown).doesNotContain(h.id());
      }
      for (int i = 1; i < r.hits().size(); i++) {
        assertThat(r.hits().get(i).score()).isLessThanOrEqualTo(r.hits().get(i - 1).score());
      }
    }
    assertThat(session.history()).hasSize(40);
    assertThat(session.shown()).hasSize(35 + 600);
  }

  @Test
  void labelFilterIsAppliedDuringTheSearch() {
    var session = Artsim.recommender("likes", fmnist).newSession();
    firstOfClass(3, 5).forEach(session::like);
    var r = session.recommend(12, LabelFilter.anyOf("class", "5"));
    assertThat(r.hits()).hasSize(12).allSatisfy(h -> assertThat(h.label("class")).isEqualTo("5"));
  }

  static VectorIndex tiny() {
    var index = Artsim.index("flat", 2, Metric.L2);
    index.add("a", new float[] {0, 0}, Labels.of("visits", "1"));
    index.add("b", new float[] {1, 0}, Labels.of("visits", "1000"));
    index.add("c", new float[] {0.9f, 0}, Labels.of("visits", "1"));
    index.add("d", new float[] {5, 0}, Labels.of("visits", "oops"));
    index.add("e", new float[] {6, 0});
    return index;
  }

  @Test
  void allSeenAndShortBatchesSaySo() {
    var session = Artsim.recommender("likes", tiny()).newSession();
    session.like("a");
    var first = session.recommend(10);
    assertThat(first.hits()).extracting(Hit::id).containsExactly("c", "b", "d", "e");
    assertThat(first.reason()).isEqualTo("only 4 unseen items left");
    var second = session.recommend(10);
    assertThat(second.isEmpty()).isTrue();
    assertThat(second.reason()).isEqualTo(LikesSession.ALL_SEEN);
    assertThat(session.recommend(1, LabelFilter.anyOf("visits", "1")).reason()).isEqualTo(LikesSession.ALL_SEEN_FILTER);
  }

  @Test
  void popularityReRanksTheCandidates() {
    var byVisits = Artsim.recommender(LikesConfig.parse(Map.of("popularity_field", "visits", "popularity_weight", "0.5")), tiny()).newSession();
    byVisits.like("a");
    var r = byVisits.recommend(2);
    assertThat(r.hits()).extracting(Hit::id).containsExactly("b", "c");
    assertThat(r.hits().get(0).score()).isEqualTo(0.5f + 0.5f * (float) ((-1.0 - -36.0) / (-0.81 - -36.0)) , org.assertj.core.api.Assertions.within(1e-4f));
    var plain = Artsim.recommender("likes", tiny()).newSession();
    plain.like("a");
    assertThat(plain.recommend(2).hits()).extracting(Hit::id).containsExactly("c", "b");
  }

  @Test
  void unlikeAndClear() {
    var session = Artsim.recommender("likes", tiny()).newSession();
    assertThat(session.recommend(3).reason()).isEqualTo(LikesSession.NO_LIKES);
    session.like("a");
    session.like("e");
    assertThat(session.likes()).containsExactly("a", "e");
    assertThat(session.unlike("e")).isTrue();
    assertThat(session.unlike("e")).isFalse();
    assertThat(session.recommend(1).hits()).extracting(Hit::id).containsExactly("c");
    session.clear();
    assertThat(session.likes()).isEmpty();
    assertThat(session.shown()).isEmpty();
    assertThat(session.history()).isEmpty();
    var r = session.recommend(2);
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.reason()).isEqualTo("no likes yet: like an item first");
  }

  @Test
  void emptyIndexAndVanishedLikes() {
    var empty = Artsim.index("flat", 2, Metric.COSINE);
    var session = Artsim.recommender("likes", empty).newSession();
    assertThatThrownBy(() -> session.like("x"))
        .isInstanceOf(UnknownIdException.class)
        .hasMessage("no item with id 'x' in the index; like an item of the index");
    assertThat(session.recommend(5).reason()).isEqualTo(LikesSession.NO_LIKES);
    var index = tiny();
    var s2 = Artsim.recommender("likes", index).newSession();
    s2.like("a");
    index.remove("a");
    assertThat(s2.recommend(2).reason()).isEqualTo(LikesSession.LIKES_GONE);
  }

  @Test
  void saveAndRestore(@TempDir Path dir) throws Exception {
    var index = tiny();
    Recommender rec = Artsim.recommender("likes", index);
    RecommendationSession session = rec.newSession();
    session.like("a");
    session.like("e");
    session.markShown(List.of("d"));
    session.recommend(1);
    Path file = dir.resolve("visitor.session");
    session.save(file);
    var restored = rec.restoreSession(file);
    assertThat(restored.likes()).containsExactlyElementsOf(session.likes());
    assertThat(restored.shown()).containsExactlyElementsOf(session.shown());
    assertThat(restored.history()).isEqualTo(session.history());
    assertThat(restored.recommend(5).hits()).extracting(Hit::id).doesNotContainAnyElementsOf(session.shown());
    index.remove("e");
    assertThat(rec.restoreSession(file).likes()).containsExactly("a");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> rec.restoreSession(file)).isInstanceOf(FileFormatException.class).hasMessageContaining("checksum");
  }

  @Test
  void providerAndConfig() {
    assertThat(Artsim.available().get("Recommender")).contains("likes");
    assertThat(LikesConfig.parse(Map.of("multi-interest", "true", "popularity_field", "visits", "popularity_weight", "0.3")))
        .isEqualTo(LikesConfig.defaults().withMultiInterest(true).withPopularity("visits", 0.3));
    assertThatThrownBy(() -> LikesConfig.parse(Map.of("popularity_weight", "2")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("likes: popularity_weight must be in [0, 1], got 2.0");
    assertThatThrownBy(() -> LikesConfig.defaults().withMaxInterests(1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("likes: max_interests must be in [2, 16], got 1");
    assertThatThrownBy(() -> LikesConfig.parse(Map.of("multiinterest", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("likes: unknown setting [multiinterest]");
    assertThatThrownBy(() -> LikesConfig.parse(Map.of("max_interests", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("likes: setting 'max_interests' is 'many'; it must be a whole number");
    assertThat(LikesConfig.defaults().provider()).isEqualTo("likes");
    assertThat(Artsim.recommender(LikesConfig.defaults().withMultiInterest(true), tiny()).kind()).isEqualTo("likes");
    var session = Artsim.recommender("likes", tiny()).newSession();
    assertThatThrownBy(() -> session.recommend(0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("k must be at least 1, got 0; ask for one or more recommendations");
    assertThatThrownBy(() -> session.like(null)).isInstanceOf(InvalidArgumentException.class).hasMessage("id is null; like an item by its id");
  }
}
