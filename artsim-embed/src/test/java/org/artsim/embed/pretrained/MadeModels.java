package org.artsim.embed.pretrained;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The models {@code ./artsim models} made, for tests: a test that needs them skips with the command
 * to run when they are missing, except under CI ({@code CI=true}), where a missing model fails.
 */
final class MadeModels {
  private MadeModels() {}

  /** The models directory holding {@code preset}'s reference; skips (or fails under CI) if absent. */
  static Path require(PretrainedCnn preset) {
    Path dir = PretrainedModels.defaultDirectory();
    Path ref = dir.resolve(preset.presetName()).resolve("reference.f32");
    if (!Files.isRegularFile(ref)) {
      String message = preset.presetName() + ": no made model in " + dir + " (missing " + ref + "); run `apt-get install python3-torch python3-onnx python3-pil nodejs npm` then `./artsim models`";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true: " + message);
      }
      Assumptions.abort(message);
    }
    return dir;
  }
}
