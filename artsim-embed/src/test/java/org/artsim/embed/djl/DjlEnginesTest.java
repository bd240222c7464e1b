package org.artsim.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ModelLoadException;
import org.artsim.embed.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Any engine DJL finds can be named. The exact set depends on the class path (DJL's tokenizers
 * register a "Rust" engine, for one), so only the engines this module's tests add are asserted.
 */
class DjlEnginesTest {

  @Test
  void theTestEnginesAreFoundAmongOthers() {
    assertThat(DjlEngines.available()).contains("PyTorch", "OnnxRuntime", "TensorFlow");
  }

  @Test
  void namesAreMatchedIgnoringCase() {
    assertThat(DjlEngines.require("cnn", "pytorch")).isEqualTo("PyTorch");
    assertThat(DjlEngines.require("cnn", "ONNXRUNTIME")).isEqualTo("OnnxRuntime");
  }

  @Test
  void anEngineOutsideTheKnownThreeIsPassedToDjl() {
    String other = DjlEngines.available().stream()
        .filter(n -> !n.equals("PyTorch") && !n.equals("OnnxRuntime") && !n.equals("TensorFlow"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("expected DJL's tokenizers to register another engine"));
    assertThatThrownBy(() -> Artsim.embedder("cnn", Map.of("model", Fixtures.path("cnn/tiny_resnet.pt").toString(), "engine", other.toLowerCase())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith("cnn: cannot load '" + Fixtures.path("cnn/tiny_resnet.pt") + "' with " + other + " (");
  }
}
