package org.artsim.embed.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.artsim.embed.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Shows that artsim switches DJL's call home off before the first engine starts. Each case runs in
 * a fresh child JVM whose environment and system properties carry none of DJL's switches, because
 * the build sets them for the test JVM itself. All http(s) traffic in the child is intercepted and
 * refused before it leaves the JVM.
 */
class DjlEnvironmentTest {

  static String run(String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), CallHomeProbe.class.getName()));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("OPT_OUT_TRACKING");
    pb.environment().remove("DJL_OFFLINE");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void withoutArtsimDjlTriesTheMetadataAddressButArtsimStopsItBeforeTheEngineStarts() throws Exception {
    String control = run("control");
    assertThat(control).contains("before OPT_OUT_TRACKING=null ai.djl.offline=null");
    assertThat(control).contains("attempts [169.254.169.254 OPT_OUT_TRACKING=null");

    String artsim = run("artsim", Fixtures.path("cnn/tiny_resnet.onnx").toString());
    assertThat(artsim).contains("before OPT_OUT_TRACKING=null ai.djl.offline=null");
    assertThat(artsim).containsPattern("engines \\[.*OnnxRuntime.*\\]");
    assertThat(artsim).contains("after OPT_OUT_TRACKING=true ai.djl.offline=true");
    assertThat(artsim).contains("attempts []");
  }

  @Test
  void switchesAreOnInThisJvm() {
    DjlEnvironment.ensureOffline();
    assertThat(DjlEnvironment.trackingOptedOut()).isTrue();
    assertThat(DjlEnvironment.offline()).isTrue();
  }
}
