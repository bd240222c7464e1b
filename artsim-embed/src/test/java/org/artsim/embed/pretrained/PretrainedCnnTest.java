package org.artsim.embed.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.Device;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.ModelLoadException;
import org.artsim.embed.Fixtures;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pretrained presets through artsim's DJL CNN path against Python torch's output of the same
 * TorchScript on the same committed images (written by {@code ./artsim models}).
 */
class PretrainedCnnTest {

  static float[] referenceRows(Path dir, PretrainedCnn preset) throws IOException {
    var b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(preset.presetName()).resolve("reference.f32"))).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  static List<ImageSource> images() {
    var out = new ArrayList<ImageSource>();
    for (String n : Fixtures.IMAGES) {
      out.add(ImageSource.of(Fixtures.path("images/" + n)));
    }
    return out;
  }

  static double worstDiff(PretrainedCnnConfig config) throws IOException {
    float[] ref = referenceRows(config.modelsDir(), config.preset());
    int dim = config.preset().dimension();
    assertThat(ref.length).isEqualTo(dim * Fixtures.IMAGES.length);
    try (var e = (ImageEmbedder) provider(config.preset()).create(config)) {
      assertThat(e.dimension()).isEqualTo(dim);
      var results = e.embedImages(images());
      double worst = 0;
      for (int i = 0; i < Fixtures.IMAGES.length; i++) {
        worst = Math.max(worst, Fixtures.maxAbsDiff(results.get(i).vectorOrThrow(), Fixtures.unitRow(ref, dim, i)));
      }
      System.out.printf("%s %s vs Python torch: max abs diff %.3g (L2-normalised)%n", config.provider(), config.format(), worst);
      return worst;
    }
  }

  /** The preset's provider as {@link java.util.ServiceLoader} finds it. */
  static PretrainedCnnProvider provider(PretrainedCnn preset) {
    return (PretrainedCnnProvider) ProviderRegistry.of(EmbedderProvider.class).get(preset.presetName());
  }

  @ParameterizedTest
  @EnumSource(PretrainedCnn.class)
  void torchScriptAndOnnxMatchPythonTorchOnTheCommittedImages(PretrainedCnn preset) throws IOException {
    Path dir = MadeModels.require(preset);
    var config = PretrainedCnnConfig.of(preset).withModelsDir(dir).withBatchSize(2);
    assertThat(worstDiff(config)).isLessThanOrEqualTo(1e-4);
    assertThat(worstDiff(config.withFormat(ModelFormat.ONNX))).isLessThanOrEqualTo(1e-4);
  }

  @Test
  void aMissingModelIsAModelLoadExceptionNamingTheMakeCommand(@TempDir Path empty) {
    var config = PretrainedCnnConfig.of(PretrainedCnn.INCEPTIONV3).withModelsDir(empty);
    assertThatThrownBy(() -> Artsim.embedder(config))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("inceptionv3: no model at " + empty.resolve("inceptionv3").resolve("inceptionv3.pt"))
        .hasMessageContaining("./artsim models");
  }

  @Test
  void aModelWithoutItsManifestIsNotTaken(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("mobilenetv2"));
    Files.write(dir.resolve("mobilenetv2").resolve("mobilenetv2.onnx"), new byte[] {1, 2, 3});
    var config = PretrainedCnnConfig.of(PretrainedCnn.MOBILENETV2).withModelsDir(dir).withFormat(ModelFormat.ONNX);
    assertThatThrownBy(() -> new PretrainedCnnProvider.MobileNetV2().create(config))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("./artsim models");
  }

  @ParameterizedTest
  @EnumSource(PretrainedCnn.class)
  void theSettingsAnEmbedderRecordsParseBackWithoutAModel(PretrainedCnn preset) {
    var recorded = new java.util.HashMap<>(preset.preprocessing().describe());
    recorded.put("output", "0");
    recorded.put("alpha", "white");
    var c = PretrainedCnnConfig.parse(preset, recorded);
    assertThat(c.limits().alpha()).isEqualTo(org.artsim.embed.image.AlphaMode.WHITE);
    assertThat(c.preset()).isEqualTo(preset);
  }

  @Test
  void aSavedCollectionsEmbedderInfoRecordsAlphaAndMakesTheSameEmbedderAgain() {
    PretrainedCnn preset = PretrainedCnn.MOBILENETV2_IMAGENET;
    Path dir = MadeModels.require(preset);
    var p = provider(preset);
    try (var white = p.create(p.parse(Map.of("alpha", "white", "models_dir", dir.toString())))) {
      assertThat(white.info().settings()).containsEntry("alpha", "white").containsEntry("image_size", "224");
      // what ArtCollection.load does: the saved settings name the provider's settings
      var saved = new java.util.HashMap<>(white.info().settings());
      saved.put("models_dir", dir.toString());
      try (var again = p.create(p.parse(saved))) {
        assertThat(again.info()).isEqualTo(white.info());
      }
      try (var drop = p.create(p.parse(Map.of("models_dir", dir.toString())))) {
        assertThat(drop.info().settings()).doesNotContainKey("alpha");
        assertThat(drop.info().compatibleWith(white.info())).isFalse();
      }
    }
  }

  @Test
  void presetsAreListedWithTheirFacts() {
    var names = ProviderRegistry.of(EmbedderProvider.class).names();
    assertThat(names).contains("mobilenetv2", "mobilenetv2-imagenet", "inceptionv3");
    assertThat(PretrainedCnn.INCEPTIONV3.preprocessing().size()).isEqualTo(299);
    assertThat(PretrainedCnn.MOBILENETV2.preprocessing().crop()).isFalse();
    assertThat(PretrainedCnn.MOBILENETV2.preprocessing().mean()).containsExactly(0f, 0f, 0f);
    assertThat(PretrainedCnn.MOBILENETV2.preprocessing().std()).containsExactly(1f, 1f, 1f);
    assertThat(PretrainedCnn.byName("mobilenetv2-imagenet")).isEqualTo(PretrainedCnn.MOBILENETV2_IMAGENET);
    assertThat(PretrainedCnn.byName("resnet50")).isNull();
  }

  @Test
  void settingsParseAndBadOnesAreConfigExceptions(@TempDir Path dir) {
    var p = new PretrainedCnnProvider.MobileNetV2ImageNet();
    var c = p.parse(Map.of("models_dir", dir.toString(), "format", "onnx", "batch_size", "4"));
    assertThat(c.provider()).isEqualTo("mobilenetv2-imagenet");
    assertThat(c.modelsDir()).isEqualTo(dir);
    assertThat(c.format()).isEqualTo(ModelFormat.ONNX);
    assertThat(c.batchSize()).isEqualTo(4);
    assertThatThrownBy(() -> p.parse(Map.of("format", "tflite")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("setting 'format' is 'tflite'");
    assertThatThrownBy(() -> p.parse(Map.of("image_size", "300")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("mobilenetv2-imagenet: image_size is fixed by the preset at '224', got '300'; use the cnn provider with model=<file> for other preprocessing");
    assertThatThrownBy(() -> p.parse(Map.of("output", "logits")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("output is fixed by the preset at '0', got 'logits'");
    assertThatThrownBy(() -> p.parse(Map.of("layer", "x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting [layer]");
    assertThatThrownBy(() -> p.parse(Map.of("batch_size", "-1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("batch_size must be in [0, 4096]");
    assertThatThrownBy(() -> p.defaults().withFormat(ModelFormat.ONNX).withDevice(Device.gpu(0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("format onnx runs on the CPU only");
    assertThatThrownBy(() -> p.defaults().withModelsDir(null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("models_dir is null");
  }
}
