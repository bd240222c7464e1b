package org.artsim.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.Device;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.ModelLoadException;
import org.artsim.embed.CnnConfig;
import org.artsim.embed.Fixtures;
import org.artsim.embed.ModelEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parity of the CNN embedder with the Python reference, per engine, through the user's code path. */
class CnnEmbedderTest {
  static final int DIM = 16;

  static List<ImageSource> images() {
    var out = new ArrayList<ImageSource>();
    for (String n : Fixtures.IMAGES) {
      out.add(ImageSource.of(Fixtures.path("images/" + n)));
    }
    return out;
  }

  static void assertParity(ImageEmbedder e, String expectedFile) {
    float[] expected = Fixtures.floats(expectedFile);
    var results = e.embedImages(images());
    double worst = 0;
    for (int i = 0; i < Fixtures.IMAGES.length; i++) {
      float[] want = Fixtures.unitRow(expected, DIM, i);
      worst = Math.max(worst, Fixtures.maxAbsDiff(results.get(i).vectorOrThrow(), want));
      worst = Math.max(worst, Fixtures.maxAbsDiff(e.embedImage(images().get(i)), want));
    }
    System.out.printf("%s vs torch 1.13 (%s): max abs diff %.3g%n", e, expectedFile, worst);
    assertThat(worst).isLessThanOrEqualTo(1e-4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cnn/tiny_resnet.pt", "cnn/tiny_resnet.onnx"})
  void matchesThePythonReferenceOnEveryEngine(String file) {
    var config = CnnConfig.defaults().withModel(Fixtures.path(file)).withBatchSize(2);
    try (var e = (ImageEmbedder) Artsim.embedder(config)) {
      assertThat(e.dimension()).isEqualTo(DIM);
      assertParity(e, "cnn/expected.f32");
    }
  }

  @Test
  void tensorFlowSavedModelMatchesTheReference() {
    var config = CnnConfig.defaults().withModel(Fixtures.path("tf/savedmodel")).withNames("", "y");
    try (var e = (ImageEmbedder) Artsim.embedder(config)) {
      assertThat(e.toString()).contains("engine=TensorFlow");
      float[] expected = Fixtures.floats("tf/expected.f32");
      var results = e.embedImages(images());
      double worst = 0;
      for (int i = 0; i < Fixtures.IMAGES.length; i++) {
        worst = Math.max(worst, Fixtures.maxAbsDiff(results.get(i).vectorOrThrow(), Fixtures.unitRow(expected, 8, i)));
      }
      System.out.printf("%s vs numpy reference: max abs diff %.3g%n", e, worst);
      assertThat(worst).isLessThanOrEqualTo(1e-4);
    }
  }

  @Test
  void noCropPreprocessingFromStringSettingsAndAClasspathModel() {
    var settings = Map.of("model", "classpath:fixtures/cnn/tiny_resnet.onnx", "crop", "false", "engine", "onnx", "device", "cpu", "output", "features");
    try (var e = (ImageEmbedder) Artsim.embedder("cnn", settings)) {
      assertThat(e.info().settings()).containsEntry("crop", "false").containsEntry("output", "features");
      assertParity(e, "cnn/expected_nocrop.f32");
    }
  }

  @Test
  void loadsFromAUrlOnceIntoTheCache(@TempDir Path cache) throws Exception {
    byte[] onnx = Files.readAllBytes(Fixtures.path("cnn/tiny_resnet.onnx"));
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int[] hits = {0};
    server.createContext("/models/tiny.onnx", ex -> {
      hits[0]++;
      ex.sendResponseHeaders(200, onnx.length);
      ex.getResponseBody().write(onnx);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/models/tiny.onnx";
      var config = CnnConfig.parse(CnnConfig.CNN, Map.of("model", url, "cache_dir", cache.toString()));
      for (int round = 0; round < 2; round++) {
        try (var e = (ImageEmbedder) Artsim.embedder(config)) {
          assertParity(e, "cnn/expected.f32");
        }
      }
      assertThat(hits[0]).isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void presetsCheckTheModelDimension() {
    var config = CnnConfig.of(CnnConfig.RESNET50).withModel(Fixtures.path("cnn/tiny_resnet.onnx"));
    assertThatThrownBy(() -> Artsim.embedder(config))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("resnet50: the model gives 16-d vectors but dimension is 2048; point model at a resnet50 feature extractor, pick the right output, or set dimension=0");
    try (var e = Artsim.embedder(config.withDimension(0))) {
      assertThat(e.info().provider()).isEqualTo("resnet50");
    }
    assertThat(Artsim.available().get("Embedder")).contains("cnn", "resnet50", "vgg16", "inception", "color");
    assertThat(new CnnEmbedderProvider.Inception().defaults().preprocessing().size()).isEqualTo(299);
    assertThat(new CnnEmbedderProvider.Vgg16().defaults().dimension()).isEqualTo(4096);
  }

  @Test
  void badModelsAndSettingsFailWithMessages(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Artsim.embedder("cnn"))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("cnn: no model configured; set model to a local file or directory, classpath:<resource> or an https:// URL");
    assertThatThrownBy(() -> Artsim.embedder("cnn", Map.of("model", "/no/such/model.pt")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("cnn: model '/no/such/model.pt' does not exist; set model to a .pt or .onnx file, a SavedModel directory, classpath:<resource> or an https:// URL");
    assertThatThrownBy(() -> Artsim.embedder("cnn", Map.of("model", "classpath:nope.onnx")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cnn: no resource 'nope.onnx' on the classpath");
    Path weird = Files.write(dir.resolve("model.bin"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Artsim.embedder("cnn", Map.of("model", weird.toString())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("cnn: cannot tell the engine for '" + weird + "'; name it with engine=pytorch|onnx|tensorflow (or another DJL engine), or use a .pt/.onnx file or a SavedModel directory");
    Path broken = Files.write(dir.resolve("broken.onnx"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Artsim.embedder("cnn", Map.of("model", broken.toString())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cnn: cannot load '" + broken + "' with OnnxRuntime (");
    var noOutput = CnnConfig.defaults().withModel(Fixtures.path("cnn/tiny_resnet.onnx")).withNames("", "logits");
    assertThatThrownBy(() -> Artsim.embedder(noOutput))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("the model has no output 'logits'; its outputs are [features]");
    assertThatThrownBy(() -> CnnConfig.parse(CnnConfig.CNN, Map.of("device", "tpu")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cnn: setting 'device' is 'tpu'; it must be cpu, gpu or gpu:N");
    assertThatThrownBy(() -> CnnConfig.parse(CnnConfig.CNN, Map.of("engine", "no engine")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cnn: setting 'engine' is 'no engine'; it must be auto, pytorch, onnx, tensorflow or the name of another DJL engine on the class path");
    assertThatThrownBy(() -> Artsim.embedder("cnn", Map.of("model", Fixtures.path("cnn/tiny_resnet.pt").toString(), "engine", "Caffe")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cnn: the DJL engine Caffe is not on the class path; add a jar that registers the DJL engine 'Caffe'")
        .hasMessageContaining("PyTorch")
        .hasMessageContaining("OnnxRuntime")
        .hasMessageContaining("TensorFlow");
    assertThatThrownBy(() -> CnnConfig.parse(CnnConfig.CNN, Map.of("modle", "x.pt")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cnn: unknown setting [modle]");
  }

  @Test
  void aGpuThatIsNotThereIsAModelLoadError() {
    var config = CnnConfig.defaults().withModel(Fixtures.path("cnn/tiny_resnet.onnx")).withEngine(ModelEngine.ONNX).withDevice(Device.gpu(7));
    assertThatThrownBy(() -> Artsim.embedder(config))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cnn: device gpu:7 asked for, but the OnnxRuntime engine sees ");
  }

  @Test
  void aBatchWithBadImagesKeepsTheGoodOnes() {
    var list = new ArrayList<>(images());
    list.add(1, new ImageSource.OfBytes(new byte[] {1, 2, 3}, "junk"));
    var config = CnnConfig.defaults().withModel(Fixtures.path("cnn/tiny_resnet.onnx")).withBatchSize(2);
    try (var e = (ImageEmbedder) Artsim.embedder(config)) {
      var r = e.embedImages(list);
      assertThat(r).extracting(EmbeddingResult::ok).containsExactly(true, false, true, true);
      assertThat(r.get(1).error()).hasMessageStartingWith("junk: not an image");
      assertThat(r.get(2).vector()).containsExactly(e.embedImage(list.get(2)));
    }
  }
}
