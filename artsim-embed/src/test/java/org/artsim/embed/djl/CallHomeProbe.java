package org.artsim.embed.djl;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.artsim.Artsim;

/**
 * Runs in a child JVM started by {@link DjlEnvironmentTest} with no DJL switches set. Every http(s)
 * connection the JVM attempts is recorded and refused before any packet is sent (a URL stream
 * handler factory), so nothing leaves the machine. Mode {@code control} starts a DJL engine
 * directly; mode {@code artsim} creates an artsim embedder. It prints the switch values and the
 * attempted hosts.
 */
public final class CallHomeProbe {
  static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

  private CallHomeProbe() {}

  public static void main(String[] args) throws Exception {
    URL.setURLStreamHandlerFactory(protocol -> {
      if (!protocol.equals("http") && !protocol.equals("https")) {
        return null;
      }
      return new URLStreamHandler() {
        @Override
        protected URLConnection openConnection(URL u) throws IOException {
          return openConnection(u, Proxy.NO_PROXY);
        }

        @Override
        protected URLConnection openConnection(URL u, Proxy p) throws IOException {
          ATTEMPTS.add(u.getHost() + " OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING"));
          throw new IOException("blocked by CallHomeProbe: " + u);
        }
      };
    });
    System.out.println("before OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING") + " ai.djl.offline=" + System.getProperty("ai.djl.offline"));
    if (args[0].equals("control")) {
      ai.djl.engine.Engine.getEngine("OnnxRuntime");
    } else {
      try (var e = Artsim.embedder("cnn", java.util.Map.of("model", args[1]))) {
        System.out.println("embedder " + e.dimension());
      }
    }
    System.out.println("engines " + ai.djl.engine.Engine.getAllEngines());
    System.out.println("after OPT_OUT_TRACKING=" + System.getProperty("OPT_OUT_TRACKING") + " ai.djl.offline=" + System.getProperty("ai.djl.offline"));
    System.out.println("attempts " + ATTEMPTS);
  }
}
