package org.artsim.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.TextSearchMode;
import org.artsim.collection.ingest.CatalogueReader;
import org.artsim.collection.ingest.Candidate;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.RowProblem;
import org.artsim.collection.openclipart.OpenClipArtCatalogue;
import org.artsim.embed.minilm.MiniLmConfig;

/**
 * Text search quality on Open Clip Art's catalogue text (title, artist, description, keywords: the
 * demo's mapping), through {@link ArtCollection#searchText(String, int, org.artsim.LabelFilter,
 * TextSearchMode)} in the modes TF-IDF, dense (MiniLM) and hybrid (reciprocal rank fusion).
 *
 * <ul>
 *   <li><b>title with one typo</b>: works whose title no other work shares; one word of four or
 *       more letters gets one seeded edit (a letter replaced, dropped, inserted, or two swapped); the
 *       work itself is the one right answer. Baseline: the exact title through TF-IDF.
 *   <li><b>keyword</b>: one catalogue keyword (carried by 2 to 100 works) as the query; every work
 *       carrying it is right.
 * </ul>
 *
 * <p>Figures: MRR@10 (1 / rank of the first right answer, 0 beyond 10) and recall@10 (right
 * answers in the top 10 over min(10, right answers)); chance is the expectation for a random
 * ranking. The image vectors the collection needs are irrelevant to text search: each record gets
 * a seeded random unit vector, so nothing is embedded but the text.
 *
 * <pre>
 * java ... org.artsim.bench.quality.TextQuality [--root /usr/share/openclipart] [--titles 500] [--keywords 300] [--seed 15]
 * </pre>
 */
public final class TextQuality {
  private static final ColumnMapping MAPPING = new ColumnMapping(
      List.of("id"), List.of("image"), List.of("title"), List.of("artist"), List.of(), List.of(), List.of(), List.of(),
      List.of("description", "keywords"), Map.of("category", List.of("category"), "subcategory", List.of("subcategory")), true);
  private static final ColumnMapping KEYWORDS_ONLY = new ColumnMapping(
      List.of("id"), List.of("image"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of("keywords"), Map.of(), false);

  private TextQuality() {}

  /** One query: its text and the ids that answer it. */
  record Query(String text, Set<String> right) {}

  /** MRR@10, recall@10 and their chance values over a query set. */
  record Figures(double mrr, double recall, double chanceMrr, double chanceRecall, int queries) {}

  /** Runs the measurement. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].substring(2), args[i + 1]);
    }
    Path root = Path.of(opt.getOrDefault("root", "/usr/share/openclipart"));
    int titles = Integer.parseInt(opt.getOrDefault("titles", "500"));
    int keywords = Integer.parseInt(opt.getOrDefault("keywords", "300"));
    long seed = Long.parseLong(opt.getOrDefault("seed", "15"));
    Path dir = Files.createDirectories(Path.of(opt.getOrDefault("work", "artsim-bench/target/quality-text")));
    Path csv = dir.resolve("openclipart.csv");
    if (!Files.exists(csv)) {
      OpenClipArtCatalogue.write(root, csv, 0);
    }
    List<CatalogueRecord> records = read(csv, MAPPING);
    Map<String, List<String>> keywordsOf = new HashMap<>();
    for (CatalogueRecord r : read(csv, KEYWORDS_ONLY)) {
      List<String> ks = new ArrayList<>();
      if (r.description() != null) {
        for (String k : r.description().split(";")) {
          if (!k.isBlank()) {
            ks.add(k.trim().toLowerCase(Locale.ROOT));
          }
        }
      }
      keywordsOf.put(r.id(), ks);
    }
    Random random = new Random(seed);
    List<Query> exact = new ArrayList<>();
    List<Query> typo = new ArrayList<>();
    titleQueries(records, titles, random, exact, typo);
    List<Query> keywordQueries = keywordQueries(records, keywordsOf, keywords, random);
    int n = records.size();
    System.out.printf(Locale.ROOT, "# %d works; %d title queries (unique titles with a word of 4+ letters), %d keyword queries (keywords of 2-100 works); seed %d%n",
        n, typo.size(), keywordQueries.size(), seed);

    var minilm = MiniLmConfig.defaults();
    var config = CollectionConfig.defaults().withTextEmbedder(new MiniLmConfig(minilm.cacheDir().toString(), minilm.cacheDir(), minilm.maxTokens(), minilm.batchSize()));
    try (ArtCollection art = ArtCollection.create(config)) {
      int dim = art.embedderInfo().dimension();
      List<float[]> vectors = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        vectors.add(unit(random, dim));
      }
      long t0 = System.nanoTime();
      art.addWithVectors(records, vectors);
      System.out.printf(Locale.ROOT, "# indexed %d catalogue texts (TF-IDF + MiniLM) in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
      System.out.println("| queries | mode | MRR@10 | recall@10 | chance MRR@10 / recall@10 | queries | s |");
      System.out.println("|---|---|---|---|---|---|---|");
      print("title, exact (baseline)", "tfidf", art, exact, TextSearchMode.TFIDF, n);
      for (TextSearchMode mode : TextSearchMode.values()) {
        print("title, one typo", mode.name().toLowerCase(Locale.ROOT), art, typo, mode, n);
      }
      for (TextSearchMode mode : TextSearchMode.values()) {
        print("keyword", mode.name().toLowerCase(Locale.ROOT), art, keywordQueries, mode, n);
      }
    }
  }

  private static void print(String what, String mode, ArtCollection art, List<Query> queries, TextSearchMode m, int n) {
    long t0 = System.nanoTime();
    Figures f = measure(queries, q -> art.searchText(q, 10, null, m).hits(), n);
    System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.4f / %.4f | %d | %.0f |%n", what, mode, f.mrr(), f.recall(), f.chanceMrr(), f.chanceRecall(), f.queries(),
        (System.nanoTime() - t0) / 1e9);
  }

  /** MRR@10 and recall@10 of a search over {@code queries}, and their chance values for {@code n} documents. */
  static Figures measure(List<Query> queries, java.util.function.Function<String, List<Hit>> search, int n) {
    double mrr = 0;
    double recall = 0;
    double chanceMrr = 0;
    double chanceRecall = 0;
    for (Query q : queries) {
      List<Hit> hits = search.apply(q.text());
      int right = 0;
      double rr = 0;
      for (int r = 0; r < Math.min(10, hits.size()); r++) {
        if (q.right().contains(hits.get(r).id())) {
          right++;
          if (rr == 0) {
            rr = 1.0 / (r + 1);
          }
        }
      }
      int m = q.right().size();
      mrr += rr;
      recall += right / (double) Math.min(10, m);
      chanceMrr += chanceReciprocalRank(n, m, 10);
      chanceRecall += 10.0 * m / n / Math.min(10, m);
    }
    int c = Math.max(1, queries.size());
    return new Figures(mrr / c, recall / c, chanceMrr / c, chanceRecall / c, queries.size());
  }

  /** The expected reciprocal rank (0 beyond {@code k}) of the first of {@code m} right answers among {@code n} in random order. */
  static double chanceReciprocalRank(int n, int m, int k) {
    double noneYet = 1;
    double expected = 0;
    for (int r = 1; r <= k && r <= n; r++) {
      double hereFirst = noneYet * m / (double) (n - r + 1);
      expected += hereFirst / r;
      noneYet *= 1 - m / (double) (n - r + 1);
    }
    return expected;
  }

  private static void titleQueries(List<CatalogueRecord> records, int count, Random random, List<Query> exact, List<Query> typo) {
    Map<String, Integer> titleCount = new HashMap<>();
    for (CatalogueRecord r : records) {
      if (r.title() != null) {
        titleCount.merge(r.title().trim().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    List<CatalogueRecord> unique = new ArrayList<>();
    for (CatalogueRecord r : records) {
      if (r.title() != null && titleCount.get(r.title().trim().toLowerCase(Locale.ROOT)) == 1 && longWords(r.title()).size() > 0) {
        unique.add(r);
      }
    }
    Collections.shuffle(unique, random);
    for (CatalogueRecord r : unique.subList(0, Math.min(count, unique.size()))) {
      exact.add(new Query(r.title(), Set.of(r.id())));
      typo.add(new Query(Typos.oneTypo(r.title(), random), Set.of(r.id())));
    }
  }

  /** The words of four or more letters. */
  static List<String> longWords(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("[^\\p{L}]+")) {
      if (w.length() >= 4) {
        out.add(w);
      }
    }
    return out;
  }

  private static List<Query> keywordQueries(List<CatalogueRecord> records, Map<String, List<String>> keywordsOf, int count, Random random) {
    Map<String, Set<String>> carriers = new TreeMap<>();
    for (CatalogueRecord r : records) {
      for (String k : keywordsOf.getOrDefault(r.id(), List.of())) {
        carriers.computeIfAbsent(k, x -> new HashSet<>()).add(r.id());
      }
    }
    List<Query> all = new ArrayList<>();
    carriers.forEach((k, ids) -> {
      if (ids.size() >= 2 && ids.size() <= 100) {
        all.add(new Query(k, ids));
      }
    });
    Collections.shuffle(all, random);
    return all.subList(0, Math.min(count, all.size()));
  }

  private static List<CatalogueRecord> read(Path csv, ColumnMapping mapping) {
    List<CatalogueRecord> out = new ArrayList<>();
    CatalogueReader.read(csv, IngestOptions.of(mapping), new CatalogueReader.Sink() {
      @Override
      public void candidate(Candidate c) {
        out.add(c.record());
      }

      @Override
      public void problem(RowProblem p) {
        // rows the reader refuses are left out of the measurement; they are counted by the catalogue's own report
      }
    });
    return out;
  }

  private static float[] unit(Random random, int dim) {
    float[] v = new float[dim];
    double s = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
      s += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(s);
    }
    return v;
  }
}
