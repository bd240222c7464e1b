package org.artsim.server;

import java.nio.charset.StandardCharsets;

/**
 * What a handler answers: a status, a content type and the body bytes.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body
 * @param cacheSeconds how long a browser may cache it (0: not at all)
 */
record Response(int status, String contentType, byte[] body, int cacheSeconds) {
  static final String JSON = "application/json; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";

  static Response json(Json json) {
    return new Response(200, JSON, json.toString().getBytes(StandardCharsets.UTF_8), 0);
  }

  static Response html(String page) {
    return new Response(200, HTML, page.getBytes(StandardCharsets.UTF_8), 0);
  }

  static Response png(byte[] png) {
    return new Response(200, "image/png", png, 300);
  }

  /** The typed error body of the API: {@code {"error":{"status","type","message"}}}. */
  static Response error(HttpError e) {
    var json = new Json().beginObject().name("error").beginObject()
        .field("status", e.status()).field("type", e.type()).field("message", e.getMessage()).endObject().endObject();
    return new Response(e.status(), JSON, json.toString().getBytes(StandardCharsets.UTF_8), 0);
  }
}
