package org.artsim.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.artsim.ArtsimException;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionStore;

/**
 * {@code ./artsim serve [collection-dir] [--port N] [--host ADDRESS] [--max-sessions N]}: opens the
 * web app on a saved collection (the demo's by default, see {@link DemoCollection}), prints its
 * address, and serves until interrupted; on Ctrl-C it saves the visitors' sessions in {@code
 * <collection-dir>/sessions}, from where the next start restores them.
 */
public final class Serve {
  private Serve() {}

  /**
   * The command's options.
   *
   * @param dir the saved collection's directory, or null for the demo's
   * @param config the server's settings
   */
  public record Options(Path dir, ServerConfig config) {
    /** Reads the arguments; an unknown option or a bad value is an {@code InvalidArgumentException} that says what to pass. */
    public static Options parse(String... args) {
      Path dir = null;
      ServerConfig config = ServerConfig.defaults();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--port" -> config = config.withPort(number(args, ++i, a));
          case "--host" -> config = config.withHost(value(args, ++i, a));
          case "--max-sessions" -> config = config.withMaxSessions(number(args, ++i, a));
          case "--threads" -> config = config.withThreads(number(args, ++i, a));
          default -> {
            if (a.startsWith("-") || dir != null) {
              throw new InvalidArgumentException("unknown argument '" + a + "'; use: serve [collection-dir] [--port N] [--host ADDRESS] [--max-sessions N] [--threads N]");
            }
            dir = Path.of(a);
          }
        }
      }
      return new Options(dir, config);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new InvalidArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int number(String[] args, int i, String option) {
      String v = value(args, i, option);
      if (!v.matches("\\d{1,9}")) {
        throw new InvalidArgumentException(option + " needs a whole number, got '" + v + "'");
      }
      return Integer.parseInt(v);
    }
  }

  /** Runs the command; exits with status 2 on a bad argument or a collection that cannot be opened. */
  @SuppressForbidden(reason = "the command's entry point prints its address and errors")
  public static void main(String[] args) throws InterruptedException {
    var stop = new CountDownLatch(1);
    ArtServer server;
    try {
      server = start(Options.parse(args), System.out);
    } catch (ArtsimException e) {
      System.err.println("serve: " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }, "artsim-serve-stop"));
    stop.await();
  }

  /** Opens the collection, starts the server and prints where it is. */
  static ArtServer start(Options o, PrintStream out) {
    Path dir = o.dir();
    ArtCollection art;
    if (dir == null) {
      dir = DemoCollection.dir(DemoCollection.DEMO_OUTPUT);
      art = DemoCollection.open(DemoCollection.DEMO_OUTPUT, out);
    } else {
      if (!Files.isRegularFile(dir.resolve(CollectionStore.MANIFEST))) {
        throw new InvalidArgumentException(dir.toAbsolutePath() + " holds no saved collection (no " + CollectionStore.MANIFEST
            + "); pass a directory written by ArtCollection.save, ./artsim demo (artsim-demo-output/collection) or ./artsim index");
      }
      art = ArtCollection.load(dir);
    }
    ArtServer server = ArtServer.start(art, o.config().withSessionsDir(dir.resolve("sessions")));
    out.println("artsim serve: " + art.size() + " works from " + dir.toAbsolutePath());
    if (!o.config().host().equals("127.0.0.1") && !o.config().host().equals("localhost")) {
      out.println("warning: listening on " + o.config().host() + ", not only loopback: anyone who can reach this address can browse the collection");
    }
    out.println("open " + server.uri() + "  (Ctrl-C stops; sessions are saved in " + dir.resolve("sessions").toAbsolutePath() + ")");
    return server;
  }
}
