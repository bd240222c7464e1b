package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.artsim.ClosedException;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.UnknownIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label suggestions: the collection's vote against a naive vote over every record, and its refusals. */
class LabelSuggestionTest {
  private static final int DIM = 51;
  private static final String[] KINDS = {"animals/bugs", "animals/birds", "food", "shapes"};

  @TempDir Path dir;

  /** A random collection under L2 whose vectors have small integer coordinates, so scores are exact and duplicates and ties are common. */
  private static ArtCollection random(Random rnd, Map<String, float[]> vectors, Map<String, String> kinds) {
    var art = ArtCollection.create(Fixtures.fakes().withMetric(Metric.L2));
    int n = 15 + rnd.nextInt(60);
    for (int i = 0; i < n; i++) {
      String id = "w" + i;
      float[] v = new float[DIM];
      for (int j = 0; j < 3; j++) {
        v[j] = rnd.nextInt(4);
      }
      var r = CatalogueRecord.of(id, "t", null);
      if (rnd.nextInt(5) > 0) {
        String kind = KINDS[rnd.nextInt(KINDS.length)];
        r = r.withLabels(Labels.of("kind", kind));
        kinds.put(id, kind);
      }
      art.add(r, v);
      vectors.put(id, v);
    }
    return art;
  }

  /** The vote written out plainly: every other labelled record that is not an exact copy, nearest ten, weight 1/(1+d). */
  private static List<LabelSuggestion> naive(String id, Map<String, float[]> vectors, Map<String, String> kinds, int n) {
    float[] own = vectors.get(id);
    var others = new ArrayList<String>();
    for (String o : kinds.keySet()) {
      if (!o.equals(id) && !Arrays.equals(vectors.get(o), own)) {
        others.add(o);
      }
    }
    others.sort(Comparator.comparingDouble((String o) -> squared(vectors.get(o), own)).thenComparing(o -> o));
    var weights = new LinkedHashMap<String, double[]>();
    double total = 0;
    for (String o : others.subList(0, Math.min(10, others.size()))) {
      double w = 1 / (1 + Math.sqrt(squared(vectors.get(o), own)));
      double[] acc = weights.computeIfAbsent(kinds.get(o), k -> new double[2]);
      acc[0] += w;
      acc[1]++;
      total += w;
    }
    var out = new ArrayList<LabelSuggestion>();
    for (var e : weights.entrySet()) {
      out.add(new LabelSuggestion(e.getKey(), e.getValue()[0] / total, (int) e.getValue()[1]));
    }
    out.sort(Comparator.comparingDouble(LabelSuggestion::share).reversed().thenComparing(LabelSuggestion::value));
    return out.subList(0, Math.min(n, out.size()));
  }

  private static double squared(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (double) (a[i] - b[i]);
    }
    return s;
  }

  @Test
  void suggestionsEqualANaiveVoteOverManySeeds() {
    int compared = 0;
    int withDuplicates = 0;
    for (long seed = 0; seed < 60; seed++) {
      var rnd = new Random(seed);
      var vectors = new LinkedHashMap<String, float[]>();
      var kinds = new LinkedHashMap<String, String>();
      try (ArtCollection art = random(rnd, vectors, kinds)) {
        for (String id : vectors.keySet()) {
          int n = 1 + rnd.nextInt(4);
          var want = naive(id, vectors, kinds, n);
          if (want.isEmpty()) {
            continue;
          }
          var got = art.suggestLabels(id, "kind", n);
          assertThat(got).extracting(LabelSuggestion::value).as("seed %d, work %s", seed, id).isEqualTo(want.stream().map(LabelSuggestion::value).toList());
          assertThat(got).extracting(LabelSuggestion::voters).isEqualTo(want.stream().map(LabelSuggestion::voters).toList());
          for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).share()).isCloseTo(want.get(i).share(), within(1e-12)).isBetween(0.0, 1.0);
          }
          compared++;
          String me = id;
          if (vectors.keySet().stream().anyMatch(o -> !o.equals(me) && kinds.containsKey(o) && Arrays.equals(vectors.get(o), vectors.get(me)))) {
            withDuplicates++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(1000);
    assertThat(withDuplicates).as("the data exercise the exclusion of exact duplicates").isGreaterThan(100);
  }

  @Test
  void allSharesSumToOneAndAnExactCopyUnderAnotherLabelDoesNotDecide() {
    try (var art = ArtCollection.create(Fixtures.fakes().withMetric(Metric.L2))) {
      float[] a = new float[DIM];
      a[0] = 1;
      float[] near = a.clone();
      near[1] = 1;
      art.add(CatalogueRecord.of("work", "t", null).withLabels(Labels.of("kind", "food")), a);
      art.add(CatalogueRecord.of("copy", "t", null).withLabels(Labels.of("kind", "shapes")), a.clone());
      art.add(CatalogueRecord.of("n1", "t", null).withLabels(Labels.of("kind", "food")), near);
      float[] far = new float[DIM];
      far[0] = 5;
      far[1] = 5;
      far[2] = 5;
      art.add(CatalogueRecord.of("n2", "t", null).withLabels(Labels.of("kind", "animals")), far);
      var got = art.suggestLabels("work", "kind", 5);
      assertThat(got).extracting(LabelSuggestion::value).containsExactly("food", "animals");
      assertThat(got.stream().mapToDouble(LabelSuggestion::share).sum()).isCloseTo(1.0, within(1e-12));
      // weights 1/(1+1) and 1/(1+sqrt(4^2+5^2+5^2)); the copy labelled "shapes" does not vote
      double food = 0.5;
      double animals = 1 / (1 + Math.sqrt(16 + 25 + 25));
      assertThat(got.get(0).share()).isCloseTo(food / (food + animals), within(1e-12));
    }
  }

  @Test
  void anOutsideImageIsVotedOnByEveryNearWorkItsCopyIncluded() {
    try (var art = Fixtures.ingested(dir, 30)) {
      String id = "w-0007";
      Path file = Path.of(art.record(id).image());
      var got = art.suggestLabels(ImageSource.of(file), "culture", 3);
      float[] q = art.vector(id);
      var hits = art.searchVector(q, LabelVote.NEIGHBOURS, org.artsim.LabelFilter.anyOf("culture", art.labelValues("culture")));
      assertThat(hits.get(0).id()).as("the work itself is the nearest to its own image").isEqualTo(id);
      var want = LabelVote.tally(hits, "culture", 3, Metric.COSINE);
      assertThat(got).extracting(LabelSuggestion::value).isEqualTo(want.stream().map(LabelSuggestion::value).toList());
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).share()).isCloseTo(want.get(i).share(), within(1e-6));
      }
      // and by hand: the weights of the ten hits under cosine
      double total = 0;
      var byValue = new LinkedHashMap<String, Double>();
      for (var h : hits) {
        double w = 1 / (1 + (1 - h.score()));
        total += w;
        byValue.merge(h.label("culture"), w, Double::sum);
      }
      assertThat(got.get(0).share()).isCloseTo(byValue.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow() / total, within(1e-6));
    }
  }

  @Test
  void badInputsAreTypedAndSayWhatToDo() {
    try (var art = Fixtures.ingested(dir, 12)) {
      assertThatThrownBy(() -> art.suggestLabels("nope", "culture", 3)).isInstanceOf(UnknownIdException.class).hasMessageContaining("no record with id 'nope'");
      assertThatThrownBy(() -> art.suggestLabels("w-0001", "cultre", 3))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("no record carries the label field 'cultre'")
          .hasMessageContaining("did you mean 'culture'?");
      assertThatThrownBy(() -> art.suggestLabels("w-0001", "culture", 0)).isInstanceOf(InvalidArgumentException.class).hasMessage("n must be >= 1 (the number of suggestions to return), got 0");
      assertThatThrownBy(() -> art.suggestLabels("w-0001", "culture", -2)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("got -2");
      assertThatThrownBy(() -> art.suggestLabels((String) null, "culture", 1)).isInstanceOf(InvalidArgumentException.class).hasMessage("id is null; give a non-null id");
      assertThatThrownBy(() -> art.suggestLabels("w-0001", null, 1)).isInstanceOf(InvalidArgumentException.class).hasMessage("field is null; give a non-null field");
      assertThatThrownBy(() -> art.suggestLabels((ImageSource) null, "culture", 1)).isInstanceOf(InvalidArgumentException.class).hasMessage("image is null; give a non-null image");
      // checked before the image is read: a missing file with a bad n is refused for n
      assertThatThrownBy(() -> art.suggestLabels(ImageSource.of(dir.resolve("missing.png")), "culture", 0)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("n must be >= 1");
      art.close();
      assertThatThrownBy(() -> art.suggestLabels("w-0001", "culture", 1)).isInstanceOf(ClosedException.class);
    }
  }

  @Test
  void aFieldOnlyTheWorkItselfCarriesHasNoVoters() {
    try (var art = ArtCollection.create(Fixtures.fakes().withMetric(Metric.L2))) {
      float[] a = new float[DIM];
      art.add(CatalogueRecord.of("alone", "t", null).withLabels(Labels.of("kind", "food")), a);
      float[] b = a.clone();
      b[0] = 2;
      art.add(CatalogueRecord.of("other", "t", null), b);
      assertThatThrownBy(() -> art.suggestLabels("alone", "kind", 1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no other record carries the label field 'kind'");
      assertThat(art.suggestLabels("other", "kind", 3)).containsExactly(new LabelSuggestion("food", 1.0, 1));
    }
  }

  @Test
  void suggestionValuesAreChecked() {
    assertThatThrownBy(() -> new LabelSuggestion("a", 1.5, 1)).isInstanceOf(InvalidArgumentException.class).hasMessage("share must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> new LabelSuggestion("a", Double.NaN, 1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("got NaN");
    assertThatThrownBy(() -> new LabelSuggestion(null, 0.5, 1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("value is null");
    assertThatThrownBy(() -> new LabelSuggestion("a", 0.5, 0)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("voters must be >= 1");
  }
}
