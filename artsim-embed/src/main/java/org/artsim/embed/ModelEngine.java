package org.artsim.embed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Deep Java Library engine that runs a model. {@link #AUTO} picks by the model's file: {@code
 * .pt}/{@code .pth}/{@code .torchscript} is PyTorch (TorchScript), {@code .onnx} is ONNX Runtime,
 * a directory holding {@code saved_model.pb} is TensorFlow.
 */
public enum ModelEngine {
  /** Choose from the model file. */
  AUTO(null),
  /** DJL's PyTorch engine (libtorch 2.5.1; CPU, or CUDA 12.4 with the {@code cuda} Maven profile). */
  PYTORCH("PyTorch"),
  /** DJL's ONNX Runtime engine (1.20.0, CPU). */
  ONNX("OnnxRuntime"),
  /** DJL's TensorFlow engine (TensorFlow 2.16.1 through tensorflow-core-native, CPU). */
  TENSORFLOW("TensorFlow");

  private final String djlName;

  ModelEngine(String djlName) {
    this.djlName = djlName;
  }

  /** DJL's engine name ({@code "PyTorch"}...); null for {@link #AUTO}. */
  public String djlName() {
    return djlName;
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
}
