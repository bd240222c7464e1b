package org.artsim.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.ArtsimException;
import org.artsim.ClosedException;
import org.artsim.InvalidArgumentException;
import org.artsim.UnknownIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the server: reads the request within the limits ({@link Request}), sends it
 * to the API, the image routes, the static files or the pages, and writes the answer with the
 * security headers. Every failure becomes a typed error: a {@link HttpError} as it says, an unknown
 * id 404, another invalid argument 400, anything else 500 with a fixed message; the API and image
 * routes answer JSON, the pages an error page. No response ever carries a stack trace (the log
 * does). When bound to loopback, a request whose {@code Host} is not a loopback name is refused, so
 * that a web page cannot reach the app through DNS rebinding.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";
  private static final Map<String, String> STATIC_TYPES = Map.of("app.js", "text/javascript; charset=utf-8", "app.css", "text/css; charset=utf-8");

  private final App app;
  private final Api api;
  private final Pages pages;
  private final boolean loopbackOnly;
  private final Map<String, byte[]> statics;

  Router(App app, boolean loopbackOnly) {
    this.app = app;
    this.api = new Api(app);
    this.pages = new Pages(app, api);
    this.loopbackOnly = loopbackOnly;
    this.statics = Map.of("app.js", resource("app.js"), "app.css", resource("app.css"));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      boolean json = path != null && (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/image/") || path.startsWith("/thumb/") || path.startsWith("/static/"));
      Request request = null;
      Response response;
      try {
        checkHost(exchange);
        request = new Request(exchange, app.config());
        response = route(request);
      } catch (HttpError e) {
        response = json ? Response.error(e) : page(e);
        if (e.allow() != null) {
          exchange.getResponseHeaders().set("Allow", e.allow());
        }
      } catch (UnknownIdException e) {
        HttpError error = new HttpError(404, "unknown-id", e.getMessage());
        response = json ? Response.error(error) : page(error);
      } catch (InvalidArgumentException e) {
        response = json ? Response.error(HttpError.badRequest(e.getMessage())) : page(HttpError.badRequest(e.getMessage()));
      } catch (ClosedException e) {
        HttpError error = new HttpError(503, "unavailable", "the collection is closed: the server is stopping");
        response = json ? Response.error(error) : page(error);
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
        HttpError error = new HttpError(500, "internal", "the server failed to answer this request; its log has the details");
        response = json ? Response.error(error) : page(error);
      }
      send(exchange, request, response);
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("the client went away: {}", e.toString());
    }
  }

  private Response route(Request r) {
    List<String> s = r.segments();
    String first = s.isEmpty() ? "" : s.get(0);
    return switch (first) {
      case "api" -> api.handle(r);
      case "image", "thumb" -> image(r, first.equals("thumb"));
      case "static" -> staticFile(r);
      default -> pages.handle(r);
    };
  }

  private Response image(Request r, boolean thumbnail) {
    List<String> s = r.segments();
    if (s.size() != 2) {
      throw HttpError.notFound("no image route /" + String.join("/", s) + "; use /image/{id} or /thumb/{id}");
    }
    if (!r.method().equals("GET")) {
      throw new HttpError(405, "method-not-allowed", "images take GET, not " + r.method(), "GET");
    }
    String id = app.works().find(s.get(1)).id();
    byte[] png = thumbnail ? app.images().thumbnail(id) : app.images().image(id);
    if (png == null) {
      throw new HttpError(404, "no-image", "the image of '" + Request.clip(id) + "' cannot be read by this server");
    }
    return Response.png(png);
  }

  private Response staticFile(Request r) {
    List<String> s = r.segments();
    byte[] body = s.size() == 2 ? statics.get(s.get(1)) : null;
    if (body == null) {
      throw HttpError.notFound("no static file /" + String.join("/", s));
    }
    if (!r.method().equals("GET")) {
      throw new HttpError(405, "method-not-allowed", "static files take GET, not " + r.method(), "GET");
    }
    return new Response(200, STATIC_TYPES.get(s.get(1)), body, 60);
  }

  private static Response page(HttpError e) {
    return new Response(e.status(), Response.HTML, Layout.error(e.status(), e.getMessage()).getBytes(StandardCharsets.UTF_8), 0);
  }

  private void checkHost(HttpExchange exchange) {
    if (!loopbackOnly) {
      return;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    String name = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) {
      name = name.substring(0, Math.max(1, name.indexOf(']') + 1));
    } else if (name.indexOf(':') >= 0) {
      name = name.substring(0, name.indexOf(':'));
    }
    if (!(name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]"))) {
      throw new HttpError(400, "host-not-allowed", "this server listens on loopback and answers only requests for localhost, 127.0.0.1 or [::1]");
    }
  }

  private void send(HttpExchange exchange, Request request, Response response) throws IOException {
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Type", response.contentType());
    h.set("Cache-Control", response.cacheSeconds() > 0 ? "private, max-age=" + response.cacheSeconds() : "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Content-Security-Policy", CSP);
    Visitor created = request == null ? null : request.newVisitor();
    if (created != null) {
      h.add("Set-Cookie", Request.COOKIE + "=" + created.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");
    }
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Router.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        throw new ArtsimException("artsim-server's jar lacks org/artsim/server/static/" + name + "; rebuild the module");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ArtsimException("could not read org/artsim/server/static/" + name + " from artsim-server's jar: " + e.getMessage() + "; rebuild the module", e);
    }
  }
}
