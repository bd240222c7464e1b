package org.artsim.bench.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.artsim.Metric;

/**
 * Measures what each image embedding finds on a real collection, Open Clip Art from Debian: for
 * every embedding, leave-one-out category and subcategory precision@10 (micro and macro), kNN-vote
 * accuracy, and chance beside them. Renders of one work (identical bytes filed under several
 * categories) are one work.
 *
 * <pre>
 * java -cp artsim-bench/target/classes:$(cat artsim-bench/cp.txt) org.artsim.bench.quality.QualityHarness \
 *     [--root /usr/share/openclipart] [--embedders pixels,color] [--alpha white|drop] [--k 10] [--out FILE.csv] \
 *     [--measure retrieval,purity,duplicates] [--sample N] [--seed 15] [--planted 200] [--cache artsim-bench/target/quality-cache]
 * </pre>
 *
 * <p>Vectors are cached per work ({@link ImageEmbeddings}, {@link VectorCache}); works are taken in a
 * seeded random order and {@code --sample N} keeps the first N, so a sample's baselines are on the
 * same works. {@code purity}: {@link ClusterPurity}; {@code duplicates}: {@link PlantedDuplicates}.
 *
 * <p>{@code pixels} is the raw-pixels baseline (a 16x16 RGB thumbnail, L2); any other name is an
 * installed image embedder ({@code color}, or a pretrained CNN preset), used with its defaults on the
 * same composited image. Images whose header declares more than 40 megapixels are skipped and
 * counted.
 */
public final class QualityHarness {
  private QualityHarness() {}

  /** Runs the measurement; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = options(args);
    Path root = Path.of(opt.getOrDefault("root", "/usr/share/openclipart"));
    List<String> embedders = List.of(opt.getOrDefault("embedders", "pixels,color").split(","));
    Thumbnails.Alpha alpha = Thumbnails.Alpha.valueOf(opt.getOrDefault("alpha", "white").toUpperCase(Locale.ROOT));
    int k = Integer.parseInt(opt.getOrDefault("k", "10"));
    int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));
    int sample = Integer.parseInt(opt.getOrDefault("sample", "0"));
    long seed = Long.parseLong(opt.getOrDefault("seed", "15"));
    Path cacheDir = Path.of(opt.getOrDefault("cache", "artsim-bench/target/quality-cache"));

    long t0 = System.nanoTime();
    List<ClipArtCorpus.Work> all = ClipArtCorpus.scan(root, limit);
    int[] dropped = new int[2];
    List<ClipArtCorpus.Work> works = sampled(ImageEmbeddings.readable(all, dropped), sample, seed);
    System.out.printf(Locale.ROOT, "# %d works (%d distinct of the renders under %s%s), %d over %d MP skipped, %d unreadable; alpha=%s; scanned in %.0f s%n",
        works.size(), all.size(), root, sample > 0 ? ", seeded sample " + sample + " seed " + seed : "", dropped[0], ImageEmbeddings.MAX_PIXELS / 1_000_000,
        dropped[1], alpha, (System.nanoTime() - t0) / 1e9);
    Set<String> measures = Set.of(opt.getOrDefault("measure", "retrieval").split(","));
    if (measures.contains("purity")) {
      purity(works, embedders, alpha, cacheDir, seed);
    }
    if (measures.contains("duplicates")) {
      duplicates(works, embedders, alpha, cacheDir, seed, Integer.parseInt(opt.getOrDefault("planted", "200")));
    }
    if (!measures.contains("retrieval")) {
      return;
    }
    var csv = new StringBuilder("embedding,alpha,works,k,cat_micro,cat_macro,sub_micro,sub_macro,vote,chance_cat,chance_sub\n");
    var table = new StringBuilder();
    table.append("| embedding | category P@" + k + " micro | macro | subcategory P@" + k + " micro | macro | kNN vote | chance (cat / sub) |\n");
    table.append("|---|---|---|---|---|---|---|\n");
    for (String name : embedders) {
      String spec = name.trim();
      List<float[]> vectors = ImageEmbeddings.vectors(spec, works, alpha, cacheDir);
      Metric metric = spec.equals("pixels") ? Metric.L2 : Metric.COSINE;
      var cat = RetrievalQuality.measure(works, vectors, metric, k, ClipArtCorpus.Work::categories, ClipArtCorpus.Work::category);
      var sub = RetrievalQuality.measure(works, vectors, metric, k, ClipArtCorpus.Work::subcategories, ClipArtCorpus.Work::subcategory);
      table.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f |%n",
          spec, cat.microPrecision(), cat.macroPrecision(), sub.microPrecision(), sub.macroPrecision(), cat.voteAccuracy(),
          cat.chancePrecision(), sub.chancePrecision()));
      csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n",
          spec, alpha, works.size(), k, cat.microPrecision(), cat.macroPrecision(), sub.microPrecision(), sub.macroPrecision(),
          cat.voteAccuracy(), cat.chancePrecision(), sub.chancePrecision()));
      System.out.print(table);
      table.setLength(0);
    }
    if (opt.containsKey("out")) {
      Files.writeString(Path.of(opt.get("out")), csv);
    }
  }

  /** k-medoids ({@code fasterpam}) purity by category at k = categories and 2 x categories, with the random baseline. */
  private static void purity(List<ClipArtCorpus.Work> works, List<String> embedders, Thumbnails.Alpha alpha, Path cacheDir, long seed) throws IOException {
    int categories = (int) works.stream().map(ClipArtCorpus.Work::category).distinct().count();
    System.out.println("| embedding | k | purity by category | random assignment (same sizes, 20 shuffles) | cluster s |");
    System.out.println("|---|---|---|---|---|");
    for (String name : embedders) {
      String spec = name.trim();
      List<float[]> vectors = ImageEmbeddings.vectors(spec, works, alpha, cacheDir);
      Metric metric = spec.equals("pixels") ? Metric.L2 : Metric.COSINE;
      for (int k : new int[] {categories, 2 * categories}) {
        var f = ClusterPurity.measure("fasterpam", works, vectors, metric, k, seed, ClipArtCorpus.Work::categories);
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.0f |%n", spec, k, f.purity(), f.randomPurity(), f.seconds());
      }
    }
  }

  /** Planted near-duplicates found by the {@code greedy} finder at FiftyOne's default threshold and a sweep. */
  private static void duplicates(List<ClipArtCorpus.Work> works, List<String> embedders, Thumbnails.Alpha alpha, Path cacheDir, long seed, int planted)
      throws IOException {
    List<ClipArtCorpus.Work> chosen = sampled(works, planted, seed + 1);
    List<ImageEmbeddings.Item> items = new ArrayList<>(ImageEmbeddings.items(works, alpha));
    List<String> ids = new ArrayList<>();
    Map<String, Integer> groupOfWork = new java.util.HashMap<>();
    for (int g = 0; g < chosen.size(); g++) {
      groupOfWork.put(chosen.get(g).id(), g);
    }
    int n = works.size() + chosen.size() * PlantedDuplicates.Alteration.values().length;
    int[] groupOf = new int[n];
    boolean[] isCopy = new boolean[n];
    for (int i = 0; i < works.size(); i++) {
      ids.add(works.get(i).id());
      groupOf[i] = groupOfWork.getOrDefault(works.get(i).id(), -1);
    }
    int row = works.size();
    for (var alteration : PlantedDuplicates.Alteration.values()) {
      for (int g = 0; g < chosen.size(); g++) {
        var w = chosen.get(g);
        String id = alteration.copyId(w.id());
        items.add(new ImageEmbeddings.Item(id, () -> alteration.apply(Thumbnails.read(w.image(), alpha, ImageEmbeddings.MAX_SIDE, ImageEmbeddings.MAX_PIXELS))));
        ids.add(id);
        groupOf[row] = g;
        isCopy[row] = true;
        row++;
      }
    }
    double[] thresholds = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3};
    System.out.printf(Locale.ROOT, "# planted: %d works x %d copies among %d works; greedy, cosine distance%n", chosen.size(), PlantedDuplicates.Alteration.values().length, works.size());
    System.out.println("| embedding | threshold | recall | precision (pairs with a copy) | reported pairs with a copy | pairs of two originals | groups |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String name : embedders) {
      String spec = name.trim();
      List<float[]> vectors = ImageEmbeddings.itemVectors(spec, items, alpha, cacheDir);
      for (var f : PlantedDuplicates.measure("greedy", ids, vectors, groupOf, isCopy, Metric.COSINE, thresholds)) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %d | %d | %d |%n", spec, f.threshold(), f.recall(), f.precision(), f.foundCopyPairs(), f.originalPairs(), f.groups());
      }
    }
  }

  /**
   * The works in a seeded random order (the order embeddings are made in, so a run cut short
   * leaves a random sample cached), the first {@code sample} of them when {@code sample > 0}.
   */
  static List<ClipArtCorpus.Work> sampled(List<ClipArtCorpus.Work> works, int sample, long seed) {
    List<ClipArtCorpus.Work> order = new ArrayList<>(works);
    Collections.shuffle(order, new Random(seed));
    return sample > 0 && sample < order.size() ? List.copyOf(order.subList(0, sample)) : order;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
      }
      opt.put(args[i].substring(2), args[++i]);
    }
    return opt;
  }
}
