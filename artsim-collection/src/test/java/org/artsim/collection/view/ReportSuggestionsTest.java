package org.artsim.collection.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report's "probably:" lines (shown only where the label is missing or differs, escaped) and its map section. */
class ReportSuggestionsTest {
  private static final String HOSTILE = "<script>alert('x')</script> & \"bugs\"";
  private static final String SHAPES = "shapes<img src=x onerror=alert(1)>";

  @TempDir Path out;

  /** Cluster A: six works labelled HOSTILE, "odd" labelled SHAPES and "bare" unlabelled; cluster B: five works labelled SHAPES, far away. */
  private static ArtCollection collection() {
    var art = ArtCollection.create(Fixtures.fakes().withMetric(Metric.L2));
    for (int i = 0; i < 6; i++) {
      art.add(CatalogueRecord.of("a" + i, "A " + i, null).withLabels(Labels.of("kind", HOSTILE)), at(0, i * 0.1f));
    }
    art.add(CatalogueRecord.of("odd", "odd one", null).withLabels(Labels.of("kind", SHAPES)), at(0.05f, 0.05f));
    art.add(CatalogueRecord.of("bare", "no label", null).withLabels(Labels.of("other", "x")), at(0.02f, 0.3f));
    for (int i = 0; i < 5; i++) {
      art.add(CatalogueRecord.of("b" + i, "B " + i, null).withLabels(Labels.of("kind", SHAPES)), at(10, 10 + i * 0.1f));
    }
    return art;
  }

  private static float[] at(float x, float y) {
    float[] v = new float[51];
    v[0] = x;
    v[1] = y;
    return v;
  }

  private static List<Hit> all(ArtCollection art) {
    var hits = new ArrayList<Hit>();
    art.ids().forEach(id -> hits.add(new Hit(id, 1f, art.record(id).indexLabels())));
    return hits;
  }

  @Test
  void probablyLinesAppearWhereTheLabelIsMissingOrDiffersAndAreEscaped() throws IOException {
    try (var art = collection()) {
      Path html = HtmlReport.create("Labels").suggesting("kind").section("All works", art, null, all(art)).write(out.resolve("index.html"));
      String page = Files.readString(html);
      var lines = Pattern.compile("<span class=\"probably\">([^<]*)</span>").matcher(page).results().map(m -> m.group(1)).toList();
      assertThat(lines).hasSize(2);
      for (String id : List.of("odd", "bare")) {
        var top = art.suggestLabels(id, "kind", 1).get(0);
        assertThat(top.value()).isEqualTo(HOSTILE);
        assertThat(lines).contains("probably: " + HtmlReport.esc(HOSTILE) + String.format(Locale.ROOT, ", %.2f", top.share()));
      }
      assertThat(HtmlReport.esc(HOSTILE)).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;bugs&quot;");
      assertThat(page).doesNotContain("<script>").doesNotContain("<img src=x").contains(HtmlReport.esc(SHAPES));
      // the odd work's figure carries the line; an agreeing work's does not
      assertThat(figureOf(page, "odd")).contains("probably:");
      assertThat(figureOf(page, "a3")).doesNotContain("probably:");
      assertThat(figureOf(page, "b1")).doesNotContain("probably:");
    }
  }

  private static String figureOf(String page, String id) {
    int at = page.indexOf("<b>" + id + "</b>");
    assertThat(at).as("figure of " + id).isPositive();
    return page.substring(at, page.indexOf("</figure>", at));
  }

  @Test
  void withoutSuggestingThereAreNoLinesAndAnUnknownFieldIsRefused() throws IOException {
    try (var art = collection()) {
      String page = Files.readString(HtmlReport.create("No labels").section("All", art, null, all(art)).write(out.resolve("plain.html")));
      assertThat(page).doesNotContain("probably:");
      var report = HtmlReport.create("Typo").suggesting("knd").section("All", art, null, all(art));
      assertThatThrownBy(() -> report.write(out.resolve("typo.html"))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("did you mean 'kind'?");
    }
  }

  @Test
  void aMapSectionDrawsThePngBesideThePage() throws IOException {
    try (var art = collection()) {
      Path html = HtmlReport.create("Map").map("Map by kind", art, "kind", CollectionMap.Method.UMAP, UmapConfig.defaults().withNeighbors(4)).write(out.resolve("m/index.html"));
      String page = Files.readString(html);
      assertThat(page).contains("<img class=\"map\" src=\"maps/map-0.png\" alt=\"map by kind\">");
      BufferedImage img = ImageIO.read(out.resolve("m/maps/map-0.png").toFile());
      assertThat(img.getWidth()).isEqualTo(640 + ScatterPlot.LEGEND);
      assertThatThrownBy(() -> HtmlReport.create("x").map("m", art, null, CollectionMap.Method.AUTO, UmapConfig.defaults())).isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Test
  void autoDrawsUmapUpToTheLimitAndPcaBeyondOrForTinyCollections() {
    var d = UmapConfig.defaults();
    assertThat(CollectionMap.Method.AUTO.resolve(16, d)).isEqualTo(CollectionMap.Method.UMAP);
    assertThat(CollectionMap.Method.AUTO.resolve(CollectionMap.UMAP_LIMIT, d)).isEqualTo(CollectionMap.Method.UMAP);
    assertThat(CollectionMap.Method.AUTO.resolve(CollectionMap.UMAP_LIMIT + 1, d)).isEqualTo(CollectionMap.Method.PCA);
    assertThat(CollectionMap.Method.AUTO.resolve(15, d)).isEqualTo(CollectionMap.Method.PCA);
    assertThat(CollectionMap.Method.PCA.resolve(100, d)).isEqualTo(CollectionMap.Method.PCA);
    try (var art = collection()) {
      assertThatThrownBy(() -> CollectionMap.render(art, "kind", 32, CollectionMap.Method.AUTO, d)).isInstanceOf(InvalidArgumentException.class).hasMessage("size must be at least 64 pixels, got 32");
      assertThatThrownBy(() -> CollectionMap.render(art, "kinds", 200, CollectionMap.Method.AUTO, d)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("did you mean 'kind'?");
      assertThatThrownBy(() -> CollectionMap.render(art, "kind", 200, CollectionMap.Method.UMAP, d)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("nNeighbors (15) must be below the number of points (13)");
      assertThat(CollectionMap.render(art, "kind", 200, CollectionMap.Method.AUTO, d).getWidth()).as("13 records: PCA").isEqualTo(200 + ScatterPlot.LEGEND);
    }
  }
}
