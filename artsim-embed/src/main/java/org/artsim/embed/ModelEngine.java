package org.artsim.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.artsim.ConfigException;

/**
 * The Deep Java Library engine that runs a model, by DJL's engine name: any engine DJL finds on
 * the class path can be named ({@code new ModelEngine("MyEngine")} or the setting {@code
 * engine=MyEngine}); the constants name the engines artsim ships artifacts for. Whether the engine
 * is really there is checked when a model loads, with an error naming the artifact to add.
 *
 * <p>{@link #AUTO} picks by the model's file: {@code .pt}/{@code .pth}/{@code .torchscript}/{@code
 * .ts} is PyTorch (TorchScript), {@code .onnx} is ONNX Runtime, a directory holding {@code
 * saved_model.pb} is TensorFlow. The short names {@code pytorch}, {@code onnx}, {@code onnxruntime},
 * {@code tensorflow} and {@code auto} are accepted in any case and become the constants; other
 * names are kept as given (DJL's names are matched ignoring case when the model loads).
 *
 * @param name DJL's engine name ({@code PyTorch}, {@code OnnxRuntime}, {@code TensorFlow}...), or
 *     {@code auto}
 */
public record ModelEngine(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.+-]{0,63}");

  /** Choose from the model file. */
  public static final ModelEngine AUTO = new ModelEngine("auto");
  /** DJL's PyTorch engine: artifact {@code org.artsim:artsim-engine-pytorch} (CPU) or {@code -pytorch-cuda}. */
  public static final ModelEngine PYTORCH = new ModelEngine("PyTorch");
  /** DJL's ONNX Runtime engine: artifact {@code org.artsim:artsim-engine-onnx}. */
  public static final ModelEngine ONNX = new ModelEngine("OnnxRuntime");
  /** DJL's TensorFlow engine: artifact {@code org.artsim:artsim-engine-tensorflow}. */
  public static final ModelEngine TENSORFLOW = new ModelEngine("TensorFlow");

  /** Checks the name and spells the known engines as DJL does. */
  public ModelEngine {
    if (name == null || !NAME.matcher(name.trim()).matches()) {
      throw new ConfigException("engine '" + name + "' is not an engine name; use auto, pytorch, onnx, tensorflow or the name of a DJL engine on the class path");
    }
    name = canonical(name.trim());
  }

  private static String canonical(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "auto" -> "auto";
      case "pytorch" -> "PyTorch";
      case "onnx", "onnxruntime" -> "OnnxRuntime";
      case "tensorflow" -> "TensorFlow";
      default -> name;
    };
  }

  /** The engine named {@code name} (as the {@code engine} setting reads it). */
  public static ModelEngine of(String name) {
    return new ModelEngine(name);
  }

  /** Whether the engine is chosen from the model file. */
  public boolean isAuto() {
    return this.equals(AUTO);
  }

  /** DJL's engine name ({@code "PyTorch"}...); null for {@link #AUTO}. */
  public String djlName() {
    return isAuto() ? null : name;
  }

  /** The engine for a model file or directory (never {@link #AUTO}); null if it cannot tell. */
  public static ModelEngine detect(Path model) {
    if (Files.isDirectory(model)) {
      if (Files.exists(model.resolve("saved_model.pb"))) {
        return TENSORFLOW;
      }
      return null;
    }
    String n = model.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".onnx")) {
      return ONNX;
    }
    if (n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".torchscript") || n.endsWith(".ts")) {
      return PYTORCH;
    }
    return null;
  }

  @Override
  public String toString() {
    return name;
  }
}
