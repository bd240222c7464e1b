package org.artsim.embed.djl;

import java.nio.file.Path;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;

/**
 * Runs in a child JVM started by {@link EnginelessClassPathTest} on a class path without any DJL
 * engine: prints the engines DJL finds, what the {@code color} embedder gives, and the error of
 * each model-backed embedder (one line per case: {@code case -> ExceptionType: message}).
 */
public final class EnginelessProbe {
  private EnginelessProbe() {}

  public static void main(String[] args) {
    Path fixtures = Path.of(args[0]);
    System.out.println("engines " + DjlEngines.available());
    try (var color = (ImageEmbedder) Artsim.embedder("color")) {
      System.out.println("color " + color.embedImage(ImageSource.of(fixtures.resolve("images/landscape.png"))).length);
    }
    attempt("pt", "cnn", Map.of("model", fixtures.resolve("cnn/tiny_resnet.pt").toString()));
    attempt("onnx", "cnn", Map.of("model", fixtures.resolve("cnn/tiny_resnet.onnx").toString()));
    attempt("tf", "cnn", Map.of("model", fixtures.resolve("tf/savedmodel").toString()));
    attempt("named", "cnn", Map.of("model", fixtures.resolve("cnn/tiny_resnet.pt").toString(), "engine", "MXNet"));
    attempt("minilm", "minilm", Map.of());
    attempt("clip", "clip", Map.of("model", fixtures.resolve("clip/tiny_clip.pt").toString()));
  }

  private static void attempt(String label, String provider, Map<String, String> settings) {
    try (var e = Artsim.embedder(provider, settings)) {
      System.out.println(label + " -> loaded " + e.info());
    } catch (Throwable t) {
      System.out.println(label + " -> " + t.getClass().getName() + ": " + t.getMessage());
    }
  }
}
