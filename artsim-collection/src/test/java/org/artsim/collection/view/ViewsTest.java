package org.artsim.collection.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewsTest {
  @TempDir static Path data;
  static ArtCollection art;
  @TempDir Path out;

  @BeforeAll
  static void setUp() {
    Path csv = SampleCatalogue.write(data, 36, 5);
    art = ArtCollection.create(org.artsim.collection.Fixtures.fakes());
    art.ingest(csv, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(data.resolve("ckpt")));
  }

  @AfterAll
  static void tearDown() {
    art.close();
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("a readable PNG at " + png).isNotNull();
    return img;
  }

  @Test
  void matchesSheetShowsTheQueryAndEachMatchAsTiles() throws IOException {
    List<Hit> hits = art.similarTo("w-0004", 4);
    Path png = ContactSheet.write(ContactSheet.matches(art, "w-0004", hits), out.resolve("sheet.png"));
    BufferedImage img = read(png);
    assertThat(img.getWidth()).isEqualTo(8 + 5 * (ContactSheet.TILE + 8));
    // the query's image is drawn scaled into the first tile: its centre pixel matches the source's centre
    BufferedImage query = art.readImage("w-0004");
    int expected = query.getRGB(query.getWidth() / 2, query.getHeight() / 2);
    int actual = img.getRGB(8 + ContactSheet.TILE / 2, 22 + ContactSheet.TILE / 2);
    assertColourClose(actual, expected);
    BufferedImage last = art.readImage(hits.get(3).id());
    assertColourClose(img.getRGB(8 + 4 * (ContactSheet.TILE + 8) + ContactSheet.TILE / 2, 22 + ContactSheet.TILE / 2), last.getRGB(48, 48));
  }

  private static void assertColourClose(int a, int b) {
    for (int shift : new int[] {16, 8, 0}) {
      assertThat((a >> shift) & 0xff).isCloseTo((b >> shift) & 0xff, within(40));
    }
  }

  @Test
  void perLabelGridHasOneColumnPerValueAndOneRowPerQuery() throws IOException {
    var perQuery = new java.util.LinkedHashMap<String, java.util.Map<String, List<Hit>>>();
    for (String q : List.of("w-0000", "w-0007")) {
      perQuery.put(q, art.matchesPerLabel(q, "culture", List.of("japanese", "dutch", "french", "atlantis"), 1));
    }
    Path png = ContactSheet.write(ContactSheet.perLabel(art, "culture", perQuery), out.resolve("grid.png"));
    BufferedImage img = read(png);
    assertThat(img.getWidth()).isEqualTo(8 + 5 * (ContactSheet.TILE + 8));
    assertThat(img.getHeight()).isEqualTo(22 + 2 * (ContactSheet.TILE + 30 + 8) + 8);
    String dutchMatch = perQuery.get("w-0007").get("dutch").get(0).id();
    BufferedImage src = art.readImage(dutchMatch);
    int x = 8 + 2 * (ContactSheet.TILE + 8) + ContactSheet.TILE / 2;
    int y = 22 + (ContactSheet.TILE + 30 + 8) + ContactSheet.TILE / 2;
    assertColourClose(img.getRGB(x, y), src.getRGB(48, 48));
  }

  @Test
  void htmlPageHasThumbnailsScoresAndEscapedText() throws IOException {
    List<Hit> hits = art.similarTo("w-0002", 3);
    Path html =
        HtmlReport.create("Results <for> \"w-0002\"")
            .section("Similar to w-0002", art, "w-0002", hits)
            .section("Matches by culture", art, "w-0002", art.matchesPerLabel("w-0002", "culture", List.of("chinese", "atlantis"), 2))
            .text("Notes", "a & b")
            .write(out.resolve("page/index.html"));
    String page = Files.readString(html);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>Results &lt;for&gt; &quot;w-0002&quot;</title>").contains("a &amp; b").contains("no match");
    for (Hit h : hits) {
      assertThat(page).contains("<b>" + h.id() + "</b>").contains(String.format(java.util.Locale.ROOT, "score %.4f", h.score()));
    }
    var m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(page);
    int images = 0;
    while (m.find()) {
      images++;
      Path thumb = html.getParent().resolve(m.group(1));
      assertThat(read(thumb).getWidth()).isLessThanOrEqualTo(160);
    }
    assertThat(images).isEqualTo(1 + 3 + 1 + 2);
  }

  @Test
  void projectorExportHasMatchingVectorAndMetadataRows() throws IOException {
    ProjectorExport.write(art, out, List.of("title", "culture", "classification"));
    List<String> vectors = Files.readAllLines(out.resolve("vectors.tsv"));
    List<String> meta = Files.readAllLines(out.resolve("metadata.tsv"));
    assertThat(vectors).hasSize(art.size());
    assertThat(meta).hasSize(art.size() + 1);
    assertThat(meta.get(0)).isEqualTo("id\ttitle\tculture\tclassification");
    assertThat(vectors.get(0).split("\t")).hasSize(art.embedderInfo().dimension());
    String first = art.ids().get(0);
    assertThat(meta.get(1)).startsWith(first + "\t" + art.record(first).title() + "\t" + art.record(first).culture());
    float[] v = art.vector(first);
    assertThat(Float.parseFloat(vectors.get(0).split("\t")[3])).isEqualTo(v[3]);
    assertThat(Files.readString(out.resolve("projector_config.pbtxt"))).contains("tensor_path: \"vectors.tsv\"").contains("metadata_path: \"metadata.tsv\"");
  }

  @Test
  void pcaFindsTheDirectionOfLargestVarianceAgainstAnAnalyticAnswer() {
    // points on the line t * (3, 4, 0) plus small noise along z: PC1 is (0.6, 0.8, 0)
    float[][] v = new float[50][];
    var r = new java.util.SplittableRandom(3);
    for (int i = 0; i < v.length; i++) {
      double t = r.nextDouble(-1, 1);
      v[i] = new float[] {(float) (3 * t), (float) (4 * t), (float) (0.01 * r.nextDouble(-1, 1))};
    }
    var p = PcaMap.project(v);
    assertThat(p.explained()[0]).isGreaterThan(0.999);
    for (int i = 0; i < v.length; i++) {
      double expected = 0.6 * v[i][0] + 0.8 * v[i][1];
      double mean = 0;
      for (float[] w : v) {
        mean += (0.6 * w[0] + 0.8 * w[1]) / v.length;
      }
      assertThat(Math.abs(p.points()[i][0])).isCloseTo(Math.abs(expected - mean), within(1e-3));
    }
  }

  @Test
  void pcaMapIsAPngWithEveryCultureColour() throws IOException {
    Path png = PcaMap.write(art, "culture", 400, out.resolve("map.png"));
    BufferedImage img = read(png);
    assertThat(img.getWidth()).isEqualTo(400 + 190);
    int cultures = art.labelValues("culture").size();
    for (int c = 0; c < cultures; c++) {
      int rgb = Drawing.category(c).getRGB() & 0xffffff;
      boolean found = false;
      for (int y = 0; y < img.getHeight() && !found; y++) {
        for (int x = 400; x < img.getWidth() && !found; x++) {
          found = (img.getRGB(x, y) & 0xffffff) == rgb;
        }
      }
      assertThat(found).as("legend swatch of culture " + c).isTrue();
    }
  }
}
