package org.artsim.collection.iiif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.artsim.EmbeddingException;
import org.artsim.FileFormatException;
import org.artsim.ImageSource;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.Fixtures;
import org.artsim.collection.ProviderSettings;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.JsonLines;
import org.artsim.collection.ingest.RowProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** IIIF Image API v2 and v3 images against a local IIIF-shaped server on loopback. */
class IiifImagesTest {
  @TempDir Path dir;
  IiifServer server;
  final IiifLimits fast = IiifLimits.defaults().withTimeouts(Duration.ofMillis(2000), Duration.ofMillis(400));

  @BeforeEach
  void start() throws Exception {
    server = new IiifServer();
    server.infos.put("/v2/a", IiifServer.v2("http://elsewhere.example.org/a", 4000, 3000, ",{\"formats\":[\"jpg\",\"png\"],\"maxWidth\":1000}"));
    server.infos.put("/v3/b", IiifServer.v3("http://127.0.0.1/v3/b", 3000, 6000, "level0",
        ",\"sizes\":[{\"type\":\"Size\",\"width\":150,\"height\":300},{\"width\":300,\"height\":600},{\"width\":600,\"height\":1200}]"));
    server.infos.put("/v3/c", IiifServer.v3("http://127.0.0.1/v3/c", 5000, 5000, "level1", ",\"maxArea\":10000"));
    server.infos.put("/v3/small", IiifServer.v3("http://127.0.0.1/v3/small", 100, 80, "level2", ""));
    server.infos.put("/v3/bare", IiifServer.v3("http://127.0.0.1/v3/bare", 1000, 800, "level0", ""));
    server.infos.put("/bad", "{\"@context\":\"http://iiif.io/api/image/3/context.json\",\"width\":");
    server.infos.put("/html", "<html><body>Not found</body></html>");
    server.infos.put("/plainjson", "{\"hello\":\"world\"}");
    server.infos.put("/huge", IiifServer.v3("x", 1_000_000_000_000_000L, 20, "level2", ""));
    server.infos.put("/thin", IiifServer.v3("x", 1_000_000_000L, 1, "level2", ""));
    server.infos.put("/negative", IiifServer.v2("x", -5, 20, ""));
    server.infos.put("/notimage", IiifServer.v2("x", 640, 480, ""));
    server.redirects.put("/moved", "/v2/a");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI info(String path) {
    return URI.create(server.base(path + "/info.json"));
  }

  @Test
  void v2AsksForAScaledDerivativeWithinMaxWidthNotTheFullImage() {
    ImageSource s = IiifImages.derivative(info("/v2/a"), fast);
    assertThat(s).isEqualTo(ImageSource.of(URI.create(server.base("/v2/a/full/298,/0/default.jpg"))));
    IiifInfo i = IiifImages.info(info("/v2/a"), fast);
    assertThat(i.version()).isEqualTo(2);
    assertThat(i.level()).isEqualTo(2);
    assertThat(i.maxWidth()).isEqualTo(1000);
    assertThat(i.base()).as("the id in the document is not followed elsewhere").isEqualTo(URI.create(server.base("/v2/a")));
  }

  @Test
  void v3LevelZeroPicksTheSmallestListedSizeThatIsLargeEnough() {
    assertThat(IiifImages.derivative(info("/v3/b"), fast)).isEqualTo(ImageSource.of(URI.create(server.base("/v3/b/full/300,600/0/default.jpg"))));
    assertThat(IiifImages.derivative(info("/v3/b"), fast.withShortSide(1000)))
        .as("none large enough: the largest")
        .isEqualTo(ImageSource.of(URI.create(server.base("/v3/b/full/600,1200/0/default.jpg"))));
    assertThat(IiifImages.derivative(info("/v3/bare"), fast)).as("level 0 without sizes: the full image").isEqualTo(ImageSource.of(URI.create(server.base("/v3/bare/full/max/0/default.jpg"))));
  }

  @Test
  void v3RespectsMaxAreaAndNeverEnlarges() {
    assertThat(IiifImages.derivative(info("/v3/c"), fast)).isEqualTo(ImageSource.of(URI.create(server.base("/v3/c/full/100,/0/default.jpg"))));
    assertThat(IiifImages.derivative(info("/v3/small"), fast)).isEqualTo(ImageSource.of(URI.create(server.base("/v3/small/full/max/0/default.jpg"))));
  }

  @Test
  void aBaseUrlWithoutInfoJsonWorksAndRedirectsAreFollowed() {
    assertThat(IiifImages.derivative(URI.create(server.base("/v2/a/")), fast)).isEqualTo(ImageSource.of(URI.create(server.base("/v2/a/full/298,/0/default.jpg"))));
    assertThat(IiifImages.derivative(info("/moved"), fast)).isEqualTo(ImageSource.of(URI.create(server.base("/moved/full/298,/0/default.jpg"))));
    assertThat(server.requests).contains("/moved/info.json", "/v2/a/info.json");
  }

  @Test
  void malformedAndWrongDocumentsAreEmbeddingErrorsNamingTheUrl() {
    assertThatThrownBy(() -> IiifImages.derivative(info("/bad"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageStartingWith(info("/bad") + " (IIIF info.json) is not valid JSON: Unexpected end-of-input");
    assertThatThrownBy(() -> IiifImages.derivative(info("/html"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageStartingWith(info("/html") + " (IIIF info.json) is not valid JSON: Unexpected character ('<'");
    assertThatThrownBy(() -> IiifImages.derivative(info("/plainjson"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage(info("/plainjson") + " is JSON but not an IIIF Image API 2 or 3 info.json (no image @context, type or protocol); check the URL");
    assertThatThrownBy(() -> IiifImages.derivative(info("/negative"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage(info("/negative") + ": the info.json's width is '-5', not a positive whole number of pixels");
    assertThatThrownBy(() -> IiifImages.derivative(info("/missing"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage(info("/missing") + ": the IIIF server answered HTTP 404 for info.json; check the URL");
  }

  @Test
  void hugeDeclaredSizesAreRefusedNotRequested() {
    assertThatThrownBy(() -> IiifImages.derivative(info("/huge"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage(info("/huge") + ": the info.json declares a width of 1000000000000000 pixels, over the limit of 1000000000; it is not a plausible image");
    assertThatThrownBy(() -> IiifImages.derivative(info("/thin"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage(server.base("/thin") + ": a derivative of 1000000000 x 1 pixels (from a declared 1000000000 x 1) is over the limit of 16777216 pixels; the image is too elongated to embed");
    assertThat(server.requests).noneMatch(p -> p.startsWith("/thin/full") || p.startsWith("/huge/full"));
  }

  @Test
  void anOverlongInfoJsonIsCutOffAtTheLimit() {
    assertThatThrownBy(() -> IiifImages.derivative(info("/bigjson"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage(info("/bigjson") + ": the info.json is longer than 1048576 bytes; it is not a plausible image description");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void aServerThatNeverAnswersTimesOut() {
    assertThatThrownBy(() -> IiifImages.derivative(info("/hang"), fast))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageStartingWith(info("/hang") + ": the IIIF server did not answer in time (Read timed out; connect limit 2000 ms, read limit 400 ms)");
  }

  @Test
  void infoJsonUrlsAreRecognisedAndMade() {
    assertThat(IiifImages.infoJsonUrl("https://x.org/iiif/abc/")).isEqualTo("https://x.org/iiif/abc/info.json");
    assertThat(IiifImages.infoJsonUrl("https://x.org/iiif/abc/info.json")).isEqualTo("https://x.org/iiif/abc/info.json");
    assertThat(IiifImages.infoJsonUrl("images/a.png")).isEqualTo("images/a.png");
    assertThat(IiifImages.isInfoJson(ImageSource.of("https://x.org/iiif/abc/info.json"))).isTrue();
    assertThat(IiifImages.isInfoJson(ImageSource.of("https://x.org/iiif/abc/full/max/0/default.jpg"))).isFalse();
    assertThat(IiifImages.isInfoJson(ImageSource.of("file:///tmp/info.json"))).isFalse();
    assertThat(IiifImages.isInfoJson(ImageSource.of(Path.of("info.json")))).isFalse();
  }

  /**
   * Property, against a naive reference (every width from the full one down): the derivative fits
   * every limit the server states, is never enlarged, and is the widest such with its shorter side at
   * most the target, give or take a pixel of rounding.
   */
  @Test
  void theFittedDerivativeIsTheLargestWithinTheLimits() {
    URI infoUrl = URI.create("http://h.example/i/info.json");
    for (int seed = 0; seed < 1500; seed++) {
      var rnd = new Random(seed);
      long w = 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 5000);
      long h = 1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 5000);
      long maxW = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2000) : 0;
      long maxH = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2000) : 0;
      long maxArea = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(1_000_000) : 0;
      int target = 1 + rnd.nextInt(400);
      var json = new LinkedHashMap<String, Object>();
      json.put("@context", "http://iiif.io/api/image/3/context.json");
      json.put("id", "x");
      json.put("profile", "level2");
      json.put("width", Long.toString(w));
      json.put("height", Long.toString(h));
      if (maxW > 0) {
        json.put("maxWidth", Long.toString(maxW));
      }
      if (maxH > 0) {
        json.put("maxHeight", Long.toString(maxH));
      }
      if (maxArea > 0) {
        json.put("maxArea", Long.toString(maxArea));
      }
      IiifInfo info = IiifInfo.parse(json, infoUrl);
      long effMaxH = maxH > 0 ? maxH : maxW;
      String size;
      try {
        size = info.derivative(IiifLimits.defaults().withShortSide(target)).toString().replace("http://h.example/i/full/", "").replace("/0/default.jpg", "");
      } catch (FileFormatException e) {
        continue;
      }
      long dw = size.equals("max") ? w : Long.parseLong(size.substring(0, size.length() - 1));
      long dh = size.equals("max") ? h : info.heightFor(dw);
      long ref = 0;
      for (long x = w; x >= 1; x--) {
        long y = Math.max(1, Math.ceilDiv(h * x, w));
        if ((maxW == 0 || x <= maxW) && (effMaxH == 0 || y <= effMaxH) && (maxArea == 0 || x * y <= maxArea) && Math.min(x, y) <= target) {
          ref = x;
          break;
        }
      }
      String what = "seed " + seed + ": " + w + "x" + h + " max " + maxW + "/" + maxH + "/" + maxArea + " target " + target + " -> " + size;
      assertThat(dw).as(what).isBetween(1L, w);
      if (ref > 0) {
        assertThat(maxW == 0 || dw <= maxW).as(what).isTrue();
        assertThat(effMaxH == 0 || dh <= effMaxH).as(what).isTrue();
        assertThat(maxArea == 0 || dw * dh <= maxArea).as(what).isTrue();
        assertThat(dw).as(what + " vs reference " + ref).isBetween(ref - 2, ref + 1);
      }
    }
  }

  @Test
  void anIiifColumnIngestsDerivativesAndReportsEachBadImageAsItsRow() throws Exception {
    Path csv = dir.resolve("iiif.csv");
    var rows = new LinkedHashMap<String, String>();
    rows.put("v2", server.base("/v2/a"));
    rows.put("v3", server.base("/v3/b/info.json"));
    rows.put("moved", server.base("/moved/"));
    rows.put("bad", server.base("/bad"));
    rows.put("html", server.base("/html"));
    rows.put("huge", server.base("/huge"));
    rows.put("missing", server.base("/missing"));
    rows.put("notimage", server.base("/notimage"));
    var sb = new StringBuilder("id,title,image\n");
    rows.forEach((id, url) -> sb.append(id).append(",Work ").append(id).append(',').append(url).append('\n'));
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    var config = Fixtures.fakes().withEmbedder(ProviderSettings.of("color", Map.of()));
    try (var art = ArtCollection.create(config)) {
      var r = art.ingest(csv, IngestOptions.of(ColumnMapping.standard().withImageKind(ColumnMapping.ImageKind.IIIF)).withCheckpointDir(dir.resolve("ckpt")));
      assertThat(art.ids()).containsExactly("v2", "v3", "moved");
      assertThat(art.record("v2").image()).isEqualTo(server.base("/v2/a/info.json"));
      assertThat(r.problems()).extracting(RowProblem::id, RowProblem::kind)
          .containsExactly(
              tuple("bad", RowProblem.Kind.UNREADABLE_IMAGE),
              tuple("html", RowProblem.Kind.UNREADABLE_IMAGE),
              tuple("huge", RowProblem.Kind.UNREADABLE_IMAGE),
              tuple("missing", RowProblem.Kind.UNREADABLE_IMAGE),
              tuple("notimage", RowProblem.Kind.UNREADABLE_IMAGE));
      assertThat(r.problems().get(3).message()).isEqualTo(server.base("/missing/info.json") + ": the IIIF server answered HTTP 404 for info.json; check the URL; fix or replace the image");
      assertThat(r.problems().get(4).message()).startsWith(server.base("/notimage/full/"));
      assertThat(server.requests).filteredOn(p -> p.contains("/full/")).allMatch(p -> !p.contains("/full/full/") && !p.contains("/full/max/"), "no full-size image was asked for");
    }
  }

  @Test
  void infoJsonIsParsedWithTheOneJsonReader() {
    Map<String, Object> json = JsonLines.parseObject(IiifServer.v2("x", 10, 20, ",{\"maxWidth\":5,\"maxArea\":40}").getBytes(StandardCharsets.UTF_8), "t");
    IiifInfo i = IiifInfo.parse(json, URI.create("https://h/x/info.json"));
    assertThat(i).isEqualTo(new IiifInfo(2, URI.create("https://h/x"), 10, 20, 2, List.of(), 5, 5, 40));
  }
}
