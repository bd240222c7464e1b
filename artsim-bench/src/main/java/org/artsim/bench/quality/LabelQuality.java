package org.artsim.bench.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.artsim.Labels;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.LabelSuggestion;
import org.artsim.collection.ProviderSettings;

/**
 * Leave-one-out accuracy of the collection's label suggestions ({@link
 * ArtCollection#suggestLabels(String, String, int)}, the shipped code) on Open Clip Art: every work's
 * top suggestion for {@code category} and {@code subcategory}, from its 10 nearest other works (the
 * work and its exact copies never vote), against the majority-class baseline. A suggestion is right
 * when the work is filed under it (a drawing filed under several categories is one work carrying
 * all of them, as in {@link QualityHarness}); <em>macro</em> averages the accuracy over the works'
 * primary labels.
 *
 * <pre>
 * java ... org.artsim.bench.quality.LabelQuality [--root /usr/share/openclipart] [--embedders color,mobilenetv2-imagenet]
 *     [--limit N --seed S] [--cache artsim-bench/target/quality-cache]
 * </pre>
 *
 * <p>Images are read as {@link QualityHarness} reads them (composited on white, at most 320 pixels,
 * over 40 megapixels skipped) and embedded once per embedder; the vectors are cached per work under {@code
 * --cache}, in the same cache as {@link QualityHarness} ({@link ImageEmbeddings}). {@code --limit N} takes a subset of N works drawn
 * with {@code new Random(seed)}. With {@code --maps true} it also compares the 2-D maps' kNN
 * preservation and trustworthiness, UMAP against PCA ({@link MapQuality}).
 */
public final class LabelQuality {
  private LabelQuality() {}

  /** Accuracy of one field: micro over works, macro over primary labels. */
  record Accuracy(double micro, double macro) {}

  /** Runs the measurement; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path root = Path.of(opt.getOrDefault("root", "/usr/share/openclipart"));
    List<String> embedders = List.of(opt.getOrDefault("embedders", "color").split(","));
    int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));
    long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
    Path cache = Path.of(opt.getOrDefault("cache", "artsim-bench/target/quality-cache"));
    boolean maps = Boolean.parseBoolean(opt.getOrDefault("maps", "false"));

    List<ClipArtCorpus.Work> works = subset(ClipArtCorpus.scan(root, 0), limit, seed);
    System.out.printf(Locale.ROOT, "# %d works%s under %s%n", works.size(), limit > 0 ? " (seeded subset, seed " + seed + ")" : "", root);
    System.out.println("| embedding | works | category top-1 micro | macro | majority baseline micro / macro | subcategory top-1 micro | macro | majority baseline micro / macro | vote s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String name : embedders) {
      var embedded = embedCached(name.trim(), works, cache);
      List<ClipArtCorpus.Work> kept = embedded.works();
      try (ArtCollection art = collection(name.trim(), kept, embedded.vectors())) {
        long t0 = System.nanoTime();
        Accuracy cat = accuracy(art, kept, "category", ClipArtCorpus.Work::categories, ClipArtCorpus.Work::category);
        Accuracy sub = accuracy(art, kept, "subcategory", ClipArtCorpus.Work::subcategories, ClipArtCorpus.Work::subcategory);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Accuracy catBase = majority(kept, ClipArtCorpus.Work::categories, ClipArtCorpus.Work::category);
        Accuracy subBase = majority(kept, ClipArtCorpus.Work::subcategories, ClipArtCorpus.Work::subcategory);
        System.out.printf(Locale.ROOT, "| `%s` | %d | %.3f | %.3f | %.3f / %.3f | %.3f | %.3f | %.3f / %.3f | %.0f |%n",
            name.trim(), kept.size(), cat.micro(), cat.macro(), catBase.micro(), catBase.macro(), sub.micro(), sub.macro(), subBase.micro(), subBase.macro(), seconds);
        if (maps) {
          MapQuality.compare(name.trim(), embedded.vectors(), kept.stream().map(ClipArtCorpus.Work::category).toList(), seed);
        }
      }
    }
  }

  private static List<ClipArtCorpus.Work> subset(List<ClipArtCorpus.Work> all, int limit, long seed) {
    if (limit <= 0 || limit >= all.size()) {
      return all;
    }
    var order = new ArrayList<Integer>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    var chosen = new ArrayList<>(order.subList(0, limit));
    Collections.sort(chosen);
    return chosen.stream().map(all::get).toList();
  }

  /** A collection of the works with their vectors: exact flat index, cosine, no text index. */
  private static ArtCollection collection(String embedder, List<ClipArtCorpus.Work> works, List<float[]> vectors) {
    var config = CollectionConfig.defaults()
        .withEmbedder(ProviderSettings.of(embedder, Map.of("alpha", "white")))
        .withIndex(ProviderSettings.of("flat"))
        .withTextIndex(ProviderSettings.of(CollectionConfig.NONE));
    var art = ArtCollection.create(config);
    var records = new ArrayList<CatalogueRecord>(works.size());
    for (var w : works) {
      records.add(CatalogueRecord.of(w.id(), null, w.image().toString()).withLabels(Labels.of("category", w.category(), "subcategory", w.subcategory())));
    }
    art.addWithVectors(records, vectors);
    return art;
  }

  /** Leave-one-out top-1 accuracy of {@code field}'s suggestions. */
  static Accuracy accuracy(ArtCollection art, List<ClipArtCorpus.Work> works, String field, Function<ClipArtCorpus.Work, Set<String>> labels, Function<ClipArtCorpus.Work, String> primary) {
    int right = 0;
    Map<String, int[]> perLabel = new TreeMap<>();
    for (var w : works) {
      List<LabelSuggestion> top = art.suggestLabels(w.id(), field, 1);
      boolean ok = labels.apply(w).contains(top.get(0).value());
      right += ok ? 1 : 0;
      int[] acc = perLabel.computeIfAbsent(primary.apply(w), x -> new int[2]);
      acc[0] += ok ? 1 : 0;
      acc[1]++;
    }
    return new Accuracy(right / (double) works.size(), perLabel.values().stream().mapToDouble(a -> a[0] / (double) a[1]).average().orElse(0));
  }

  /** Always answering the most frequent primary label (ties: the smaller value). */
  static Accuracy majority(List<ClipArtCorpus.Work> works, Function<ClipArtCorpus.Work, Set<String>> labels, Function<ClipArtCorpus.Work, String> primary) {
    Map<String, Integer> counts = new TreeMap<>();
    works.forEach(w -> counts.merge(primary.apply(w), 1, Integer::sum));
    String best = null;
    for (var e : counts.entrySet()) {
      if (best == null || e.getValue() > counts.get(best)) {
        best = e.getKey();
      }
    }
    int right = 0;
    Map<String, int[]> perLabel = new TreeMap<>();
    for (var w : works) {
      boolean ok = labels.apply(w).contains(best);
      right += ok ? 1 : 0;
      int[] acc = perLabel.computeIfAbsent(primary.apply(w), x -> new int[2]);
      acc[0] += ok ? 1 : 0;
      acc[1]++;
    }
    return new Accuracy(right / (double) works.size(), perLabel.values().stream().mapToDouble(a -> a[0] / (double) a[1]).average().orElse(0));
  }

  /** The works that could be read, and their vectors. */
  record Embedded(List<ClipArtCorpus.Work> works, List<float[]> vectors) {}

  /** The readable works and their vectors, from (and into) the quality harness's per-work cache. */
  private static Embedded embedCached(String name, List<ClipArtCorpus.Work> works, Path dir) throws IOException {
    int[] dropped = new int[2];
    List<ClipArtCorpus.Work> kept = ImageEmbeddings.readable(works, dropped);
    if (dropped[0] + dropped[1] > 0) {
      System.out.printf(Locale.ROOT, "# %d works over %d MP and %d unreadable left out%n", dropped[0], ImageEmbeddings.MAX_PIXELS / 1_000_000, dropped[1]);
    }
    return new Embedded(kept, ImageEmbeddings.vectors(name, kept, Thumbnails.Alpha.WHITE, dir));
  }

}
