package org.artsim.examples.workflows;

import org.artsim.collection.ProviderSettings;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.ArtsimException;
import org.artsim.EmbedderInfo;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.sample.SampleCatalogue;
import org.artsim.collection.view.ContactSheet;
import org.artsim.embed.pretrained.ModelFormat;
import org.artsim.embed.pretrained.PretrainedCnn;
import org.artsim.embed.pretrained.PretrainedModels;
import org.artsim.examples.DemoData;
import org.artsim.examples.PretrainedPresets;

/**
 * Reference workflow (c), visual similarity: the same catalogue embedded by several image
 * embedders (a CNN with centre-crop and with no crop, another network, or the weights-free
 * default), the neighbours of one work and of an image that is not in the collection under each,
 * and how much the neighbour lists agree. Variants whose embedder cannot be created here (no model
 * installed) are skipped with the reason.
 *
 * <p>Run without a model file ({@code ./artsim example VisualSimilarity}) it uses the pretrained
 * {@code mobilenetv2} preset that {@code ./artsim models} makes (nsfwjs's MobileNetV2 with real
 * weights): the preset's own preprocessing (whole image squashed to 224, no crop) beside a
 * centre crop of the same network; when the model is not made, those variants are skipped with the
 * command that makes it.
 */
public final class VisualSimilarity {
  private VisualSimilarity() {}

  /**
   * One embedder variant's answers.
   *
   * @param name the variant's name
   * @param embedder what made its vectors
   * @param similar the work's neighbours
   * @param outside the outside image's neighbours
   */
  public record Variant(String name, EmbedderInfo embedder, List<Hit> similar, List<Hit> outside) {}

  /**
   * The variants run, the ones skipped, and the overlap of each variant's neighbours with the first's.
   *
   * @param variants the variants that ran
   * @param skipped variant name to why it was skipped
   * @param overlapWithFirst variant name to |top-k ∩ first's top-k| / k for the work's neighbours
   */
  public record Result(List<Variant> variants, Map<String, String> skipped, Map<String, Double> overlapWithFirst) {}

  /** Runs each named configuration over the catalogue, querying {@code workId} and {@code outside}. */
  public static Result run(Path catalogue, Map<String, CollectionConfig> variants, String workId, BufferedImage outside, Path out, PrintStream log) {
    var ran = new ArrayList<Variant>();
    var skipped = new LinkedHashMap<String, String>();
    for (var v : variants.entrySet()) {
      try (var art = ArtCollection.create(v.getValue())) {
        art.ingest(catalogue, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(out.resolve("checkpoint-" + v.getKey())));
        var similar = art.similarTo(workId, 5);
        var fromOutside = art.searchImage(org.artsim.ImageSource.of(outside), 5, null);
        log.println(v.getKey() + " (" + art.embedderInfo() + "):");
        log.println("  similar to " + workId + ": " + similar);
        log.println("  similar to the outside image: " + fromOutside);
        ContactSheet.write(ContactSheet.matches(art, outside, "outside image", fromOutside), out.resolve("outside-" + v.getKey() + ".png"));
        ran.add(new Variant(v.getKey(), art.embedderInfo(), similar, fromOutside));
      } catch (ArtsimException e) {
        log.println(v.getKey() + " skipped: " + e.getMessage());
        skipped.put(v.getKey(), e.getMessage());
      }
    }
    var overlap = new LinkedHashMap<String, Double>();
    if (!ran.isEmpty()) {
      var first = new HashSet<String>();
      ran.get(0).similar().forEach(h -> first.add(h.id()));
      for (Variant v : ran) {
        long common = v.similar().stream().filter(h -> first.contains(h.id())).count();
        overlap.put(v.name(), common / (double) Math.max(1, v.similar().size()));
      }
    }
    log.println("overlap with " + (ran.isEmpty() ? "-" : ran.get(0).name()) + ": " + overlap);
    return new Result(ran, skipped, overlap);
  }

  /**
   * The reference variants: the weights-free {@code "color"} default, and artsim-embed's {@code
   * "cnn"} embedder on {@code cnnModel} (a TorchScript, ONNX or SavedModel file) with centre-crop
   * preprocessing and with no crop, and on {@code otherModel} (another network) when given. Without a
   * model the CNN variants fail to load and are skipped with the reason.
   */
  public static Map<String, CollectionConfig> variants(String cnnModel, String otherModel) {
    var m = new LinkedHashMap<String, CollectionConfig>();
    m.put("color", CollectionConfig.defaults());
    String model = cnnModel == null ? "" : cnnModel;
    m.put("cnn-centre-crop", CollectionConfig.defaults().withEmbedder(ProviderSettings.of("cnn", Map.of("model", model, "crop", "true"))));
    m.put("cnn-no-crop", CollectionConfig.defaults().withEmbedder(ProviderSettings.of("cnn", Map.of("model", model, "crop", "false"))));
    if (otherModel != null) {
      m.put("other-network", CollectionConfig.defaults().withEmbedder(ProviderSettings.of("cnn", Map.of("model", otherModel, "crop", "true"))));
    }
    return m;
  }

  /**
   * The variants with real weights: {@code "color"}, then {@link PretrainedPresets#DEFAULT}
   * ({@code mobilenetv2-imagenet}, alpha on white) as its preset defines it ({@code
   * "mobilenetv2-imagenet-no-crop"}: the whole image resized to 224) and with a centre crop ({@code
   * "mobilenetv2-imagenet-centre-crop"}: resize 256, crop 224, the preset's scaling, the same network
   * file through the {@code "cnn"} embedder). When {@code ./artsim models} has not
   * made the model, both variants fail to load with a message naming that command, and are skipped.
   */
  public static Map<String, CollectionConfig> pretrainedVariants() {
    var m = new LinkedHashMap<String, CollectionConfig>();
    m.put("color", CollectionConfig.defaults());
    String preset = PretrainedPresets.DEFAULT;
    m.put(preset + "-no-crop", CollectionConfig.defaults().withEmbedder(PretrainedPresets.defaultEmbedder()));
    var p = PretrainedCnn.byName(preset);
    var pre = p.preprocessing();
    var crop = PretrainedPresets.missing(preset).isPresent()
        ? PretrainedPresets.defaultEmbedder()
        : ProviderSettings.of("cnn", Map.of(
            "model", PretrainedModels.file(p, PretrainedModels.defaultDirectory(), ModelFormat.TORCHSCRIPT).toString(),
            "image_size", "224", "resize", "256", "crop", "true", "interpolation", "bilinear",
            "mean", pre.describe().get("mean"), "std", pre.describe().get("std"), "alpha", "white"));
    m.put(preset + "-centre-crop", CollectionConfig.defaults().withEmbedder(crop));
    return m;
  }

  /**
   * {@code [outDir] [cnnModel] [otherModel]}: runs the reference variants on the generated default
   * collection; without {@code cnnModel}, the {@link #pretrainedVariants()}.
   */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "artsim-demo-output/visual-similarity");
    Path csv = DemoData.generated(out.resolve("data"));
    Map<String, CollectionConfig> variants;
    if (args.length > 1) {
      System.out.println("CNN path: the model file " + args[1]);
      variants = variants(args[1], args.length > 2 ? args[2] : null);
    } else {
      var missing = PretrainedPresets.missing(PretrainedPresets.DEFAULT);
      System.out.println(missing.isEmpty()
          ? "CNN path: the pretrained model " + PretrainedPresets.describe(PretrainedPresets.DEFAULT)
          : "CNN path: no pretrained model (" + missing.get() + "); the CNN variants are skipped");
      variants = pretrainedVariants();
    }
    run(csv, variants, "w-0007", SampleCatalogue.drawNew("dutch", "ceramics", 2024), out, System.out);
  }
}
