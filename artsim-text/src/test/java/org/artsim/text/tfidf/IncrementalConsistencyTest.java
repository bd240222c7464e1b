package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.TextDocument;
import org.artsim.testing.Seeds;
import org.artsim.text.TfidfConfig;
import org.artsim.text.TfidfConfig.DocumentFrequency;
import org.junit.jupiter.api.Test;

/**
 * After any sequence of adds, puts and removes, the index answers exactly as an index freshly
 * fitted over the documents it now holds (vocabulary, idf, vectors, hits), across many seeds and
 * settings with pruning (min_df, max_df, max_features) that the changes move.
 */
class IncrementalConsistencyTest {
  private static final String[] WORDS = {
    "vase", "chinese", "porcelain", "print", "woodblock", "japanese", "oil", "canvas", "portrait", "the", "of", "silver",
    "photograph", "bronze", "bowl", "dynasty", "qing", "ming", "landscape", "river", "x²", "胡正言", "café", "straße"
  };

  private static String text(SplittableRandom rnd) {
    var sb = new StringBuilder();
    int n = 1 + rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(rnd.nextInt(5) == 0 ? ", " : " ");
    }
    return sb.toString();
  }

  @Test
  void changesGiveWhatAFreshFitGives() {
    TfidfConfig[] configs = {
      TfidfConfig.sklearnDefaults(),
      TfidfConfig.reference().withMaxFeatures(25),
      TfidfConfig.sklearnDefaults().withNgramRange(1, 3).withMinDf(DocumentFrequency.fraction(0.05)).withMaxDf(DocumentFrequency.count(20)).withSublinearTf(true),
      TfidfConfig.defaults().withMinDf(DocumentFrequency.count(1)).withFields("title", "body").withFieldWeights(Map.of("title", 2.5)).withBinary(true)
    };
    for (long seed : Seeds.stream("tfidf-incremental", 12).toArray()) {
      var rnd = new SplittableRandom(seed);
      TfidfConfig config = configs[(int) Math.floorMod(seed, (long) configs.length)];
      var live = new TfidfTextIndex(config);
      var docs = new LinkedHashMap<String, TextDocument>();
      int next = 0;
      for (int step = 0; step < 30; step++) {
        int op = rnd.nextInt(10);
        if (op < 5 || docs.isEmpty()) {
          var batch = new LinkedHashMap<String, TextDocument>();
          for (int i = 0, n = 1 + rnd.nextInt(6); i < n; i++) {
            String id = "d" + next++;
            var doc = TextDocument.of("title", text(rnd), "body", text(rnd)).withLabels(Labels.of("kind", rnd.nextBoolean() ? "a" : "b"));
            batch.put(id, doc);
          }
          live.addAll(batch);
          docs.putAll(batch);
        } else if (op < 8) {
          var ids = new ArrayList<>(docs.keySet());
          String id = ids.get(rnd.nextInt(ids.size()));
          assertThat(live.remove(id)).isTrue();
          docs.remove(id);
        } else {
          var ids = new ArrayList<>(docs.keySet());
          String id = ids.get(rnd.nextInt(ids.size()));
          var doc = TextDocument.of("title", text(rnd), "body", text(rnd)).withLabels(docs.get(id).labels());
          assertThat(live.put(id, doc)).isTrue();
          docs.put(id, doc);
        }
        if (rnd.nextInt(3) == 0) {
          compare(live, docs, config, rnd, seed);
        }
      }
      compare(live, docs, config, rnd, seed);
    }
  }

  private static void compare(TfidfTextIndex live, Map<String, TextDocument> docs, TfidfConfig config, SplittableRandom rnd, long seed) {
    var fresh = new TfidfTextIndex(config);
    fresh.addAll(docs);
    var a = live.fittedModel();
    var b = fresh.fittedModel();
    String why = Seeds.reproduce(seed);
    assertThat(a.terms).as(why).containsExactly(b.terms);
    assertThat(a.idf).as(why).containsExactly(b.idf, within(1e-12));
    for (int i = 0; i < 5; i++) {
      String q = text(rnd);
      LabelFilter f = rnd.nextBoolean() ? LabelFilter.none() : LabelFilter.anyOf("kind", "a");
      var x = live.search(q, 4, f);
      var y = fresh.search(q, 4, f);
      assertThat(x.hits()).as("%s, query '%s'", why, q).isEqualTo(y.hits());
      assertThat(x.explanation()).isEqualTo(y.explanation());
    }
    assertThat(live.size()).isEqualTo(docs.size());
  }

  @Test
  void manyRemovalsCompactTheDictionaryWithoutChangingResults() {
    var live = new TfidfTextIndex(TfidfConfig.sklearnDefaults().withNgramRange(1, 2));
    var batch = new LinkedHashMap<String, TextDocument>();
    for (int i = 0; i < 3000; i++) {
      batch.put("d" + i, TextDocument.of("common w" + i + " shared x" + (i % 7)));
    }
    live.addAll(batch);
    live.fittedModel();
    int before = live.dictionarySize();
    var kept = new LinkedHashMap<String, TextDocument>();
    for (int i = 0; i < 3000; i++) {
      if (i % 50 == 0) {
        kept.put("d" + i, batch.get("d" + i));
      } else {
        live.remove("d" + i);
      }
    }
    var fresh = new TfidfTextIndex(live.config());
    fresh.addAll(kept);
    assertThat(live.fittedModel().terms).containsExactly(fresh.fittedModel().terms);
    assertThat(live.dictionarySize()).isLessThan(before / 4);
    for (String q : List.of("w50 common", "x3 shared", "w2950", "common shared")) {
      assertThat(live.search(q, 10)).as(q).isEqualTo(fresh.search(q, 10));
    }
    live.add("late", TextDocument.of("w50 late common"));
    fresh.add("late", TextDocument.of("w50 late common"));
    assertThat(live.search("w50 late", 10)).isEqualTo(fresh.search("w50 late", 10));
  }

  @Test
  void searchesRunWhileDocumentsAreAdded() throws Exception {
    var index = new TfidfTextIndex(TfidfConfig.defaults().withMinDf(DocumentFrequency.count(1)));
    var rnd = new SplittableRandom(Seeds.stream("tfidf-concurrent", 1).findFirst().orElseThrow());
    var texts = new ArrayList<String>();
    for (int i = 0; i < 400; i++) {
      texts.add(text(rnd));
    }
    var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var writer = pool.submit(() -> {
        for (int i = 0; i < texts.size(); i++) {
          index.add("d" + i, TextDocument.of(texts.get(i)));
        }
      });
      for (int r = 0; r < 2; r++) {
        pool.submit(() -> {
          try {
            while (!writer.isDone()) {
              var hits = index.search("vase porcelain print", 5).hits();
              assertThat(hits.size()).isLessThanOrEqualTo(5);
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        });
      }
      writer.get();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    assertThat(failures).isEmpty();
    var fresh = new TfidfTextIndex(index.config());
    for (int i = 0; i < texts.size(); i++) {
      fresh.add("d" + i, TextDocument.of(texts.get(i)));
    }
    assertThat(index.search("vase porcelain print", 10)).isEqualTo(fresh.search("vase porcelain print", 10));
  }
}
