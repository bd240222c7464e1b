package org.artsim.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.artsim.embed.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * artsim-embed on a class path without any DJL engine, as a user who depends on artsim-embed alone
 * gets it: the {@code color} embedder works, and asking for a model-backed embedder gives a {@link
 * org.artsim.ModelLoadException} naming the artifact to add (never a {@code NoClassDefFoundError}).
 * Runs in a child JVM whose class path is this test's minus every engine, native and tokenizer jar.
 */
class EnginelessClassPathTest {
  static final List<String> ENGINE_JARS = List.of(
      "/ai/djl/pytorch/", "/ai/djl/onnxruntime/", "/ai/djl/tensorflow/", "/ai/djl/huggingface/", "/com/microsoft/onnxruntime/", "/org/tensorflow/", "/org/bytedeco/");

  static String output;

  @BeforeAll
  static void runProbe() throws Exception {
    String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> ENGINE_JARS.stream().noneMatch(e.replace('\\', '/')::contains))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(cp).contains("api-0.32.0.jar").doesNotContain("pytorch").doesNotContain("onnxruntime");
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp", cp,
        EnginelessProbe.class.getName(), Fixtures.path("images").getParent().toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  static String line(String label) {
    return output.lines().filter(l -> l.startsWith(label + " -> ")).findFirst().orElseThrow(() -> new AssertionError("no line " + label + " in\n" + output));
  }

  @Test
  void djlFindsNoEngineAndColorStillWorks() {
    assertThat(output).contains("engines []").contains("color 184");
  }

  @Test
  void torchScriptModelNamesThePyTorchArtifacts() {
    assertThat(line("pt")).startsWith("pt -> org.artsim.ModelLoadException: cnn: the DJL engine PyTorch is not on the class path")
        .contains("org.artsim:artsim-engine-pytorch ").contains("org.artsim:artsim-engine-pytorch-cuda").contains("engines found: none");
  }

  @Test
  void onnxModelNamesTheOnnxArtifact() {
    assertThat(line("onnx")).startsWith("onnx -> org.artsim.ModelLoadException: cnn: the DJL engine OnnxRuntime is not on the class path")
        .contains("add the dependency org.artsim:artsim-engine-onnx with <type>pom</type>");
  }

  @Test
  void savedModelNamesTheTensorFlowArtifact() {
    assertThat(line("tf")).startsWith("tf -> org.artsim.ModelLoadException: cnn: the DJL engine TensorFlow is not on the class path")
        .contains("org.artsim:artsim-engine-tensorflow");
  }

  @Test
  void clipNamesThePyTorchArtifact() {
    assertThat(line("clip")).startsWith("clip -> org.artsim.ModelLoadException: clip: the DJL engine PyTorch is not on the class path")
        .contains("org.artsim:artsim-engine-pytorch");
  }

  @Test
  void minilmNamesTheOnnxArtifact() {
    assertThat(line("minilm")).startsWith("minilm -> org.artsim.ModelLoadException: minilm: the DJL engine OnnxRuntime is not on the class path")
        .contains("org.artsim:artsim-engine-onnx");
  }

  @Test
  void anUnknownEngineNameSaysWhatToDo() {
    assertThat(line("named")).startsWith("named -> org.artsim.ModelLoadException: cnn: the DJL engine MXNet is not on the class path")
        .contains("add a jar that registers the DJL engine 'MXNet'");
  }
}
