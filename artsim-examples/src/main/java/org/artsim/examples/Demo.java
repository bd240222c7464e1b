package org.artsim.examples;

import org.artsim.collection.ProviderSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Recommendations;
import org.artsim.TextSearchResult;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.CollectionConfig;
import org.artsim.analysis.Clusters;
import org.artsim.analysis.Scored;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.IngestionReport;
import org.artsim.collection.view.CollectionMap;
import org.artsim.collection.view.ContactSheet;
import org.artsim.collection.view.HtmlReport;
import org.artsim.collection.view.ProjectorExport;
import org.artsim.collection.view.UmapConfig;
import org.artsim.collection.openclipart.OpenClipArtCatalogue;
import org.artsim.embed.pretrained.PretrainedModels;

/**
 * The README's main command ({@code ./artsim demo}): the whole job on artsim's generated default
 * collection (240 procedurally drawn works in six cultures and four classifications), with no
 * network and no model weights.
 *
 * <p>ingest (with a checkpoint) &rarr; embed with the weights-free default &rarr; text search with a
 * typo &rarr; similar works with a culture condition, and the closest work per culture &rarr;
 * likes &rarr; recommendations &rarr; clusters &rarr; most unique works &rarr; a contact sheet PNG,
 * a per-culture grid, an HTML page, a PCA map and a projector export, written to a printed path.
 *
 * <pre>
 * ./artsim demo                         the generated collection, output in artsim-demo-output/
 * ./artsim demo --fashion-mnist [n]     the first n (default 2,000) Fashion-MNIST training images
 * ./artsim demo --openclipart [--limit N] [--model mobilenetv2-imagenet]
 *                                       Debian's Open Clip Art (apt-get install openclipart-png openclipart-svg),
 *                                       an even sample of N works (default 1,500; 0 = all), colour embedder with
 *                                       alpha=white, or a pretrained preset made by ./artsim models
 * ./artsim demo --openclipart-root DIR  the same on any directory of the Open Clip Art layout
 * ./artsim demo --out DIR --embedder NAME --text-index NAME --recommender NAME
 * </pre>
 */
public final class Demo {
  private Demo() {}

  /**
   * What to run.
   *
   * @param out the output directory
   * @param fashionMnist whether to use Fashion-MNIST instead of the generated collection
   * @param fashionCount how many Fashion-MNIST images
   * @param config the collection's components
   * @param openClipArt the Open Clip Art directory to use instead of the generated collection, or null
   * @param limit how many Open Clip Art works (an even sample; 0 for all)
   * @param model a pretrained preset ({@code mobilenetv2}, ...) to embed with when it is made, or null
   */
  public record Options(Path out, boolean fashionMnist, int fashionCount, CollectionConfig config, Path openClipArt, int limit, String model) {
    /** Options without Open Clip Art. */
    public Options(Path out, boolean fashionMnist, int fashionCount, CollectionConfig config) {
      this(out, fashionMnist, fashionCount, config, null, OpenClipArtData.DEFAULT_LIMIT, null);
    }

    /** The defaults: generated data, default components, output in {@code artsim-demo-output}. */
    public static Options defaults() {
      return new Options(Path.of("artsim-demo-output"), false, 2000, CollectionConfig.defaults());
    }

    /** The embedder the Open Clip Art demo uses unless told otherwise: colour, transparency composited on white. */
    public static final ProviderSettings CLIP_ART_EMBEDDER = ProviderSettings.of("color", Map.of("alpha", "white"));

    /** Parses command-line arguments. */
    public static Options parse(String[] args) {
      Options o = defaults();
      boolean embedderGiven = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--openclipart" -> o = openClipArt(o, OpenClipArtCatalogue.DEBIAN_ROOT);
          case "--openclipart-root" -> o = openClipArt(o, Path.of(value(args, ++i, a)));
          case "--limit" -> {
            String v = value(args, ++i, a);
            if (!v.matches("\\d{1,9}")) {
              throw new IllegalArgumentException("--limit needs a whole number of works (0 for all), got '" + v + "'");
            }
            o = new Options(o.out(), o.fashionMnist(), o.fashionCount(), o.config(), o.openClipArt(), Integer.parseInt(v), o.model());
          }
          case "--model" -> o = new Options(o.out(), o.fashionMnist(), o.fashionCount(), o.config(), o.openClipArt(), o.limit(), value(args, ++i, a));
          case "--fashion-mnist" -> {
            int n = i + 1 < args.length && args[i + 1].matches("\\d+") ? Integer.parseInt(args[++i]) : o.fashionCount();
            o = new Options(o.out().equals(defaults().out()) ? Path.of("artsim-demo-output", "fashion-mnist") : o.out(), true, n, o.config());
          }
          case "--out" -> o = new Options(Path.of(value(args, ++i, a)), o.fashionMnist(), o.fashionCount(), o.config(), o.openClipArt(), o.limit(), o.model());
          case "--embedder" -> {
            embedderGiven = true;
            o = o.withConfig(o.config().withEmbedder(ProviderSettings.of(value(args, ++i, a))));
          }
          case "--text-index" -> o = o.withConfig(o.config().withTextIndex(ProviderSettings.of(value(args, ++i, a))));
          case "--recommender" -> o = o.withConfig(o.config().withRecommender(ProviderSettings.of(value(args, ++i, a))));
          case "--index" -> o = o.withConfig(o.config().withIndex(ProviderSettings.of(value(args, ++i, a))));
          default -> throw new IllegalArgumentException("unknown option '" + a
              + "'; use --fashion-mnist [n], --openclipart, --openclipart-root DIR, --limit N, --model PRESET, --out DIR, --embedder, --index, --text-index, --recommender");
        }
      }
      if (o.openClipArt() != null && !embedderGiven) {
        o = o.withConfig(o.config().withEmbedder(CLIP_ART_EMBEDDER));
      }
      return o;
    }

    private Options withConfig(CollectionConfig c) {
      return new Options(out, fashionMnist, fashionCount, c, openClipArt, limit, model);
    }

    private static Options openClipArt(Options o, Path root) {
      Path out = o.out().equals(defaults().out()) ? Path.of("artsim-demo-output", "openclipart") : o.out();
      return new Options(out, false, o.fashionCount(), o.config(), root, o.limit(), o.model());
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  /**
   * What the demo found, for tests and for callers.
   *
   * @param out the output directory
   * @param report the ingestion report
   * @param field the label field conditions use ({@code culture}, or {@code classification} for Fashion-MNIST)
   * @param textQuery the text query (with a typo)
   * @param text its result
   * @param queryId the work the similarity searches start from
   * @param conditionValue the label value of the conditioned search
   * @param conditioned the conditioned matches
   * @param perLabel the closest works per label value
   * @param neighbourPrecision the mean share of each work's 5 nearest neighbours that share its label
   * @param liked the liked ids
   * @param recommendations the recommendations after the likes
   * @param likedShare the share of recommendations carrying the liked works' label
   * @param baseShare the share of the whole collection carrying that label
   * @param clusters the clusters
   * @param clusterPurity the mean share of each cluster's majority label
   * @param mostUnique the most unique works
   * @param files the files written, by name
   */
  public record Result(
      Path out,
      IngestionReport report,
      String field,
      String textQuery,
      TextSearchResult text,
      String queryId,
      String conditionValue,
      List<Hit> conditioned,
      Map<String, List<Hit>> perLabel,
      double neighbourPrecision,
      List<String> liked,
      Recommendations recommendations,
      double likedShare,
      double baseShare,
      Clusters clusters,
      double clusterPurity,
      List<Scored> mostUnique,
      Map<String, Path> files) {}

  /** Runs the demo; see the class comment for the arguments. */
  public static void main(String[] args) {
    int status = main(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the demo and returns the exit status: 0, or 2 when Open Clip Art is asked for and not
   * installed (then {@code err} gets exactly the one line {@link OpenClipArtCatalogue#INSTALL_COMMAND}).
   */
  static int main(String[] args, PrintStream out, PrintStream err) {
    long t0 = System.nanoTime();
    Options o = Options.parse(args);
    if (o.openClipArt() != null && !OpenClipArtCatalogue.installed(o.openClipArt())) {
      err.println(OpenClipArtCatalogue.INSTALL_COMMAND);
      return 2;
    }
    Result r = run(o, out);
    out.printf(Locale.ROOT, "%ndone in %.1f s; open %s%n", (System.nanoTime() - t0) / 1e9, r.files().get("html").toAbsolutePath());
    return 0;
  }

  /** Runs the demo, printing to {@code out}. */
  public static Result run(Options o, PrintStream raw) {
    long start = System.nanoTime();
    PrintStream out = new PrintStream(raw, true, java.nio.charset.StandardCharsets.UTF_8) {
      @Override
      public void println(String line) {
        super.println(line.startsWith("== ") ? String.format(Locale.ROOT, "[%5.1f s] %s", (System.nanoTime() - start) / 1e9, line) : line);
      }
    };
    Path dir = o.out().toAbsolutePath();
    boolean clipArt = o.openClipArt() != null;
    String field = clipArt ? "category" : o.fashionMnist() ? "classification" : "culture";
    out.println("== 1. data: " + (clipArt ? "Open Clip Art from " + o.openClipArt()
        : o.fashionMnist() ? "the first " + o.fashionCount() + " Fashion-MNIST training images" : "artsim's generated default collection"));
    Path csv = clipArt ? OpenClipArtData.write(o.openClipArt(), dir.resolve("data"), o.limit(), out)
        : o.fashionMnist() ? DemoData.fashionMnist(dir.resolve("data"), o.fashionCount()) : DemoData.generated(dir.resolve("data"));
    out.println("   catalogue: " + csv);
    CollectionConfig config = withModel(o, out);
    out.println("   embedder: " + config.embedder());

    try (var art = ArtCollection.create(config)) {
      out.println("== 2. ingest and embed: " + art);
      ColumnMapping mapping = clipArt ? OpenClipArtData.MAPPING : ColumnMapping.standard();
      IngestionReport report = art.ingest(csv, IngestOptions.of(mapping).withCheckpointDir(dir.resolve("checkpoint")));
      out.println("   " + report.toString().replace("\n", "\n   "));

      String textQuery = clipArt ? "flowr" : o.fashionMnist() ? "ankle bot" : "indgo cranes";
      out.println("== 3. text search with a typo: \"" + textQuery + "\"");
      TextSearchResult text = art.searchText(textQuery, 5);
      out.println("   read as: " + text.explanation());
      text.hits().forEach(h -> out.println("   " + line(art, h)));

      String queryId = text.hits().isEmpty() ? art.ids().get(0) : text.hits().get(0).id();
      CatalogueRecord query = art.record(queryId);
      String conditionValue = otherValue(art, field, query.indexLabels().get(field));
      out.println("== 4. works similar to " + query + ", only " + field + " = " + conditionValue);
      List<Hit> conditioned = art.similarTo(queryId, 5, LabelFilter.anyOf(field, conditionValue));
      conditioned.forEach(h -> out.println("   " + line(art, h)));
      Map<String, List<Hit>> perLabel = art.matchesPerLabel(queryId, field, 1);
      out.println("   the closest work per " + field + ":");
      perLabel.forEach((v, hits) -> hits.forEach(h -> out.println("     " + v + ": " + line(art, h))));
      double precision = neighbourPrecision(art, field);
      out.printf(Locale.ROOT, "   share of each work's 5 nearest neighbours with its %s: %.2f (chance: %.2f)%n", field, precision, chance(art, field));

      out.println("== 5. likes: a visitor likes the text search's first three results");
      List<String> liked = text.hits().stream().limit(3).map(Hit::id).toList();
      if (liked.isEmpty()) {
        liked = List.of(queryId);
      }
      var session = art.newSession();
      liked.forEach(session::like);
      liked.forEach(id -> out.println("   liked " + art.record(id)));
      out.println("== 6. recommendations");
      Recommendations recs = session.recommend(10);
      recs.hits().forEach(h -> out.println("   " + line(art, h)));
      String likedValue = art.record(liked.get(0)).indexLabels().get(field);
      double likedShare = recs.hits().isEmpty() ? 0 : recs.hits().stream().filter(h -> likedValue.equals(art.record(h.id()).indexLabels().get(field))).count() / (double) recs.hits().size();
      double baseShare = art.records().stream().filter(r -> likedValue.equals(r.indexLabels().get(field))).count() / (double) art.size();
      out.printf(Locale.ROOT, "   %.0f%% of the recommendations are %s %s, against %.0f%% of the collection%n", 100 * likedShare, field, likedValue, 100 * baseShare);

      int k = art.labelValues(field).size();
      out.println("== 7. " + k + " clusters around real works (k-medoids)");
      Clusters clusters = art.analysis().clusters(k, 42);
      double purity = 0;
      for (var c : clusters.clusters()) {
        var counts = new LinkedHashMap<String, Integer>();
        c.members().forEach(id -> counts.merge(String.valueOf(art.record(id).indexLabels().get(field)), 1, Integer::sum));
        var top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        purity += top.getValue() / (double) c.size() / clusters.clusters().size();
        out.printf(Locale.ROOT, "   %-8s %3d works, mostly %s (%d)%n", c.medoid(), c.size(), top.getKey(), top.getValue());
      }
      out.printf(Locale.ROOT, "   mean purity by %s: %.2f; loss %.3f after %d passes (%s)%n", field, purity, clusters.loss(), clusters.iterations(), clusters.method());

      out.println("== 8. the most unique works");
      List<Scored> unique = art.analysis().mostUnique(5);
      unique.forEach(s -> out.printf(Locale.ROOT, "   %.3f  %s%n", s.score(), art.record(s.id())));

      out.println("== 9. pictures");
      var files = new LinkedHashMap<String, Path>();
      files.put("contact sheet", ContactSheet.write(ContactSheet.matches(art, queryId, art.similarTo(queryId, 8)), dir.resolve("similar-" + queryId + ".png")));
      var grid = new LinkedHashMap<String, Map<String, List<Hit>>>();
      for (String id : gridQueries(art, field, queryId)) {
        grid.put(id, art.matchesPerLabel(id, field, 1));
      }
      files.put("grid", ContactSheet.write(ContactSheet.perLabel(art, field, grid), dir.resolve("matches-by-" + field + ".png")));
      files.put("map", CollectionMap.write(art, field, 560, CollectionMap.Method.AUTO, UmapConfig.defaults(), dir.resolve("map-by-" + field + ".png")));
      files.put("projector", ProjectorExport.write(art, dir.resolve("projector"), List.of("title", field)));
      var page = HtmlReport.create("artsim demo").suggesting(field)
          .text("Text search", "\"" + textQuery + "\" read as: " + text.explanation())
          .section("Text search: " + textQuery, art, null, text.hits())
          .section("Similar to " + queryId + ", " + field + " = " + conditionValue, art, queryId, conditioned)
          .section("The closest work per " + field, art, queryId, perLabel)
          .section("Recommended after liking " + String.join(", ", liked), art, null, recs.hits())
          .section("Most unique", art, null, unique.stream().map(s -> new Hit(s.id(), (float) s.score(), art.record(s.id()).indexLabels())).toList());
      files.put("html", page.write(dir.resolve("index.html")));
      files.put("collection", dir.resolve("collection"));
      art.save(dir.resolve("collection"));
      files.forEach((name, path) -> out.println("   " + name + ": " + path));
      return new Result(dir, report, field, textQuery, text, queryId, conditionValue, conditioned, perLabel, precision, liked, recs, likedShare, baseShare, clusters, purity, unique, files);
    }
  }

  /**
   * The collection's components with {@link Options#model()}'s pretrained preset as the embedder
   * (transparency composited on white for Open Clip Art) when {@code ./artsim models} made it; else
   * the options' own, after printing the command that makes it.
   */
  private static CollectionConfig withModel(Options o, PrintStream out) {
    if (o.model() == null) {
      return o.config();
    }
    var missing = PretrainedPresets.missing(o.model());
    if (missing.isPresent()) {
      out.println("   --model " + o.model() + " not used: " + missing.get());
      out.println("   embedding with " + o.config().embedder() + " instead; run `" + PretrainedModels.MAKE_COMMAND + "` to make the pretrained presets");
      return o.config();
    }
    out.println("   pretrained model: " + PretrainedPresets.describe(o.model()));
    Map<String, String> settings = o.openClipArt() != null ? Map.of("alpha", "white") : Map.of();
    return o.config().withEmbedder(ProviderSettings.of(o.model(), settings));
  }

  private static String line(ArtCollection art, Hit h) {
    CatalogueRecord r = art.record(h.id());
    return String.format(Locale.ROOT, "%-9s %7.4f  %s  %s", h.id(), h.score(), r.title(), r.indexLabels());
  }

  /** A label value other than {@code own} (the first in sorted order), or {@code own} if there is none. */
  private static String otherValue(ArtCollection art, String field, String own) {
    return art.labelValues(field).stream().filter(v -> !v.equals(own)).findFirst().orElse(own);
  }

  /** The mean share of each work's 5 nearest neighbours that share its label. */
  static double neighbourPrecision(ArtCollection art, String field) {
    double sum = 0;
    int n = 0;
    for (CatalogueRecord r : art.records()) {
      String v = r.indexLabels().get(field);
      List<Hit> hits = art.similarTo(r.id(), 5);
      if (v == null || hits.isEmpty()) {
        continue;
      }
      sum += hits.stream().filter(h -> v.equals(h.label(field))).count() / (double) hits.size();
      n++;
    }
    return n == 0 ? 0 : sum / n;
  }

  /** The share of same-label pairs among random pairs: what {@link #neighbourPrecision} would be by chance. */
  static double chance(ArtCollection art, String field) {
    var counts = new LinkedHashMap<String, Integer>();
    art.records().forEach(r -> counts.merge(String.valueOf(r.indexLabels().get(field)), 1, Integer::sum));
    double n = art.size();
    return counts.values().stream().mapToDouble(c -> (c / n) * ((c - 1) / (n - 1))).sum();
  }

  private static List<String> gridQueries(ArtCollection art, String field, String first) {
    var out = new ArrayList<String>();
    out.add(first);
    var seen = new java.util.HashSet<String>();
    seen.add(art.record(first).indexLabels().get(field));
    for (CatalogueRecord r : art.records()) {
      if (out.size() >= 3) {
        break;
      }
      if (seen.add(r.indexLabels().get(field))) {
        out.add(r.id());
      }
    }
    return out;
  }
}
