package org.artsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replays the README's JShell session through the real {@code jshell} of the JDK running the
 * tests, with artsim's class path and {@code jshell/artsim.jsh}, and checks that every result line
 * the README shows is what JShell prints. The README cannot rot.
 */
class ReadmeJshellTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theReadmeSessionPrintsWhatTheReadmeShows() throws IOException, InterruptedException {
    List<String> lines = readmeSession();
    var inputs = new ArrayList<String>();
    var expected = new ArrayList<String>();
    for (String line : lines) {
      if (line.startsWith("jshell> ")) {
        inputs.add(line.substring("jshell> ".length()));
      } else if (!line.isBlank()) {
        expected.add(line.strip());
      }
    }
    assertThat(inputs).hasSizeGreaterThan(3);
    assertThat(expected).hasSizeGreaterThan(2);

    String output = runJshell(String.join("\n", inputs) + "\n/exit\n");
    for (String e : expected) {
      assertThat(output).as("JShell output of the README session:%n%s", output).contains(e);
    }
    assertThat(output).doesNotContain("Exception").doesNotContain("|  Error");
  }

  private static List<String> readmeSession() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- jshell-session -->");
    int end = readme.indexOf("<!-- /jshell-session -->");
    assertThat(start).as("README has a <!-- jshell-session --> block").isNotNegative();
    return readme.subList(start + 1, end).stream().filter(l -> !l.startsWith("```")).toList();
  }

  static String runJshell(String input) throws IOException, InterruptedException {
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path script = Files.createTempFile("readme", ".jsh");
    Files.writeString(script, input);
    var command =
        List.of(
            jshell.toString(),
            "-R--add-modules=jdk.incubator.vector",
            "-R-Dai.djl.offline=true",
            "-R-Djava.awt.headless=true",
            "-J-Duser.home=" + Files.createTempDirectory("jshell-home"),
            "--class-path",
            classPath,
            "--startup",
            "DEFAULT",
            "--startup",
            ROOT.resolve("jshell/artsim.jsh").toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(script.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Files.deleteIfExists(script);
    return new String(out, StandardCharsets.UTF_8);
  }
}
