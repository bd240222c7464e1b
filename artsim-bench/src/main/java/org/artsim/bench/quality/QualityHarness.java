package org.artsim.bench.quality;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.Metric;

/**
 * Measures what each image embedding finds on a real collection, Open Clip Art from Debian: for
 * every embedding, leave-one-out category and subcategory precision@10 (micro and macro), kNN-vote
 * accuracy, and chance beside them. Renders of one work (identical bytes filed under several
 * categories) are one work.
 *
 * <pre>
 * ./artsim java -cp artsim-bench/target/benchmarks.jar org.artsim.bench.quality.QualityHarness \
 *     [--root /usr/share/openclipart] [--embedders pixels,color] [--alpha white|drop] [--limit N] [--k 10] [--out FILE.csv]
 * </pre>
 *
 * <p>{@code pixels} is the raw-pixels baseline (a 16x16 RGB thumbnail, L2); any other name is an
 * installed image embedder ({@code color}, or a pretrained CNN preset), used with its defaults on the
 * same composited image. Images whose header declares more than 40 megapixels are skipped and
 * counted.
 */
public final class QualityHarness {
  private static final long MAX_PIXELS = 40_000_000L;

  private QualityHarness() {}

  /** Runs the measurement; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = options(args);
    Path root = Path.of(opt.getOrDefault("root", "/usr/share/openclipart"));
    List<String> embedders = List.of(opt.getOrDefault("embedders", "pixels,color").split(","));
    Thumbnails.Alpha alpha = Thumbnails.Alpha.valueOf(opt.getOrDefault("alpha", "white").toUpperCase(Locale.ROOT));
    int k = Integer.parseInt(opt.getOrDefault("k", "10"));
    int limit = Integer.parseInt(opt.getOrDefault("limit", "0"));

    long t0 = System.nanoTime();
    List<ClipArtCorpus.Work> all = ClipArtCorpus.scan(root, limit);
    List<ClipArtCorpus.Work> works = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    int skipped = 0;
    int unreadable = 0;
    for (var w : all) {
      try {
        BufferedImage img = Thumbnails.read(w.image(), alpha, 320, MAX_PIXELS);
        if (img == null) {
          skipped++;
          continue;
        }
        works.add(w);
        images.add(img);
      } catch (IOException | RuntimeException e) {
        unreadable++;
      }
    }
    System.out.printf(Locale.ROOT, "# %d works (%d distinct of the renders under %s), %d over %d MP skipped, %d unreadable; alpha=%s; read in %.0f s%n",
        works.size(), all.size(), root, skipped, MAX_PIXELS / 1_000_000, unreadable, alpha, (System.nanoTime() - t0) / 1e9);
    System.out.println("| embedding | category P@" + k + " micro | macro | subcategory P@" + k + " micro | macro | kNN vote | chance (cat / sub) | embed s |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    var csv = new StringBuilder("embedding,alpha,works,k,cat_micro,cat_macro,sub_micro,sub_macro,vote,chance_cat,chance_sub,embed_seconds\n");
    for (String name : embedders) {
      long e0 = System.nanoTime();
      List<float[]> vectors = embed(name.trim(), images);
      double seconds = (System.nanoTime() - e0) / 1e9;
      Metric metric = name.trim().equals("pixels") ? Metric.L2 : Metric.COSINE;
      var cat = RetrievalQuality.measure(works, vectors, metric, k, ClipArtCorpus.Work::categories, ClipArtCorpus.Work::category);
      var sub = RetrievalQuality.measure(works, vectors, metric, k, ClipArtCorpus.Work::subcategories, ClipArtCorpus.Work::subcategory);
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f | %.0f |%n",
          name, cat.microPrecision(), cat.macroPrecision(), sub.microPrecision(), sub.macroPrecision(), cat.voteAccuracy(),
          cat.chancePrecision(), sub.chancePrecision(), seconds);
      csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.1f%n",
          name, alpha, works.size(), k, cat.microPrecision(), cat.macroPrecision(), sub.microPrecision(), sub.macroPrecision(),
          cat.voteAccuracy(), cat.chancePrecision(), sub.chancePrecision(), seconds));
    }
    if (opt.containsKey("out")) {
      Files.writeString(Path.of(opt.get("out")), csv);
    }
  }

  private static List<float[]> embed(String name, List<BufferedImage> images) {
    List<float[]> out = new ArrayList<>(images.size());
    if (name.equals("pixels")) {
      for (BufferedImage img : images) {
        out.add(Thumbnails.pixels(img, 16));
      }
      return out;
    }
    try (ImageEmbedder embedder = Artsim.imageEmbedder(name)) {
      int batch = 32;
      for (int i = 0; i < images.size(); i += batch) {
        List<ImageSource> sources = new ArrayList<>();
        for (BufferedImage img : images.subList(i, Math.min(images.size(), i + batch))) {
          sources.add(ImageSource.of(img));
        }
        for (var r : embedder.embedImages(sources)) {
          out.add(r.vectorOrThrow());
        }
      }
    }
    return out;
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
