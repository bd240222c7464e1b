package org.artsim.bench.quality;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ProviderSettings;
import org.artsim.collection.bridge.BridgeConfig;
import org.artsim.collection.bridge.TextImageBridge;
import org.artsim.collection.bridge.TextImageRoute;
import org.artsim.collection.ingest.CatalogueReader;
import org.artsim.collection.ingest.Candidate;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.RowProblem;
import org.artsim.collection.openclipart.OpenClipArtCatalogue;

/**
 * Measures the text bridge ({@link TextImageBridge}: words to images without CLIP) on Open Clip Art:
 * a seeded subset of the works is split 80/20 by seed; the bridge is fitted (through {@code
 * ArtCollection.fitTextBridge}) on the 80% that keep their catalogue text, and the 20% lose all
 * their text (title, artist, keywords, description), so they can be found by their image only.
 * Each held-out work's title is then the query of {@code searchImagesByText} among the held-out
 * works:
 *
 * <ul>
 *   <li><b>recall@k</b>: the work itself is among the {@code k} hits (chance: {@code k / n});
 *   <li><b>category precision@k</b>: the share of the {@code k} best <i>other</i> works filed under
 *       one of the query work's categories, micro over queries and macro over the primary category
 *       (chance: the share of the other held-out works that do);
 * </ul>
 *
 * for each image embedder named (the CNN and the weights-free {@code color} as the baseline
 * bridge), with {@code minilm} as the text side.
 *
 * <pre>
 * java ... org.artsim.bench.quality.BridgeQuality [--root /usr/share/openclipart] [--works 3000] [--seed 42]
 *     [--embedders mobilenetv2-imagenet,color] [--k 10] [--cache artsim-bench/target/bridge-cache]
 * </pre>
 *
 * <p>Images are read as {@link QualityHarness} reads them (header checked first, over 40 megapixels
 * skipped, transparency composited on white, at most 320 pixels a side) and embedded by an embedder
 * created with {@code alpha=white}. The catalogue and every image vector are cached under {@code
 * --cache}, so a rerun embeds nothing but the catalogue text.
 */
public final class BridgeQuality {
  private static final long MAX_PIXELS = 40_000_000L;
  private static final String SPLIT = "split";
  private static final ColumnMapping MAPPING = new ColumnMapping(
      List.of("id"), List.of("image"), List.of("title"), List.of("artist"), List.of(), List.of(), List.of(), List.of(),
      List.of("description", "keywords"), Map.of("category", List.of("category"), "subcategory", List.of("subcategory"), "also_filed", List.of("also_filed")), false);

  private BridgeQuality() {}

  /** One work of the measurement: its record as catalogued, its categories and whether it is held out. */
  private record Work(CatalogueRecord record, Set<String> categories, boolean test) {
    String category() {
      return record.labels().get("category");
    }
  }

  /** The figures of one image embedder. */
  private record Figures(double recall, double microPrecision, double macroPrecision, int queries) {}

  /** Runs the measurement; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = options(args);
    Path root = Path.of(opt.getOrDefault("root", "/usr/share/openclipart"));
    int subset = Integer.parseInt(opt.getOrDefault("works", "3000"));
    long seed = Long.parseLong(opt.getOrDefault("seed", "42"));
    int k = Integer.parseInt(opt.getOrDefault("k", "10"));
    List<String> embedders = List.of(opt.getOrDefault("embedders", "mobilenetv2-imagenet,color").split(","));
    Path cache = Path.of(opt.getOrDefault("cache", "artsim-bench/target/bridge-cache"));
    Files.createDirectories(cache);

    long t0 = System.nanoTime();
    List<CatalogueRecord> catalogue = catalogue(root, cache);
    List<CatalogueRecord> chosen = sample(catalogue, subset, seed);
    Map<String, BufferedImage> images = new LinkedHashMap<>();
    int skipped = 0;
    for (CatalogueRecord r : chosen) {
      try {
        BufferedImage img = Thumbnails.read(Path.of(r.image()), Thumbnails.Alpha.WHITE, 320, MAX_PIXELS);
        if (img == null) {
          skipped++;
        } else {
          images.put(r.id(), img);
        }
      } catch (IOException | RuntimeException e) {
        skipped++;
      }
    }
    List<Work> works = split(chosen.stream().filter(r -> images.containsKey(r.id())).toList(), seed);
    long test = works.stream().filter(Work::test).count();
    System.out.printf(Locale.ROOT, "# %d catalogued works, %d sampled (seed %d), %d unreadable or over %d MP skipped; %d fit the bridge, %d held out (text hidden); read in %.0f s%n",
        catalogue.size(), chosen.size(), seed, skipped, MAX_PIXELS / 1_000_000, works.size() - test, test, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "# chance: recall@%d %.4f, category precision@%d %.3f%n", k, Math.min(1.0, k / (double) test), k, chance(works));
    System.out.println("| image space | recall@" + k + " of the work from its title | category P@" + k + " micro | macro | lambda | fit s | embed s (new vectors) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String name : embedders) {
      long e0 = System.nanoTime();
      Map<String, float[]> vectors = vectors(name.trim(), images, cache);
      double embedSeconds = (System.nanoTime() - e0) / 1e9;
      try (ImageEmbedder embedder = Artsim.imageEmbedder(name.trim(), Map.of("alpha", "white"));
          ArtCollection art = collection(embedder, works, vectors)) {
        long f0 = System.nanoTime();
        TextImageBridge bridge = art.fitTextBridge(BridgeConfig.defaults().withSeed(seed));
        double fitSeconds = (System.nanoTime() - f0) / 1e9;
        if (art.textImageRoute() != TextImageRoute.BRIDGE) {
          throw new IllegalStateException("searchImagesByText does not take the bridge: " + art.textImageRoute());
        }
        Figures f = measure(art, works, k);
        System.out.printf(Locale.ROOT, "| %s (%s) | %.3f | %.3f | %.3f | %s | %.1f | %.0f |%n",
            name, bridge.provenance().imageModel().dimension() + "-d", f.recall(), f.microPrecision(), f.macroPrecision(), bridge.provenance().lambda(), fitSeconds, embedSeconds);
        System.out.println("#   provenance: " + bridge.provenance());
      }
    }
  }

  /** The Open Clip Art catalogue (written once into the cache) as records. */
  private static List<CatalogueRecord> catalogue(Path root, Path cache) {
    Path csv = cache.resolve("openclipart.csv");
    if (!Files.isRegularFile(csv)) {
      OpenClipArtCatalogue.write(root, csv, 0);
    }
    List<CatalogueRecord> out = new ArrayList<>();
    CatalogueReader.read(csv, IngestOptions.of(MAPPING), new CatalogueReader.Sink() {
      @Override
      public void candidate(Candidate c) {
        out.add(c.record());
      }

      @Override
      public void problem(RowProblem p) {
        System.out.println("# catalogue row left out: " + p);
      }
    });
    return out;
  }

  /** A seeded sample of {@code n} records (all when {@code n <= 0} or there are fewer). */
  private static List<CatalogueRecord> sample(List<CatalogueRecord> all, int n, long seed) {
    List<CatalogueRecord> copy = new ArrayList<>(all);
    var r = new SplittableRandom(seed);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      CatalogueRecord t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return n <= 0 || n >= copy.size() ? copy : copy.subList(0, n);
  }

  /** Every fifth work, by a seeded draw, is held out. */
  private static List<Work> split(List<CatalogueRecord> records, long seed) {
    var r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Work> out = new ArrayList<>();
    for (CatalogueRecord rec : records) {
      var cats = new TreeSet<String>();
      cats.add(rec.labels().get("category"));
      String also = rec.labels().get("also_filed");
      if (also != null) {
        for (String place : also.split(";")) {
          String p = place.strip();
          if (!p.isEmpty()) {
            cats.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
          }
        }
      }
      out.add(new Work(rec, cats, r.nextDouble() < 0.2));
    }
    return out;
  }

  /** The image vectors of {@code name}, from the cache where present; new ones are embedded and cached. */
  private static Map<String, float[]> vectors(String name, Map<String, BufferedImage> images, Path cache) throws IOException {
    Path file = cache.resolve(name + "-alpha-white.tsv");
    Map<String, float[]> out = new HashMap<>();
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t");
        String[] xs = parts[1].split(" ");
        float[] v = new float[xs.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.parseFloat(xs[i]);
        }
        out.put(parts[0], v);
      }
    }
    List<String> missing = images.keySet().stream().filter(id -> !out.containsKey(id)).toList();
    if (missing.isEmpty()) {
      return out;
    }
    System.out.printf(Locale.ROOT, "# embedding %d images with %s (alpha=white)%n", missing.size(), name);
    try (ImageEmbedder embedder = Artsim.imageEmbedder(name, Map.of("alpha", "white"))) {
      int batch = 32;
      for (int i = 0; i < missing.size(); i += batch) {
        List<String> ids = missing.subList(i, Math.min(missing.size(), i + batch));
        List<ImageSource> sources = ids.stream().map(id -> ImageSource.of(images.get(id))).toList();
        var results = embedder.embedImages(sources);
        var lines = new StringBuilder();
        for (int j = 0; j < ids.size(); j++) {
          float[] v = results.get(j).vectorOrThrow();
          out.put(ids.get(j), v);
          lines.append(ids.get(j)).append('\t');
          for (int d = 0; d < v.length; d++) {
            lines.append(d == 0 ? "" : " ").append(v[d]);
          }
          lines.append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      }
    }
    return out;
  }

  /**
   * A collection of every work with its cached image vector, {@code minilm} as the text embedder
   * and the label {@code split}; the held-out works keep their labels but lose every text field.
   */
  private static ArtCollection collection(ImageEmbedder embedder, List<Work> works, Map<String, float[]> vectors) {
    var config = CollectionConfig.defaults().withTextIndex(ProviderSettings.of(CollectionConfig.NONE)).withTextEmbedder(ProviderSettings.of("minilm"));
    ArtCollection art = ArtCollection.builder().config(config).embedder(embedder).build();
    List<CatalogueRecord> records = new ArrayList<>();
    List<float[]> vs = new ArrayList<>();
    for (Work w : works) {
      CatalogueRecord r = w.record();
      Labels labels = Labels.of(Map.of("category", w.category(), SPLIT, w.test() ? "test" : "train"));
      records.add(w.test()
          ? new CatalogueRecord(r.id(), null, null, null, null, null, null, null, r.image(), Map.of(), labels)
          : new CatalogueRecord(r.id(), r.title(), r.artist(), null, null, null, null, r.description(), r.image(), Map.of(), labels));
      vs.add(vectors.get(r.id()));
    }
    art.addWithVectors(records, vs);
    return art;
  }

  private static Figures measure(ArtCollection art, List<Work> works, int k) {
    Map<String, Work> byId = new HashMap<>();
    works.forEach(w -> byId.put(w.record().id(), w));
    LabelFilter heldOut = LabelFilter.anyOf(SPLIT, "test");
    int queries = 0;
    int found = 0;
    double micro = 0;
    Map<String, double[]> perCategory = new TreeMap<>();
    for (Work w : works) {
      if (!w.test()) {
        continue;
      }
      List<Hit> hits = art.searchImagesByText(w.record().title(), k + 1, heldOut);
      String id = w.record().id();
      if (hits.stream().limit(k).anyMatch(h -> h.id().equals(id))) {
        found++;
      }
      int right = 0;
      int taken = 0;
      for (Hit h : hits) {
        if (h.id().equals(id) || taken == k) {
          continue;
        }
        taken++;
        if (byId.get(h.id()).categories().stream().anyMatch(w.categories()::contains)) {
          right++;
        }
      }
      double p = taken == 0 ? 0 : right / (double) taken;
      micro += p;
      double[] acc = perCategory.computeIfAbsent(w.category(), c -> new double[2]);
      acc[0] += p;
      acc[1]++;
      queries++;
    }
    double macro = perCategory.values().stream().mapToDouble(a -> a[0] / a[1]).average().orElse(0);
    return new Figures(found / (double) queries, micro / queries, macro, queries);
  }

  /** The category precision of a random answer: the mean share of the other held-out works that share a category. */
  private static double chance(List<Work> works) {
    List<Work> test = works.stream().filter(Work::test).toList();
    double sum = 0;
    for (Work q : test) {
      int share = 0;
      for (Work o : test) {
        if (o != q && o.categories().stream().anyMatch(q.categories()::contains)) {
          share++;
        }
      }
      sum += share / (double) (test.size() - 1);
    }
    return sum / test.size();
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
