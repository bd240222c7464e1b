package org.artsim.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelEngine} is open: any DJL engine name, with the known ones spelled as DJL does. */
class ModelEngineTest {

  @Test
  void knownShortNamesBecomeTheConstantsInAnyCase() {
    assertThat(ModelEngine.of("pytorch")).isEqualTo(ModelEngine.PYTORCH);
    assertThat(ModelEngine.of(" PYTORCH ")).isEqualTo(ModelEngine.PYTORCH);
    assertThat(ModelEngine.of("onnx")).isEqualTo(ModelEngine.ONNX);
    assertThat(ModelEngine.of("OnnxRuntime")).isEqualTo(ModelEngine.ONNX);
    assertThat(ModelEngine.of("tensorflow")).isEqualTo(ModelEngine.TENSORFLOW);
    assertThat(ModelEngine.of("Auto")).isEqualTo(ModelEngine.AUTO);
    assertThat(ModelEngine.AUTO.djlName()).isNull();
    assertThat(ModelEngine.PYTORCH.djlName()).isEqualTo("PyTorch");
    assertThat(ModelEngine.ONNX.djlName()).isEqualTo("OnnxRuntime");
    assertThat(ModelEngine.TENSORFLOW.djlName()).isEqualTo("TensorFlow");
  }

  @Test
  void anyOtherEngineNameIsKeptAsGiven() {
    var rust = ModelEngine.of("Rust");
    assertThat(rust.djlName()).isEqualTo("Rust");
    assertThat(rust.isAuto()).isFalse();
    assertThat(CnnConfig.parse(CnnConfig.CNN, Map.of("engine", "MyEngine")).engine()).isEqualTo(new ModelEngine("MyEngine"));
  }

  @Test
  void malformedNamesAreConfigErrors() {
    for (String bad : new String[] {"", " ", "two words", "1abc", "a/b", "x".repeat(65)}) {
      assertThatThrownBy(() -> ModelEngine.of(bad)).as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("engine '" + bad + "' is not an engine name; use auto, pytorch, onnx, tensorflow");
    }
    assertThatThrownBy(() -> ModelEngine.of(null)).isInstanceOf(ConfigException.class).hasMessageStartingWith("engine 'null' is not an engine name");
  }

  @Test
  void clipTakesOnlyTheEnginesItHasCodeFor() {
    assertThatThrownBy(() -> ClipConfig.parse(Map.of("engine", "tensorflow")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("clip: engine must be auto, pytorch or onnx, got TensorFlow");
    assertThat(ClipConfig.parse(Map.of("engine", "onnx")).engine()).isEqualTo(ModelEngine.ONNX);
  }

  @Test
  void detectsByFile(@TempDir Path dir) throws Exception {
    assertThat(ModelEngine.detect(Path.of("m.PT"))).isEqualTo(ModelEngine.PYTORCH);
    assertThat(ModelEngine.detect(Path.of("m.onnx"))).isEqualTo(ModelEngine.ONNX);
    assertThat(ModelEngine.detect(dir)).isNull();
    Files.write(dir.resolve("saved_model.pb"), new byte[] {0});
    assertThat(ModelEngine.detect(dir)).isEqualTo(ModelEngine.TENSORFLOW);
    assertThat(ModelEngine.detect(Path.of("m.bin"))).isNull();
  }
}
