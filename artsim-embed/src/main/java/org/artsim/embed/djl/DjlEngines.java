package org.artsim.embed.djl;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.artsim.ModelLoadException;

/**
 * Which Deep Java Library engines are on the class path, and which artsim artifact brings each
 * known one. artsim-embed depends on DJL's engine-neutral API only; an engine arrives with its own
 * artifact ({@code org.artsim:artsim-engine-pytorch}, {@code -pytorch-cuda}, {@code -onnx}, {@code
 * -tensorflow}) or with any other jar that registers a DJL {@code EngineProvider}. Public for the
 * module's other DJL embedders; the package is not exported.
 *
 * <p>{@link #require} turns a missing engine into a {@link ModelLoadException} naming the artifact
 * to add, before DJL is asked to load anything. Stateless and thread-safe; {@link
 * DjlEnvironment#ensureOffline()} runs before DJL's engine registry is first touched.
 */
public final class DjlEngines {
  /** The artsim artifact (Maven coordinates, type pom) that brings each engine artsim knows. */
  static final Map<String, String> ARTIFACTS = Map.of(
      "pytorch", "org.artsim:artsim-engine-pytorch (or org.artsim:artsim-engine-pytorch-cuda for an NVIDIA GPU)",
      "onnxruntime", "org.artsim:artsim-engine-onnx",
      "tensorflow", "org.artsim:artsim-engine-tensorflow");

  /** DJL's class for the HF tokenizers, shipped by the PyTorch and ONNX engine artifacts. */
  static final String TOKENIZER_CLASS = "ai.djl.huggingface.tokenizers.HuggingFaceTokenizer";

  private DjlEngines() {}

  /** The names of every engine DJL finds on the class path ({@code PyTorch}, {@code OnnxRuntime}...), sorted. */
  public static Set<String> available() {
    DjlEnvironment.ensureOffline();
    return new TreeSet<>(ai.djl.engine.Engine.getAllEngines());
  }

  /**
   * DJL's own spelling of the engine named {@code name} (matched ignoring case).
   *
   * @throws ModelLoadException if DJL finds no such engine; the message names the artifact to add
   *     for a known engine and lists the engines found
   */
  public static String require(String component, String name) {
    Set<String> found = available();
    for (String f : found) {
      if (f.equalsIgnoreCase(name)) {
        return f;
      }
    }
    String artifact = ARTIFACTS.get(name.toLowerCase(Locale.ROOT));
    String remedy = artifact != null
        ? "add the dependency " + artifact + " with <type>pom</type> beside org.artsim:artsim-embed"
        : "add a jar that registers the DJL engine '" + name + "', or choose one of the engines found";
    throw new ModelLoadException(component + ": the DJL engine " + name + " is not on the class path; " + remedy
        + " (engines found: " + (found.isEmpty() ? "none" : String.join(", ", found)) + ")");
  }

  /**
   * Checks that DJL's HF tokenizers are on the class path (clip needs them).
   *
   * @throws ModelLoadException naming the artifacts that bring them
   */
  public static void requireTokenizers(String component) {
    try {
      Class.forName(TOKENIZER_CLASS, false, DjlEngines.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ModelLoadException(component + ": DJL's HF tokenizers (ai.djl.huggingface:tokenizers) are not on the class path; add the dependency "
          + "org.artsim:artsim-engine-pytorch or org.artsim:artsim-engine-onnx (type pom), which bring them", e);
    }
  }
}
