package org.artsim.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A test client of one server: one visitor (its own cookie jar), and raw requests over a socket for what HttpClient would not send. */
final class Http {
  private final URI base;
  private final HttpClient client;
  private volatile String cookie;

  Http(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The session cookie's value this visitor holds, or null. */
  String cookie() {
    return cookie;
  }

  /** Sets the session cookie's value (as a browser would send it back). */
  void cookie(String value) {
    cookie = value;
  }

  private HttpRequest request(HttpRequest.Builder b) {
    String c = cookie;
    if (c != null) {
      b.header("Cookie", Request.COOKIE + "=" + c);
    }
    return b.timeout(Duration.ofSeconds(60)).build();
  }

  private <T> HttpResponse<T> keep(HttpResponse<T> r) {
    r.headers().firstValue("Set-Cookie").ifPresent(v -> cookie = v.substring(v.indexOf('=') + 1, v.indexOf(';')));
    return r;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  HttpResponse<byte[]> getBytes(String path) {
    try {
      return keep(client.send(request(HttpRequest.newBuilder(base.resolve(path)).GET()), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> post(String path, String form) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return keep(client.send(request(b), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Sends {@code request} (the request line and headers, without the final blank line) as bytes and returns the whole answer. */
  String raw(String request) {
    try (var socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((request + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The status code of a raw answer. */
  static int status(String raw) {
    return Integer.parseInt(raw.substring(9, 12));
  }
}
