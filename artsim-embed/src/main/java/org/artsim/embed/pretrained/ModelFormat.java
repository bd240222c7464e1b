package org.artsim.embed.pretrained;

/** Which of the two files {@code ./artsim models} makes per preset is loaded, and so which engine runs it. */
public enum ModelFormat {
  /** {@code <preset>.pt}, run by DJL's PyTorch engine. */
  TORCHSCRIPT(".pt"),
  /** {@code <preset>.onnx}, run by DJL's ONNX Runtime engine. */
  ONNX(".onnx");

  private final String extension;

  ModelFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension, with its dot. */
  public String extension() {
    return extension;
  }
}
