package org.artsim.examples;

import org.artsim.collection.ProviderSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import javax.imageio.ImageIO;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.sample.SampleCatalogue;
import org.artsim.examples.workflows.ConditionalKnn;
import org.artsim.examples.workflows.Curation;
import org.artsim.examples.workflows.SearchAndRecommend;
import org.artsim.examples.workflows.StyleAnalysis;
import org.artsim.examples.workflows.VisualSimilarity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each of the five reference workflows on the generated default data. */
class WorkflowsTest {
  @TempDir static Path dir;
  static ArtCollection art;
  static final PrintStream LOG = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @BeforeAll
  static void setUp() {
    art = DemoData.defaultCollection(dir, TestProviders.config(), LOG);
  }

  @AfterAll
  static void tearDown() {
    art.close();
  }

  @Test
  void aConditionalKnnGridsPerCultureAndPerMedium() throws Exception {
    var r = ConditionalKnn.run(art, List.of("w-0001", "w-0014", "w-0027"), dir.resolve("a"), LOG);
    for (String field : List.of("culture", "classification")) {
      assertThat(ImageIO.read(r.grids().get(field).toFile())).isNotNull();
      r.matches().get(field).forEach((q, perValue) -> perValue.forEach((value, hits) -> {
        assertThat(hits).singleElement().satisfies(h -> {
          assertThat(h.label(field)).isEqualTo(value);
          assertThat(h.id()).isNotEqualTo(q);
        });
      }));
    }
    assertThat(r.matches().get("culture").get("w-0001")).hasSize(6);
    assertThat(r.matches().get("classification").get("w-0001")).hasSize(4);
  }

  @Test
  void bSearchLikeRecommendUnlikeClearSearch() {
    var r = SearchAndRecommend.run(art, "tulips windmils", "jade dragons", LOG);
    assertThat(r.firstSearch()).isNotEmpty().allSatisfy(h -> assertThat(art.record(h.id()).culture()).isEqualTo("dutch"));
    assertThat(r.afterLikes().hits()).isNotEmpty().extracting(Hit::id).doesNotContainAnyElementsOf(r.firstSearch().stream().map(Hit::id).toList());
    long dutch = r.afterLikes().hits().stream().filter(h -> "dutch".equals(h.label("culture"))).count();
    assertThat(dutch).isGreaterThanOrEqualTo(3);
    assertThat(r.afterUnlike().hits()).extracting(Hit::id).doesNotContainAnyElementsOf(r.afterLikes().hits().stream().map(Hit::id).toList());
    assertThat(r.afterClear().hits()).isEmpty();
    assertThat(r.afterClear().reason()).isNotBlank();
    assertThat(r.secondSearch()).isNotEmpty().allSatisfy(h -> assertThat(art.record(h.id()).culture()).isEqualTo("chinese"));
  }

  @Test
  void cVisualSimilarityAcrossEmbedderVariantsWithAnOutsideImage() throws Exception {
    var variants = new LinkedHashMap<String, CollectionConfig>();
    variants.put("default", TestProviders.config());
    variants.put("coarse", TestProviders.config().withEmbedder(ProviderSettings.of("test-image", java.util.Map.of("grid", "2"))));
    variants.put("missing-model", TestProviders.config().withEmbedder(ProviderSettings.of("no-such-cnn")));
    var outside = SampleCatalogue.drawNew("dutch", "ceramics", 2024);
    var r = VisualSimilarity.run(dir.resolve("data/catalogue.csv"), variants, "w-0007", outside, dir.resolve("c"), LOG);
    assertThat(r.variants()).extracting(VisualSimilarity.Variant::name).containsExactly("default", "coarse");
    assertThat(r.skipped()).containsOnlyKeys("missing-model");
    assertThat(r.overlapWithFirst().get("default")).isEqualTo(1.0);
    assertThat(r.overlapWithFirst().get("coarse")).isBetween(0.0, 1.0);
    for (var v : r.variants()) {
      assertThat(v.similar()).hasSize(5).extracting(Hit::id).doesNotContain("w-0007");
      long dutch = v.outside().stream().filter(h -> "dutch".equals(h.label("culture"))).count();
      assertThat(dutch).as(v.name()).isGreaterThanOrEqualTo(2);
      assertThat(ImageIO.read(dir.resolve("c/outside-" + v.name() + ".png").toFile())).isNotNull();
    }
  }

  @Test
  void cCnnWithCentreCropAndNoCropOnARealModelFile() throws Exception {
    Path model = Path.of("../artsim-embed/src/test/resources/fixtures/cnn/tiny_resnet.onnx").toAbsolutePath().normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(model), "artsim-embed's tiny CNN fixture is not in this checkout");
    var variants = VisualSimilarity.variants(model.toString(), null);
    variants.put("color", TestProviders.config());
    var outside = SampleCatalogue.drawNew("mexican", "textile", 7);
    var r = VisualSimilarity.run(dir.resolve("data/catalogue.csv"), variants, "w-0007", outside, dir.resolve("c-cnn"), LOG);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.variants()).extracting(VisualSimilarity.Variant::name).containsExactly("color", "cnn-centre-crop", "cnn-no-crop");
    var crop = r.variants().get(1);
    var noCrop = r.variants().get(2);
    assertThat(crop.embedder().provider()).isEqualTo("cnn");
    assertThat(crop.embedder().compatibleWith(noCrop.embedder())).as("crop is part of the vector space").isFalse();
    assertThat(crop.similar()).hasSize(5).extracting(Hit::id).doesNotContain("w-0007");
    assertThat(noCrop.outside()).hasSize(5);
  }

  @Test
  void cVisualSimilarityWithoutAModelSkipsTheCnnVariantsWithTheReason() {
    var r = VisualSimilarity.run(dir.resolve("data/catalogue.csv"), new LinkedHashMap<>(java.util.Map.of("cnn-centre-crop", VisualSimilarity.variants(null, null).get("cnn-centre-crop"))),
        "w-0007", SampleCatalogue.drawNew("dutch", "ceramics", 1), dir.resolve("c-none"), LOG);
    assertThat(r.variants()).isEmpty();
    assertThat(r.skipped()).containsOnlyKeys("cnn-centre-crop");
    assertThat(r.skipped().get("cnn-centre-crop")).isNotBlank();
  }

  /**
   * Skips (naming {@code ./artsim models}) when the pretrained models are not made, except under CI
   * ({@code CI=true}, where {@code .ci/run} makes them), where it fails.
   */
  static void requireModels(String why) {
    String message = why + "; run `apt-get install python3-torch python3-onnx python3-pil nodejs npm` then `./artsim models`";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true: " + message);
    }
    org.junit.jupiter.api.Assumptions.abort(message);
  }

  @Test
  void cVisualSimilarityRunsTheRealMobileNetV2WithAndWithoutCropOrSaysWhichCommandMakesIt() {
    var outside = SampleCatalogue.drawNew("dutch", "ceramics", 3);
    var r = VisualSimilarity.run(dir.resolve("data/catalogue.csv"), VisualSimilarity.pretrainedVariants(), "w-0007", outside, dir.resolve("c-pretrained"), LOG);
    var missing = PretrainedPresets.missing(PretrainedPresets.DEFAULT);
    if (missing.isPresent()) {
      assertThat(r.variants()).extracting(VisualSimilarity.Variant::name).containsExactly("color");
      assertThat(r.skipped()).containsOnlyKeys(PretrainedPresets.DEFAULT + "-no-crop", PretrainedPresets.DEFAULT + "-centre-crop")
          .allSatisfy((name, why) -> assertThat(why).contains("`./artsim models`"));
      requireModels(missing.get());
    }
    assertThat(r.skipped()).isEmpty();
    assertThat(r.variants()).extracting(VisualSimilarity.Variant::name).containsExactly("color", PretrainedPresets.DEFAULT + "-no-crop", PretrainedPresets.DEFAULT + "-centre-crop");
    var noCrop = r.variants().get(1);
    var crop = r.variants().get(2);
    assertThat(noCrop.embedder().provider()).isEqualTo("mobilenetv2-imagenet");
    assertThat(noCrop.embedder().dimension()).isEqualTo(96);
    assertThat(noCrop.embedder().settings()).containsEntry("alpha", "white");
    assertThat(crop.embedder().settings()).containsEntry("alpha", "white");
    assertThat(crop.embedder().provider()).isEqualTo("cnn");
    assertThat(crop.embedder().model()).isEqualTo(noCrop.embedder().model()).contains("mobilenetv2-imagenet");
    assertThat(crop.embedder().dimension()).isEqualTo(96);
    assertThat(crop.embedder().compatibleWith(noCrop.embedder())).as("crop is part of the vector space").isFalse();
    assertThat(noCrop.similar()).hasSize(5).extracting(Hit::id).doesNotContain("w-0007");
    assertThat(crop.outside()).hasSize(5);
  }

  @Test
  void dStyleAnalysisUsesTheRealMobileNetV2WhenMadeAndSaysWhichModel() throws Exception {
    var buffer = new ByteArrayOutputStream();
    var log = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    var config = StyleAnalysis.config(log);
    var missing = PretrainedPresets.missing(PretrainedPresets.DEFAULT);
    if (missing.isPresent()) {
      assertThat(config).isEqualTo(org.artsim.collection.CollectionConfig.defaults());
      assertThat(buffer.toString(StandardCharsets.UTF_8)).startsWith("model: the weights-free colour embedder; for real CNN weights run `./artsim models`");
      requireModels(missing.get());
    }
    try (var pretrained = DemoData.defaultCollection(dir.resolve("d-pretrained"), config, log)) {
      var r = StyleAnalysis.run(pretrained, "a blue vase with cranes", 6, dir.resolve("d-pretrained"), log);
      assertThat(pretrained.embedderInfo().provider()).isEqualTo("mobilenetv2-imagenet");
      assertThat(pretrained.embedderInfo().settings()).containsEntry("alpha", "white");
      assertThat(buffer.toString(StandardCharsets.UTF_8)).startsWith("model: mobilenetv2-imagenet (MobileNetV2 ImageNet features of block 10")
          .contains("image embedder: mobilenetv2-imagenet").contains("no CLIP model: the search below is over the catalogue text, not the images");
      assertThat(r.textToImage()).isFalse();
      assertThat(r.clusters().clusters()).hasSize(6);
      assertThat(ImageIO.read(r.map().toFile())).isNotNull();
      assertThat(r.uniquenessPerArtist()).hasSize(12);
    }
  }

  @Test
  void dStyleAnalysis() throws Exception {
    var r = StyleAnalysis.run(art, "a blue vase with cranes", 6, dir.resolve("d"), LOG);
    assertThat(r.search()).isNotEmpty();
    assertThat(r.clusters().clusters()).hasSize(6);
    assertThat(ImageIO.read(r.map().toFile())).isNotNull();
    assertThat(r.mostUnique().get(0).score()).isEqualTo(1.0);
    assertThat(r.leastUnique().get(0).score()).isLessThan(r.mostUnique().get(4).score());
    assertThat(r.uniquenessPerArtist()).hasSize(12);
    assertThat(r.qualityPerStyle()).containsOnlyKeys("ceramics", "painting", "print", "textile");
    // ceramics are drawn on a lightened ground, so they are brighter on average than paintings
    assertThat(r.qualityPerStyle().get("ceramics")[0]).isGreaterThan(r.qualityPerStyle().get("painting")[0]);
  }

  @Test
  void dStyleAnalysisWithClipSearchesImagesByText() throws Exception {
    Path clip = Path.of("../artsim-embed/src/test/resources/fixtures/clip").toAbsolutePath().normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(clip.resolve("vision_model.onnx")), "artsim-embed's tiny CLIP fixture is not in this checkout");
    var config = TestProviders.config().withEmbedder(ProviderSettings.of("clip", java.util.Map.of(
        "vision_model", clip.resolve("vision_model.onnx").toString(),
        "text_model", clip.resolve("text_model.onnx").toString(),
        "tokenizer", clip.resolve("tokenizer.json").toString())));
    try (var clipArt = ArtCollection.create(config)) {
      clipArt.ingest(dir.resolve("data/catalogue.csv"), org.artsim.collection.ingest.IngestOptions.of(org.artsim.collection.ingest.ColumnMapping.standard())
          .withCheckpointDir(dir.resolve("d-clip-ckpt")));
      var r = StyleAnalysis.run(clipArt, "a blue vase with cranes", 4, dir.resolve("d-clip"), LOG);
      assertThat(r.textToImage()).isTrue();
      assertThat(r.search()).hasSize(5);
      assertThat(r.clusters().clusters()).hasSize(4);
    }
  }

  @Test
  void eCurationFindsTheGeneratedCopiesAndExports() throws Exception {
    var copies = art.records().stream().filter(x -> x.fields().containsKey("copy_of")).toList();
    assertThat(copies).hasSizeGreaterThanOrEqualTo(5);
    double threshold = 0;
    for (CatalogueRecord copy : copies) {
      assertThat(art.similarTo(copy.id(), 1)).extracting(Hit::id).containsExactly(copy.fields().get("copy_of"));
      threshold = Math.max(threshold, 1 - art.similarTo(copy.id(), 1).get(0).score());
    }
    var r = Curation.run(art, List.of("w-0001", "w-0002"), 8, threshold * 1.01 + 1e-6, dir.resolve("e"), LOG);
    assertThat(r.neighbourhoods().get("w-0001")).hasSize(5);
    assertThat(r.clusters().clusters()).hasSize(8);
    for (CatalogueRecord copy : copies) {
      String original = copy.fields().get("copy_of");
      assertThat(r.duplicates()).as(copy.id()).anySatisfy(g -> {
        var members = new java.util.ArrayList<>(g.duplicates());
        members.add(g.kept());
        assertThat(members).contains(copy.id(), original);
      });
    }
    assertThat(Files.readAllLines(r.projector().resolve("metadata.tsv"))).hasSize(art.size() + 1);
  }
}
