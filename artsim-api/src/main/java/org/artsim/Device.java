package org.artsim;

import java.util.Locale;

/**
 * Where a model runs: {@code cpu} or {@code gpu:N}. {@link #toString()} prints the form {@link
 * #parse} accepts.
 */
public record Device(Type type, int index) {
  /** The kind of processor. */
  public enum Type {
    /** The host processor. */
    CPU,
    /** An accelerator (CUDA GPU), numbered from 0. */
    GPU
  }

  /** Validates the index. */
  public Device {
    if (type == null) {
      throw new InvalidArgumentException("device type is null; use Device.cpu() or Device.gpu(0)");
    }
    if (index < 0 || (type == Type.CPU && index != 0)) {
      throw new InvalidArgumentException("device index " + index + " is not valid for " + type + "; use cpu or gpu:N with N >= 0");
    }
  }

  /** The host processor. */
  public static Device cpu() {
    return new Device(Type.CPU, 0);
  }

  /** GPU number {@code index}. */
  public static Device gpu(int index) {
    return new Device(Type.GPU, index);
  }

  /**
   * Parses {@code cpu}, {@code gpu} (meaning {@code gpu:0}) or {@code gpu:N}, ignoring case.
   *
   * @throws ConfigException for anything else
   */
  public static Device parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("cpu")) {
      return cpu();
    }
    if (t.equals("gpu")) {
      return gpu(0);
    }
    if (t.startsWith("gpu:") || t.startsWith("gpu(")) {
      String n = t.substring(4).replace(")", "");
      try {
        return gpu(Integer.parseInt(n));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new ConfigException("unknown device '" + text + "'; use cpu, gpu or gpu:N");
  }

  /** Whether this is the host processor. */
  public boolean isCpu() {
    return type == Type.CPU;
  }

  @Override
  public String toString() {
    return type == Type.CPU ? "cpu" : "gpu:" + index;
  }
}
