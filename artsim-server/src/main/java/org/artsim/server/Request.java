package org.artsim.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request, read within the server's limits: the method, the path split into percent-decoded
 * segments, the query and form parameters, and the session cookie. Everything a client sends is
 * checked here before a handler sees it: a query string over {@link ServerConfig#maxQueryChars()}
 * is a 414, a body over {@link ServerConfig#maxBodyBytes()} a 413, malformed percent-encoding or
 * UTF-8 a 400, more than {@link #MAX_PARAMS} parameters a 400.
 */
final class Request {
  /** The most query or form parameters a request may carry. */
  static final int MAX_PARAMS = 32;
  /** The session cookie's name. */
  static final String COOKIE = "artsim_session";

  private final HttpExchange exchange;
  private final ServerConfig config;
  private final List<String> segments;
  private final Map<String, String> params;
  private Visitor visitor;

  Request(HttpExchange exchange, ServerConfig config) {
    this.exchange = exchange;
    this.config = config;
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null && rawQuery.length() > config.maxQueryChars()) {
      throw new HttpError(414, "uri-too-long", "the query string has " + rawQuery.length() + " characters; the limit is " + config.maxQueryChars());
    }
    this.segments = segments(exchange.getRequestURI().getRawPath());
    this.params = new LinkedHashMap<>();
    parseForm(rawQuery, params);
  }

  String method() {
    return exchange.getRequestMethod();
  }

  /** The decoded path segments ({@code /work/a%2Fb} is {@code [work, a/b]}); empty for {@code /}. */
  List<String> segments() {
    return segments;
  }

  /** A query or form parameter, or null. */
  String param(String name) {
    return params.get(name);
  }

  /** A text parameter, or {@code fallback} when absent or blank. */
  String param(String name, String fallback) {
    String v = params.get(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** A whole-number parameter in [min, max], or {@code fallback} when absent; a 400 otherwise. */
  int intParam(String name, int fallback, int min, int max) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    if (!v.strip().matches("-?\\d{1,9}")) {
      throw HttpError.badRequest(name + " must be a whole number in [" + min + ", " + max + "], got '" + clip(v) + "'");
    }
    int n = Integer.parseInt(v.strip());
    if (n < min || n > max) {
      throw HttpError.badRequest(name + " must be in [" + min + ", " + max + "], got " + n);
    }
    return n;
  }

  /** A number parameter in [min, max], or {@code fallback} when absent; a 400 otherwise. */
  double doubleParam(String name, double fallback, double min, double max) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    double d;
    try {
      d = v.strip().length() > 24 ? Double.NaN : Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    if (!(d >= min && d <= max)) {
      throw HttpError.badRequest(name + " must be a number in [" + min + ", " + max + "], got '" + clip(v) + "'");
    }
    return d;
  }

  /** Reads a form-encoded body (within the size limit) into the parameters; query parameters of the same name are replaced. */
  void readForm() {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > config.maxBodyBytes()) {
      throw tooLarge(Long.parseLong(length.strip()));
    }
    byte[] body = readBody(exchange.getRequestBody(), config.maxBodyBytes());
    parseForm(utf8(body, "the request body"), params);
  }

  /** The session cookie's value, or null. */
  String sessionCookie() {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String p = part.strip();
        if (p.startsWith(COOKIE + "=")) {
          return p.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  /** The visitor of this request's cookie, made (with a new id) when it has none live; see {@link #newVisitor()}. */
  Visitor visitor(Sessions sessions) {
    if (visitor == null) {
      visitor = sessions.findOrCreate(sessionCookie());
    }
    return visitor;
  }

  /** The visitor made for this request, whose id the response must set as the cookie, or null. */
  Visitor newVisitor() {
    return visitor != null && !visitor.id().equals(sessionCookie()) ? visitor : null;
  }

  /** The {@code Host} header, or null. */
  String host() {
    return exchange.getRequestHeaders().getFirst("Host");
  }

  private byte[] readBody(InputStream in, int limit) {
    var out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > limit) {
          throw tooLarge(out.size());
        }
      }
    } catch (IOException e) {
      throw HttpError.badRequest("the request body could not be read: " + e.getMessage());
    }
    return out.toByteArray();
  }

  private HttpError tooLarge(long size) {
    return new HttpError(413, "payload-too-large", "the request body has " + size + "+ bytes; the limit is " + config.maxBodyBytes());
  }

  private static List<String> segments(String rawPath) {
    var out = new ArrayList<String>();
    if (rawPath == null) {
      return out;
    }
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(decode(s, false));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static void parseForm(String raw, Map<String, String> into) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      if (!into.containsKey(name) && into.size() >= MAX_PARAMS) {
        throw HttpError.badRequest("a request may carry at most " + MAX_PARAMS + " parameters");
      }
      into.put(name, value);
    }
  }

  /** Percent-decodes (and, in forms, reads {@code +} as a space); malformed escapes or UTF-8 are a 400. */
  static String decode(String s, boolean form) {
    if (s.indexOf('%') < 0 && !(form && s.indexOf('+') >= 0)) {
      return s;
    }
    var bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw HttpError.badRequest("malformed percent-encoding in '" + clip(s) + "': '%' must be followed by two hex digits");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (form && c == '+') {
        bytes.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return utf8(bytes.toByteArray(), "'" + clip(s) + "'");
  }

  private static String utf8(byte[] b, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw HttpError.badRequest(what + " is not valid UTF-8 once percent-decoded");
    }
  }

  /** The first 80 characters of a client's value, for messages. */
  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
