package org.artsim.examples.workflows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.Embedder;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ProviderSettings;
import org.artsim.collection.bridge.BridgeConfig;
import org.artsim.collection.bridge.TextImageBridge;
import org.artsim.collection.bridge.TextImageRoute;
import org.artsim.analysis.Clusters;
import org.artsim.analysis.ImageQuality;
import org.artsim.analysis.Scored;
import org.artsim.collection.view.PcaMap;
import org.artsim.embed.pretrained.PretrainedModels;
import org.artsim.examples.DemoData;
import org.artsim.examples.PretrainedPresets;

/**
 * Reference workflow (d), style analysis: a text-to-image search (through CLIP's text tower when
 * the embedder has one, else through a text bridge learned from the catalogue when a text embedder
 * such as {@code minilm} is installed, else the catalogue text), clusters, a 2-D map coloured by artist, the most
 * and least unique works, mean uniqueness per artist, and mean brightness, contrast and saturation
 * per style (classification).
 *
 * <p>{@code ./artsim example StyleAnalysis} embeds with the pretrained {@code mobilenetv2} preset
 * (real weights, made by {@code ./artsim models}) when it is made, else with the weights-free
 * colour embedder, and says which; without CLIP it fits a text bridge ({@code minilm} text into the
 * image space) when the MiniLM model is on the class path, else searches the catalogue text, and says
 * which.
 */
public final class StyleAnalysis {
  private StyleAnalysis() {}

  /**
   * The findings.
   *
   * @param textToImage whether the search matched the text against the images (CLIP or a text bridge)
   * @param route how: {@code CLIP}, {@code BRIDGE}, or {@code NONE} (catalogue text search)
   * @param search the search's hits
   * @param clusters the clusters
   * @param map the PCA map PNG
   * @param mostUnique the five most unique works
   * @param leastUnique the five least unique works
   * @param uniquenessPerArtist mean uniqueness per artist, highest first
   * @param qualityPerStyle classification to mean {brightness, contrast, saturation}
   */
  public record Result(
      boolean textToImage,
      TextImageRoute route,
      List<Hit> search,
      Clusters clusters,
      Path map,
      List<Scored> mostUnique,
      List<Scored> leastUnique,
      Map<String, Double> uniquenessPerArtist,
      Map<String, double[]> qualityPerStyle) {}

  /** Runs the analysis. */
  public static Result run(ArtCollection art, String description, int k, Path out, PrintStream log) {
    log.println("image embedder: " + art.embedderInfo());
    TextImageRoute route = textImageRoute(art, log);
    boolean toImages = route != TextImageRoute.NONE;
    List<Hit> search = toImages ? art.searchImagesByText(description, 5, LabelFilter.none()) : art.searchText(description, 5).hits();
    String how = switch (route) {
      case CLIP -> "text-to-image (CLIP)";
      case BRIDGE -> "text-to-image (text bridge)";
      case NONE -> "catalogue text";
    };
    log.println(how + " search \"" + description + "\": " + search);
    Clusters clusters = art.analysis().clusters(k, 7);
    clusters.clusters().forEach(c -> log.println("cluster around " + c.medoid() + ": " + c.size() + " works"));
    Path map = PcaMap.write(art, "artist", 560, out.resolve("map-by-artist.png"));
    log.println("map: " + map);
    var uniqueness = art.analysis().uniqueness();
    var most = art.analysis().mostUnique(5);
    var least = art.analysis().leastUnique(5);
    log.println("most unique: " + most);
    log.println("least unique: " + least);
    var perArtist = art.analysis().meanPerLabel(uniqueness, "artist");
    log.println("mean uniqueness per artist: " + perArtist);
    var sums = new TreeMap<String, double[]>();
    for (String id : art.ids()) {
      ImageQuality q = art.analysis().imageQuality(id);
      String style = art.record(id).classification();
      if (q != null && style != null) {
        double[] s = sums.computeIfAbsent(style, x -> new double[4]);
        s[0] += q.brightness();
        s[1] += q.contrast();
        s[2] += q.saturation();
        s[3]++;
      }
    }
    var perStyle = new LinkedHashMap<String, double[]>();
    sums.forEach((style, s) -> perStyle.put(style, new double[] {s[0] / s[3], s[1] / s[3], s[2] / s[3]}));
    perStyle.forEach((style, q) -> log.printf(java.util.Locale.ROOT, "%-10s brightness %.3f contrast %.3f saturation %.3f%n", style, q[0], q[1], q[2]));
    return new Result(toImages, route, search, clusters, map, most, least, perArtist, perStyle);
  }

  /**
   * How the text-to-image search goes, said in {@code log}: CLIP's text tower; else a text bridge,
   * fitted here from the works with catalogue text when the collection has a text embedder; else
   * none (the search is then over the catalogue text).
   */
  static TextImageRoute textImageRoute(ArtCollection art, PrintStream log) {
    TextImageRoute route = art.textImageRoute();
    if (route == TextImageRoute.NONE && art.config().denseTextSearch() && art.textBridge().isEmpty()) {
      try {
        TextImageBridge b = art.fitTextBridge(BridgeConfig.defaults());
        log.println("text bridge fitted: " + b.provenance());
        route = art.textImageRoute();
      } catch (ArtsimException e) {
        log.println("no text bridge: " + e.getMessage());
      }
    }
    switch (route) {
      case CLIP -> log.println("CLIP model: the search below embeds the text with its text tower");
      case BRIDGE -> log.println("no CLIP model: the search below maps the text into the image space through the collection's text bridge "
          + "(learned from its works with catalogue text), so it finds images by what they show");
      case NONE -> log.println("no CLIP model: the search below is over the catalogue text, not the images");
    }
    return route;
  }

  /**
   * The collection's components: the pretrained {@link PretrainedPresets#DEFAULT} ({@code
   * mobilenetv2-imagenet}, alpha on white) as the embedder when {@code ./artsim models} has made it, else the defaults (the
   * colour embedder); {@code log} gets a line saying which, or which command makes the model.
   */
  public static CollectionConfig config(PrintStream log) {
    var missing = PretrainedPresets.missing(PretrainedPresets.DEFAULT);
    if (missing.isPresent()) {
      log.println("model: the weights-free colour embedder; for real CNN weights run `" + PretrainedModels.MAKE_COMMAND + "` (" + missing.get() + ")");
      return CollectionConfig.defaults();
    }
    log.println("model: " + PretrainedPresets.describe(PretrainedPresets.DEFAULT));
    return withTextSide(CollectionConfig.defaults().withEmbedder(PretrainedPresets.defaultEmbedder()), log);
  }

  /** {@code c} with the {@code minilm} text embedder when it loads here (for the text bridge), else {@code c}; {@code log} says which. */
  static CollectionConfig withTextSide(CollectionConfig c, PrintStream log) {
    try (Embedder e = Artsim.embedder("minilm")) {
      log.println("text embedder: minilm " + e.info() + ", for a text bridge into the image space (no CLIP model)");
      return c.withTextEmbedder(ProviderSettings.of("minilm"));
    } catch (ArtsimException e) {
      log.println("text embedder: none (" + e.getMessage() + "); without CLIP, text search stays over the catalogue text");
      return c;
    }
  }

  /** {@code [outDir]}: runs on the generated default collection. */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "artsim-demo-output/style-analysis");
    try (var art = DemoData.defaultCollection(out, config(System.out), System.out)) {
      run(art, "a blue vase with cranes", 6, out, System.out);
    }
  }
}
