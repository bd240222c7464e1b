package org.artsim.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.artsim.collection.ArtCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over HTTP, against the same searches made directly on the collection. */
class ApiTest {
  @TempDir static Path dir;
  static ArtCollection art;
  static ArtServer server;

  @BeforeAll
  static void start() {
    art = TestCollections.generated(dir, 48);
    server = ArtServer.start(art, ServerConfig.defaults().withPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
    art.close();
  }

  private static Map<String, Object> json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(Response.JSON);
    return TestJson.object(r.body());
  }

  private static List<String> ids(Object hits) {
    return TestJson.<List<Map<String, Object>>>at(hits).stream().map(h -> (String) h.get("id")).toList();
  }

  @Test
  void searchForgivesTyposAndMatchesTheCollectionsOwnSearch() {
    var body = json(new Http(server.uri()).get("/api/search?q=indgo+cranes&k=5"), 200);
    var direct = art.searchText("indgo cranes", 5);
    assertThat(ids(body.get("hits"))).isNotEmpty().isEqualTo(direct.hits().stream().map(h -> h.id()).toList());
    List<Map<String, Object>> rewrites = TestJson.at(body, "explanation", "rewrites");
    assertThat(rewrites).anySatisfy(w -> {
      assertThat(w.get("term")).isEqualTo("indgo");
      assertThat(TestJson.<List<String>>at(w, "replacements")).contains("indigo");
    });
    Map<String, Object> first = TestJson.at(body, "hits", 0);
    assertThat(first).containsKeys("title", "artist", "labels", "score", "thumbnail", "page", "image");
    assertThat((Double) first.get("score")).isCloseTo(direct.hits().get(0).score(), org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void searchAndSimilarTakeALabelFilter() {
    var http = new Http(server.uri());
    var body = json(http.get("/api/search?q=cranes&k=20&filter=culture:japanese"), 200);
    var direct = art.searchText("cranes", 20, org.artsim.LabelFilter.anyOf("culture", "japanese"));
    assertThat(ids(body.get("hits"))).isNotEmpty().isEqualTo(direct.hits().stream().map(h -> h.id()).toList());
    assertThat(TestJson.<List<Map<String, Object>>>at(body, "hits")).allSatisfy(h -> assertThat(TestJson.<String>at(h, "labels", "culture")).isEqualTo("japanese"));
    String id = art.ids().get(1);
    var similar = json(http.get("/api/works/" + id + "/similar?k=5&filter=classification:print"), 200);
    assertThat(ids(similar.get("hits"))).isEqualTo(art.similarTo(id, 5, org.artsim.LabelFilter.anyOf("classification", "print")).stream().map(h -> h.id()).toList());
    assertThat(TestJson.<String>at(json(http.get("/api/search?q=cranes&filter=culture"), 400), "error", "message"))
        .isEqualTo("filter must be field:value, e.g. culture:japanese, got 'culture'");
    assertThat(TestJson.<String>at(json(http.get("/api/search?q=cranes&filter=colour:red"), 400), "error", "message")).startsWith("'colour' is not a label field");
  }

  @Test
  void similarPerLabelAndDuplicatesFollowTheCollection() {
    var http = new Http(server.uri());
    String id = art.ids().get(3);
    var similar = json(http.get("/api/works/" + id + "/similar?k=7"), 200);
    assertThat(ids(similar.get("hits"))).isEqualTo(art.similarTo(id, 7).stream().map(h -> h.id()).toList());

    var perLabel = json(http.get("/api/works/" + id + "/per-label?field=culture&k=2"), 200);
    List<Map<String, Object>> matches = TestJson.at(perLabel, "matches");
    var direct = art.matchesPerLabel(id, "culture", 2);
    assertThat(matches).extracting(m -> m.get("value")).containsExactlyElementsOf(direct.keySet());
    for (var m : matches) {
      assertThat(ids(m.get("hits"))).isEqualTo(direct.get((String) m.get("value")).stream().map(h -> h.id()).toList());
    }

    // SampleCatalogue: w-0040 is a near-duplicate of an earlier work.
    var work = org.artsim.collection.sample.SampleCatalogue.works(48, org.artsim.collection.sample.SampleCatalogue.DEFAULT_SEED).get(40);
    String copy = work.id();
    String original = work.copyOf();
    assertThat(original).isNotNull();
    var dups = json(http.get("/api/works/" + original + "/duplicates"), 200);
    assertThat(ids(dups.get("duplicates"))).contains(copy);
    var back = json(http.get("/api/works/" + copy + "/duplicates"), 200);
    assertThat(ids(back.get("duplicates"))).contains(original);
  }

  @Test
  void sessionLikesChangeTheRecommendationsAndClearForgetsThem() {
    var http = new Http(server.uri());
    var empty = json(http.get("/api/session"), 200);
    assertThat(TestJson.<List<?>>at(empty, "likes")).isEmpty();
    assertThat(TestJson.<List<?>>at(empty, "recommendations", "hits")).isEmpty();
    assertThat(TestJson.<String>at(empty, "recommendations", "reason")).isNotBlank();

    String a = art.ids().get(0);
    String b = art.ids().get(25);
    var one = json(http.post("/api/session/like", "id=" + a), 200);
    assertThat(ids(one.get("likes"))).containsExactly(a);
    List<String> first = ids(TestJson.at(one, "recommendations", "hits"));
    assertThat(first).isNotEmpty().doesNotContain(a);
    assertThat(ids(json(http.get("/api/session"), 200).get("recommendations") instanceof Map<?, ?> m ? m.get("hits") : null)).isEqualTo(first);

    var two = json(http.post("/api/session/like", "id=" + b), 200);
    assertThat(ids(two.get("likes"))).containsExactly(a, b);
    List<String> second = ids(TestJson.at(two, "recommendations", "hits"));
    assertThat(second).isNotEqualTo(first).doesNotContain(a, b).doesNotContainAnyElementsOf(first);

    var more = json(http.post("/api/session/recommend?k=3", ""), 200);
    assertThat(ids(TestJson.at(more, "recommendations", "hits"))).hasSize(3).doesNotContainAnyElementsOf(second);

    var unliked = json(http.post("/api/session/unlike", "id=" + a), 200);
    assertThat(ids(unliked.get("likes"))).containsExactly(b);

    var cleared = json(http.post("/api/session/clear", ""), 200);
    assertThat(TestJson.<List<?>>at(cleared, "likes")).isEmpty();

    var other = new Http(server.uri());
    assertThat(TestJson.<List<?>>at(json(other.get("/api/session"), 200), "likes")).as("another visitor has its own session").isEmpty();
  }

  @Test
  void clustersMapAndInfoDescribeTheCollection() {
    var http = new Http(server.uri());
    var clusters = json(http.get("/api/clusters?k=4&seed=3"), 200);
    var direct = art.analysis().clusters(4, 3);
    List<Map<String, Object>> list = TestJson.at(clusters, "clusters");
    assertThat(list).extracting(c -> TestJson.<String>at(c, "medoid", "id")).containsExactlyElementsOf(direct.medoids());
    assertThat(list.stream().mapToDouble(c -> (Double) c.get("size")).sum()).isEqualTo(48);

    var map = json(http.get("/api/map?field=classification"), 200);
    List<Map<String, Object>> points = TestJson.at(map, "points");
    assertThat(points).hasSize(48).allSatisfy(p -> assertThat(p).containsKeys("x", "y", "label", "page"));
    assertThat(points.get(0).get("label")).isEqualTo(art.record((String) points.get(0).get("id")).classification());

    var info = json(http.get("/api/info"), 200);
    assertThat(info.get("size")).isEqualTo(48.0);
    assertThat(TestJson.<List<String>>at(info, "labelFields")).contains("culture", "classification", "medium", "artist");
  }

  @Test
  void imagesAndThumbnailsArePngsOfTheWorksOwnImage() throws Exception {
    var http = new Http(server.uri());
    String id = art.ids().get(5);
    var image = http.getBytes("/image/" + id);
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    var decoded = ImageIO.read(new java.io.ByteArrayInputStream(image.body()));
    var original = art.readImage(id);
    assertThat(decoded.getWidth()).isEqualTo(original.getWidth());
    assertThat(decoded.getRGB(10, 10)).isEqualTo(original.getRGB(10, 10));
    var thumb = http.getBytes("/thumb/" + id);
    assertThat(thumb.statusCode()).isEqualTo(200);
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(thumb.body())).getWidth()).isLessThanOrEqualTo(Images.THUMB_SIZE);
  }

  @Test
  void pagesRenderWithTheirParts() {
    var http = new Http(server.uri());
    var home = http.get("/?q=indgo+cranes");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).matches("artsim_session=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict.*"));
    assertThat(home.body()).contains("id=\"for-you\"", "class=\"card\"", "indgo → indigo", "class=\"like\"");
    String id = art.ids().get(2);
    var work = http.get("/work/" + id + "?field=culture");
    assertThat(work.statusCode()).isEqualTo(200);
    assertThat(work.body()).contains("Similar works", "Closest per culture", "Duplicates");
    for (String v : art.labelValues("culture")) {
      assertThat(work.body()).contains("<h3>" + v + "</h3>");
    }
    var map = http.get("/map?field=culture");
    assertThat(map.body()).contains("<svg id=\"map\"").contains("href=\"/work/" + id + "\"");
    var clusters = http.get("/clusters?k=3");
    assertThat(clusters.body()).contains("3 clusters").contains("class=\"cluster\"");
  }
}
