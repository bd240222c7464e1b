package org.artsim.collection.iiif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * A small IIIF-shaped server on loopback for the tests: {@code info.json} documents by path, a PNG
 * for every derivative request (and the log of the paths asked for), plus the hostile answers the
 * tests need: a handler that never answers, redirects, HTML bodies, huge bodies, HTTP errors.
 */
final class IiifServer implements AutoCloseable {
  final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final Map<String, String> infos = new ConcurrentHashMap<>();
  final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final byte[] png;

  IiifServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
    var img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new Color(200, 40, 40));
    g.fillRect(0, 0, 40, 30);
    g.setColor(new Color(20, 40, 220));
    g.fillRect(10, 5, 15, 15);
    g.dispose();
    var out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    png = out.toByteArray();
  }

  String base(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.add(path);
    try (ex) {
      for (var r : redirects.entrySet()) {
        if (path.startsWith(r.getKey())) {
          ex.getResponseHeaders().add("Location", base(r.getValue() + path.substring(r.getKey().length())));
          ex.sendResponseHeaders(302, -1);
          return;
        }
      }
      if (path.startsWith("/hang/")) {
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (path.startsWith("/missing/")) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (path.startsWith("/bigjson/")) {
        ex.sendResponseHeaders(200, 0);
        try (OutputStream o = ex.getResponseBody()) {
          byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
          o.write("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
          for (int i = 0; i < 64; i++) {
            o.write(chunk);
          }
        } catch (IOException e) {
          // the client stops reading at its limit and closes the connection
        }
        return;
      }
      if (path.endsWith("/info.json")) {
        String body = infos.get(path.substring(0, path.length() - "/info.json".length()));
        if (body == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        send(ex, "application/ld+json", body.getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (path.contains("/notimage/")) {
        send(ex, "text/html", "<html><body>Sorry, this is not an image</body></html>".getBytes(StandardCharsets.UTF_8));
        return;
      }
      send(ex, "image/png", png);
    }
  }

  private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  static String v2(String id, long w, long h, String profileExtra) {
    return "{\"@context\":\"http://iiif.io/api/image/2/context.json\",\"@id\":\"" + id + "\",\"protocol\":\"http://iiif.io/api/image\",\"width\":" + w + ",\"height\":" + h
        + ",\"profile\":[\"http://iiif.io/api/image/2/level2.json\"" + profileExtra + "],\"tiles\":[{\"width\":512,\"scaleFactors\":[1,2,4,8]}]}";
  }

  static String v3(String id, long w, long h, String level, String extra) {
    return "{\"@context\":\"http://iiif.io/api/image/3/context.json\",\"id\":\"" + id + "\",\"type\":\"ImageService3\",\"protocol\":\"http://iiif.io/api/image\",\"profile\":\""
        + level + "\",\"width\":" + w + ",\"height\":" + h + extra + "}";
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
