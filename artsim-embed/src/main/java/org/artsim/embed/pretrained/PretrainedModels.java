package org.artsim.embed.pretrained;

import java.nio.file.Files;
import java.nio.file.Path;
import org.artsim.ModelLoadException;

/**
 * Where {@code ./artsim models} puts the pretrained models, and the typed error when one is not
 * there: {@code <dir>/<preset>/<preset>.pt|.onnx} beside a {@code manifest.json}, with {@code dir}
 * from {@code $ARTSIM_MODELS_DIR}, else {@code ~/.cache/artsim/models}.
 */
public final class PretrainedModels {
  /** The environment variable that moves the models directory. */
  public static final String DIR_VARIABLE = "ARTSIM_MODELS_DIR";
  /** The command that makes the models, named in every missing-model message. */
  public static final String MAKE_COMMAND = "./artsim models";

  private PretrainedModels() {}

  /** {@code $ARTSIM_MODELS_DIR} when set and not blank, else {@code ~/.cache/artsim/models}. */
  public static Path defaultDirectory() {
    String env = System.getenv(DIR_VARIABLE);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "artsim", "models");
  }

  /**
   * The model file of a preset in {@code dir}.
   *
   * @throws ModelLoadException naming the missing file and {@value #MAKE_COMMAND} when the model
   *     or its manifest is not there
   */
  public static Path file(PretrainedCnn preset, Path dir, ModelFormat format) {
    Path folder = dir.resolve(preset.presetName());
    Path model = folder.resolve(preset.presetName() + format.extension());
    if (!Files.isRegularFile(model) || !Files.isRegularFile(folder.resolve("manifest.json"))) {
      throw new ModelLoadException(preset.presetName() + ": no model at " + model + "; make it with `" + MAKE_COMMAND
          + "` (needs apt-get install python3-torch python3-onnx python3-pil nodejs npm; set " + DIR_VARIABLE + " or models_dir to use another directory)");
    }
    return model;
  }
}
