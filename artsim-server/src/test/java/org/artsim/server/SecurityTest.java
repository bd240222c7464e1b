package org.artsim.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.artsim.collection.ArtCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each of the server's safety points, tried the way an attacker or a broken client would. */
class SecurityTest {
  @TempDir static Path dir;
  static ArtCollection art;
  static ArtServer server;
  static Http http;
  /** A file outside the collection that no route may serve. */
  static Path secret;

  @BeforeAll
  static void start() throws Exception {
    art = TestCollections.withHostileRow(dir.resolve("c"), 24);
    secret = dir.resolve("secret.png");
    Files.copy(Path.of(art.records().get(1).image()), secret);
    server = ArtServer.start(art, ServerConfig.defaults().withPort(0).withMaxBodyBytes(256).withMaxQueryChars(300).withMaxResults(50));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
    art.close();
  }

  private static Map<String, Object> error(HttpResponse<String> r, int status, String type) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    noStackTrace(r.body());
    var e = TestJson.<Map<String, Object>>at(TestJson.parse(r.body()), "error");
    assertThat(e).containsEntry("status", (double) status).containsEntry("type", type);
    assertThat((String) e.get("message")).isNotBlank();
    return e;
  }

  private static void noStackTrace(String body) {
    assertThat(body).doesNotContain("\tat ", "at org.", "at java.", "Exception:", ".java:");
  }

  @Test
  void theDefaultBindsToLoopback() {
    assertThat(ServerConfig.defaults().host()).isEqualTo("127.0.0.1");
    assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void loopbackRefusesOtherHostNames() {
    String raw = http.raw("GET /api/info HTTP/1.1\r\nHost: evil.example:" + server.port());
    assertThat(Http.status(raw)).isEqualTo(400);
    assertThat(raw).contains("\"type\":\"host-not-allowed\"");
    assertThat(Http.status(http.raw("GET /api/info HTTP/1.1\r\nHost: localhost:" + server.port()))).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/image/../../../../etc/passwd", "/image/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/image/..%2F..%2Fsecret.png", "/thumb/%2Fetc%2Fpasswd",
      "/image/%2e%2e", "/image/", "/static/../pom.xml", "/static/%2e%2e%2fapp.js", "/static/app.js%00.png", "/work/..%2F..%2Fsecret.png", "/api/works/%2e%2e%2fsecret.png"})
  void pathTraversalFindsNothing(String path) {
    String raw = http.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1");
    assertThat(Http.status(raw)).as(raw).isIn(400, 404);
    assertThat(raw).doesNotContain("root:", "\u0089PNG");
    noStackTrace(raw);
  }

  @Test
  void anAbsolutePathAsAnIdIsAnUnknownId() {
    error(http.get("/image/" + Html.segment(secret.toString())), 404, "unknown-id");
    error(http.get("/api/works/" + Html.segment("/etc/passwd")), 404, "unknown-id");
  }

  @Test
  void aHostileIdIsLookedUpNotFollowed() {
    var image = http.getBytes("/image/" + Html.segment(TestCollections.HOSTILE_ID));
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    var work = TestJson.object(http.get("/api/works/" + Html.segment(TestCollections.HOSTILE_ID)).body());
    assertThat(work).containsEntry("id", TestCollections.HOSTILE_ID).containsEntry("title", TestCollections.SCRIPT_TITLE);
  }

  @Test
  void catalogueTextIsEscapedOnEveryPage() {
    String id = Html.segment(TestCollections.HOSTILE_ID);
    for (String page : List.of("/?q=alert", "/?q=" + Html.segment("<script>"), "/work/" + id, "/work/" + id + "?field=culture", "/map?field=culture",
        "/map?field=artist", "/clusters?k=3", "/work/" + art.ids().get(0) + "?field=culture")) {
      var r = http.get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      String body = r.body();
      assertThat(body).as(page).doesNotContain("<script>alert", "<img src=x", "onmouseover=\"alert", "<iframe", "<svg onload", "<b>x</b>", "</dd>1800");
      assertThat(body).as(page).doesNotContainPattern("<script(?! src=\"/static/app.js\" defer></script>)");
    }
    String work = http.get("/work/" + id).body();
    assertThat(work).contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;", "&quot; onmouseover=&quot;alert(&#39;artist&#39;)&quot; x=&#39;",
        "&lt;img src=x onerror=alert(&#39;culture&#39;)&gt;");
    String map = http.get("/map?field=culture").body();
    assertThat(map).contains("&lt;img src=x onerror=alert(&#39;culture&#39;)&gt;");
  }

  @Test
  void jsonEscapesMarkupToo() {
    String body = http.get("/api/works/" + Html.segment(TestCollections.HOSTILE_ID)).body();
    assertThat(body).doesNotContain("<", ">").contains("\\u003cscript\\u003e");
  }

  @Test
  void pagesForbidInlineScriptsAndFraming() {
    var r = http.get("/");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'", "frame-ancestors 'none'"));
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void boundedBodiesQueriesAndCounts() {
    error(http.post("/api/session/like", "id=" + "x".repeat(300)), 413, "payload-too-large");
    String chunked = http.raw("POST /api/session/clear HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n" + "a".repeat(512) + "\r\n0\r\n");
    assertThat(Http.status(chunked)).isEqualTo(413);
    error(http.get("/api/search?q=" + "a".repeat(400)), 414, "uri-too-long");
    var k = error(http.get("/api/search?q=blue&k=51"), 400, "bad-request");
    assertThat((String) k.get("message")).isEqualTo("k must be in [1, 50], got 51");
    assertThat((String) error(http.get("/api/search?q=blue&k=-1"), 400, "bad-request").get("message")).isEqualTo("k must be in [1, 50], got -1");
    assertThat((String) error(http.get("/api/search?q=blue&k=lots"), 400, "bad-request").get("message")).isEqualTo("k must be a whole number in [1, 50], got 'lots'");
    assertThat((String) error(http.get("/api/search?q=blue&k=99999999999"), 400, "bad-request").get("message")).startsWith("k must be a whole number in [1, 50]");
    assertThat(TestJson.<List<?>>at(TestJson.parse(http.get("/api/search?q=blue&k=50").body()), "hits")).hasSizeLessThanOrEqualTo(50);
    var many = new StringBuilder("/api/info?");
    for (int i = 0; i < 40; i++) {
      many.append("p").append(i).append("=1&");
    }
    assertThat((String) error(http.get(many.toString()), 400, "bad-request").get("message")).isEqualTo("a request may carry at most 32 parameters");
  }

  @Test
  void typedErrorsForBadRequests() {
    assertThat((String) error(http.get("/api/works/nope"), 404, "unknown-id").get("message")).isEqualTo("no work has the id 'nope'; ids are listed by /api/search");
    error(http.get("/api/nothing"), 404, "not-found");
    error(http.get("/image/nope"), 404, "unknown-id");
    var get = http.get("/api/session/like");
    error(get, 405, "method-not-allowed");
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    var post = http.post("/api/search?q=x", "");
    error(post, 405, "method-not-allowed");
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    error(http.send(HttpRequest.newBuilder(URI.create(server.uri() + "api/info")).method("DELETE", HttpRequest.BodyPublishers.noBody())), 405, "method-not-allowed");
    String malformed = http.raw("GET /api/search?q=%zz HTTP/1.1\r\nHost: 127.0.0.1");
    assertThat(Http.status(malformed)).as("the JDK's server refuses a malformed URI itself").isEqualTo(400);
    noStackTrace(malformed);
    assertThat((String) error(http.post("/api/session/like", "id=%zz"), 400, "bad-request").get("message")).isEqualTo("malformed percent-encoding in '%zz': '%' must be followed by two hex digits");
    assertThat((String) error(http.get("/api/search?q=%ff%fe"), 400, "bad-request").get("message")).endsWith("is not valid UTF-8 once percent-decoded");
    assertThat((String) error(http.get("/api/search?q="), 400, "bad-request").get("message")).startsWith("q (the search text) is required");
    assertThat((String) error(http.get("/api/search?q=a&mode=psychic"), 400, "bad-request").get("message")).isEqualTo("mode must be tfidf, dense or hybrid, got 'psychic'");
    assertThat((String) error(http.get("/api/works/w-0001/per-label?field=colour"), 400, "bad-request").get("message")).startsWith("'colour' is not a label field");
    assertThat((String) error(http.get("/api/works/w-0001/duplicates?threshold=NaN"), 400, "bad-request").get("message")).startsWith("threshold must be a number in [0.0, 2.0]");
    assertThat((String) error(http.post("/api/session/like", "id=nope"), 404, "unknown-id").get("message")).startsWith("no work has the id 'nope'");
    error(http.post("/api/session/like", ""), 404, "unknown-id");
    assertThat((String) error(http.get("/api/clusters?k=0"), 400, "bad-request").get("message")).isEqualTo("k must be in [1, 25], got 0");
    var page = http.get("/work/nope");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("<h1>404</h1>", "no work has the id &#39;nope&#39;");
    noStackTrace(page.body());
    assertThat(http.get("/nowhere").statusCode()).isEqualTo(404);
    assertThat(http.post("/", "").statusCode()).isEqualTo(405);
  }

  @Test
  void aForgedSessionCookieGetsAFreshSession() {
    var visitor = new Http(server.uri());
    visitor.cookie("../../etc/passwd");
    var r = visitor.get("/api/session");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(visitor.cookie()).matches("[0-9a-f]{32}");
    visitor.cookie("0123456789abcdef0123456789abcdef");
    visitor.get("/api/session");
    assertThat(visitor.cookie()).as("an unknown id is replaced").isNotEqualTo("0123456789abcdef0123456789abcdef").matches("[0-9a-f]{32}");
  }
}
