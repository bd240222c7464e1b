package org.artsim.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.artsim.ArtsimException;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A browsable web app and JSON API over an {@link ArtCollection}, on the JDK's {@code
 * com.sun.net.httpserver}: search, a page per work (similar works, the closest work per label
 * value, duplicates), likes and a "for you" panel of recommendations, a map and clusters; every
 * page has a JSON route behind it (see the module README).
 *
 * <pre>{@code
 * try (var server = ArtServer.start(art, ServerConfig.defaults().withPort(0))) {
 *   URI home = server.uri();   // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>Guarantees: binds to {@link ServerConfig#host()} (loopback by default, and then answers only
 * requests addressed to a loopback name); request bodies, query strings and result counts are
 * bounded by the config; ids in routes are looked up in the collection and never used as paths, and
 * image routes serve only the collection's own images, decoded and encoded again; catalogue text
 * is HTML-escaped on every page; visitor sessions are safe under concurrent requests, bounded in
 * number, and saved on {@link #close()} when {@link ServerConfig#sessionsDir()} is set. The
 * collection is read, never changed, and not closed by the server.
 */
public final class ArtServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtServer.class);

  private final HttpServer http;
  private final ExecutorService threads;
  private final App app;
  private boolean closed;

  private ArtServer(HttpServer http, ExecutorService threads, App app) {
    this.http = http;
    this.threads = threads;
    this.app = app;
  }

  /**
   * Starts a server over {@code art}; restores the sessions saved in {@link ServerConfig#sessionsDir()}.
   *
   * @throws ArtsimException if the address cannot be bound (the port is taken, the host is not local)
   */
  public static ArtServer start(ArtCollection art, ServerConfig config) {
    if (art == null || config == null) {
      throw new InvalidArgumentException((art == null ? "art" : "config") + " must not be null");
    }
    App app = App.of(art, config);
    if (config.sessionsDir() != null) {
      int n = app.sessions().restore(config.sessionsDir());
      LOG.info("restored {} sessions from {}", n, config.sessionsDir());
    }
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    if (address.isUnresolved()) {
      throw new InvalidArgumentException("the host '" + config.host() + "' does not resolve; use an address such as 127.0.0.1");
    }
    HttpServer http;
    try {
      http = HttpServer.create(address, 64);
    } catch (IOException e) {
      throw new ArtsimException("could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage() + "; choose another port (--port) or host", e);
    }
    InetAddress bound = address.getAddress();
    var count = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(config.threads(), r -> {
      Thread t = new Thread(r, "artsim-http-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(threads);
    http.createContext("/", new Router(app, bound.isLoopbackAddress()));
    http.start();
    return new ArtServer(http, threads, app);
  }

  /** The port the server listens on (the ephemeral one when the config said 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The app's home page. */
  public URI uri() {
    String host = http.getAddress().getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
  }

  /** The number of live visitor sessions. */
  public int sessionCount() {
    return app.sessions().size();
  }

  /** Stops accepting requests, lets running ones finish (up to a second), and saves the sessions when a sessions directory is set. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    http.stop(1);
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (app.config().sessionsDir() != null) {
      app.sessions().saveAll(app.config().sessionsDir());
    }
  }
}
