package org.artsim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.artsim.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve command's arguments and the configuration's checks. */
class ServeTest {
  @Test
  void parsesTheCommandLine() {
    var o = Serve.Options.parse("some/dir", "--port", "0", "--host", "::1", "--max-sessions", "7");
    assertThat(o.dir()).isEqualTo(Path.of("some/dir"));
    assertThat(o.config().port()).isZero();
    assertThat(o.config().host()).isEqualTo("::1");
    assertThat(o.config().maxSessions()).isEqualTo(7);
    assertThat(Serve.Options.parse().dir()).isNull();
    assertThat(Serve.Options.parse().config()).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void refusesBadArgumentsWithTheUsage() {
    assertThatThrownBy(() -> Serve.Options.parse("--port", "eighty")).isInstanceOf(InvalidArgumentException.class).hasMessage("--port needs a whole number, got 'eighty'");
    assertThatThrownBy(() -> Serve.Options.parse("--port", "70000")).isInstanceOf(InvalidArgumentException.class).hasMessage("port must be in [0, 65535], got 70000");
    assertThatThrownBy(() -> Serve.Options.parse("--port")).isInstanceOf(InvalidArgumentException.class).hasMessage("--port needs a value");
    assertThatThrownBy(() -> Serve.Options.parse("a", "b")).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("unknown argument 'b'; use: serve [collection-dir] [--port N] [--host ADDRESS] [--max-sessions N] [--threads N]");
    assertThatThrownBy(() -> Serve.Options.parse("--verbose")).isInstanceOf(InvalidArgumentException.class).hasMessageStartingWith("unknown argument '--verbose'");
    assertThatThrownBy(() -> Serve.Options.parse("--max-sessions", "0")).isInstanceOf(InvalidArgumentException.class).hasMessage("maxSessions must be in [1, 1000000], got 0");
  }

  @Test
  void configRefusesBadLimits() {
    assertThatThrownBy(() -> ServerConfig.defaults().withHost(" ")).isInstanceOf(InvalidArgumentException.class).hasMessage("host must be an address or name to bind, e.g. 127.0.0.1, got ' '");
    assertThatThrownBy(() -> ServerConfig.defaults().withMaxResults(0)).isInstanceOf(InvalidArgumentException.class).hasMessage("maxResults must be in [1, 10000], got 0");
    assertThatThrownBy(() -> ServerConfig.defaults().withDuplicateThreshold(Double.NaN)).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("duplicateThreshold must be a cosine distance in [0, 2], got NaN");
    assertThatThrownBy(() -> ArtServer.start(null, ServerConfig.defaults())).isInstanceOf(InvalidArgumentException.class).hasMessage("art must not be null");
  }

  @Test
  void aDirectoryWithoutACollectionIsRefusedWithWhatToPass(@TempDir Path dir) {
    var out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> Serve.start(new Serve.Options(dir, ServerConfig.defaults().withPort(0)), new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("holds no saved collection (no collection.artsim)");
  }

  @Test
  void theDemoCollectionIsBuiltOnceThenLoaded(@TempDir Path root) {
    var out = new ByteArrayOutputStream();
    var log = new PrintStream(out, true, StandardCharsets.UTF_8);
    try (var art = DemoCollection.open(root, log)) {
      assertThat(art.size()).isEqualTo(240);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("generating artsim's default collection");
    out.reset();
    try (var art = DemoCollection.open(root, log)) {
      assertThat(art.size()).isEqualTo(240);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("loading the demo's collection");
  }
}
