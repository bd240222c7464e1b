package org.artsim.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.artsim.Hit;
import org.artsim.collection.openclipart.OpenClipArtCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./artsim demo --openclipart} end to end on a tiny directory of Open Clip Art's layout
 * ({@code png/<category>/<subcategory>/<name>.png} beside {@code svg/...}), so no Debian package is
 * needed: transparent drawings whose background hides the ink of a random category, so only compositing on
 * white (the demo's default) lets the colour embedder group them by category.
 */
class OpenClipArtDemoTest {
  @TempDir Path root;
  @TempDir Path out;

  static final Map<String, Color> CATEGORIES = new java.util.TreeMap<>(Map.of("plants/flowers", new Color(220, 30, 40), "nature/sea", new Color(20, 60, 200), "food/fruit", new Color(40, 170, 40)));

  private void drawing(String place, String name, String title, Color ink, int size, Random random) throws IOException {
    Path png = root.resolve("png").resolve(place).resolve(name + ".png");
    Files.createDirectories(png.getParent());
    var img = new BufferedImage(48, 48, BufferedImage.TYPE_INT_ARGB);
    // a fully transparent background that hides the ink of a random category
    int hidden = List.copyOf(CATEGORIES.values()).get(random.nextInt(CATEGORIES.size())).getRGB() & 0x00FFFFFF;
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 48; x++) {
        img.setRGB(x, y, hidden);
      }
    }
    var g = img.createGraphics();
    g.setColor(ink);
    int s = size;
    g.fillOval(24 - s, 24 - s, 2 * s, 2 * s);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
    Path svg = root.resolve("svg").resolve(place).resolve(name + ".svg");
    Files.createDirectories(svg.getParent());
    Files.writeString(svg, """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns:cc="http://web.resource.org/cc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <metadata><rdf:RDF><cc:Work rdf:about="">
            <dc:title>%s</dc:title>
            <dc:subject><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:subject>
            <dc:creator><cc:Agent><dc:title>Artist %s</dc:title></cc:Agent></dc:creator>
          </cc:Work></rdf:RDF></metadata>
        </svg>
        """.formatted(title, place.replace('/', ' '), name.substring(0, 1)));
  }

  private void layout() throws IOException {
    var random = new Random(11);
    int n = 0;
    for (var e : CATEGORIES.entrySet()) {
      String word = e.getKey().substring(e.getKey().indexOf('/') + 1);
      for (int i = 0; i < 10; i++) {
        String title = (word.equals("flowers") ? "Red flower " : "A " + word + " drawing ") + i;
        drawing(e.getKey(), word + "_" + String.format("%02d", n++), title, e.getValue(), 10 + i, random);
      }
    }
  }

  @Test
  void theWholeDemoRunsOnAnOpenClipArtLayoutWithTransparencyOnWhite() throws Exception {
    layout();
    var buffer = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = Demo.main(new String[] {"--openclipart-root", root.toString(), "--limit", "24", "--out", out.toString()},
        new PrintStream(buffer, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(status).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(printed).contains("30 PNG renders, 30 distinct works").contains("sampled 24 of the 30 works evenly");

    // an even sample keeps every category; the saved catalogue has the sampled rows only
    List<String> rows = Files.readAllLines(out.resolve("data/catalogue.csv"));
    assertThat(rows).hasSize(25);
    assertThat(rows.get(0)).isEqualTo(String.join(",", OpenClipArtCatalogue.COLUMNS));
    for (String category : List.of("plants", "nature", "food")) {
      assertThat(rows.stream().filter(l -> l.contains("," + category + "," + category + "/")).count()).as(category).isBetween(7L, 9L);
    }
    assertThat(printed).contains("alpha=white");
  }

  @Test
  void runFindsCategoriesThroughTheColourEmbedderOnWhite() throws Exception {
    layout();
    var o = Demo.Options.parse(new String[] {"--openclipart-root", root.toString(), "--limit", "0", "--out", out.toString()});
    Demo.Result r = Demo.run(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(r.field()).isEqualTo("category");
    assertThat(r.report().added()).isEqualTo(30);
    assertThat(r.report().problems()).isEmpty();
    // "flowr" is repaired to the flowers' titles
    assertThat(r.text().explanation().rewrites()).isNotEmpty();
    assertThat(r.text().hits()).isNotEmpty().allSatisfy(h -> assertThat(h.label("category")).isEqualTo("plants"));
    assertThat(r.conditioned()).isNotEmpty().allSatisfy(h -> assertThat(h.label("category")).isEqualTo(r.conditionValue()));
    assertThat(r.perLabel()).containsOnlyKeys("food", "nature", "plants");
    // the hidden noise under alpha would scatter neighbours; on white, each category's works are each other's neighbours
    assertThat(r.neighbourPrecision()).isGreaterThan(0.9);
    assertThat(r.recommendations().hits()).isNotEmpty().extracting(Hit::id).doesNotContainAnyElementsOf(r.liked());
    assertThat(r.likedShare()).isGreaterThan(r.baseShare());
    assertThat(r.clusters().clusters()).hasSize(3);
    assertThat(r.clusterPurity()).isGreaterThan(0.9);
    assertThat(r.mostUnique()).hasSize(5);
    for (String png : new String[] {"contact sheet", "grid", "map"}) {
      assertThat(ImageIO.read(r.files().get(png).toFile())).as(png).isNotNull();
    }
    assertThat(Files.readString(r.files().get("html"))).contains("Similar to");

    // the same drawings with alpha dropped (Pillow parity): the hidden noise decides the neighbours
    var dropped = Demo.Options.parse(new String[] {"--openclipart-root", root.toString(), "--limit", "0", "--embedder", "color", "--out", out.resolve("drop").toString()});
    Demo.Result d = Demo.run(dropped, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(d.neighbourPrecision()).isLessThan(r.neighbourPrecision() - 0.2);
  }

  /**
   * The real thing: the demo on Debian's installed package (an even sample of 150 works). Skips with
   * the install command when the package is missing, except under CI ({@code CI=true}, where
   * {@code .ci/run} installs it), where it fails instead.
   */
  @Test
  void theDemoRunsOnTheInstalledDebianPackage() throws Exception {
    if (!OpenClipArtCatalogue.installed(OpenClipArtCatalogue.DEBIAN_ROOT)) {
      String message = "Open Clip Art is not installed under " + OpenClipArtCatalogue.DEBIAN_ROOT + "; run: " + OpenClipArtCatalogue.INSTALL_COMMAND;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI=true: " + message);
      }
      org.junit.jupiter.api.Assumptions.abort(message);
    }
    var buffer = new ByteArrayOutputStream();
    var o = Demo.Options.parse(new String[] {"--openclipart", "--limit", "150", "--out", out.toString()});
    Demo.Result r = Demo.run(o, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    // about 8,100 renders of about 6,900 drawings (openclipart-png 1:0.18+dfsg-19), most with an SVG title
    var counts = java.util.regex.Pattern.compile("(\\d+) PNG renders, (\\d+) distinct works").matcher(printed);
    assertThat(counts.find()).as(printed).isTrue();
    assertThat(Integer.parseInt(counts.group(1))).isBetween(8000, 8300);
    assertThat(Integer.parseInt(counts.group(2))).isBetween(6800, 7000);
    assertThat(printed).contains("sampled 150 of the").contains("alpha=white");
    // a few renders are over the image limits: reported rows, never a crash
    assertThat(r.report().added()).isBetween(140, 150);
    assertThat(r.report().added() + r.report().problems().size()).isEqualTo(150);
    assertThat(r.field()).isEqualTo("category");
    assertThat(r.perLabel().size()).isGreaterThanOrEqualTo(15);
    assertThat(r.conditioned()).isNotEmpty().allSatisfy(h -> assertThat(h.label("category")).isEqualTo(r.conditionValue()));
    assertThat(r.recommendations().hits()).isNotEmpty().extracting(Hit::id).doesNotContainAnyElementsOf(r.liked());
    assertThat(r.mostUnique()).hasSize(5);
    for (String png : new String[] {"contact sheet", "grid", "map"}) {
      assertThat(ImageIO.read(r.files().get(png).toFile())).as(png).isNotNull();
    }
  }

  @Test
  void withoutThePackageTheDemoPrintsTheOneInstallLineAndFails() {
    var buffer = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = Demo.main(new String[] {"--openclipart-root", root.resolve("missing").toString(), "--out", out.toString()},
        new PrintStream(buffer, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(OpenClipArtCatalogue.INSTALL_COMMAND + System.lineSeparator());
    assertThat(buffer.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void optionsDefaultToColourOnWhiteAndAGivenEmbedderWins() {
    var o = Demo.Options.parse(new String[] {"--openclipart"});
    assertThat(o.openClipArt()).isEqualTo(OpenClipArtCatalogue.DEBIAN_ROOT);
    assertThat(o.limit()).isEqualTo(OpenClipArtData.DEFAULT_LIMIT);
    assertThat(o.out()).isEqualTo(Path.of("artsim-demo-output", "openclipart"));
    assertThat(o.config().embedder()).isEqualTo(Demo.Options.CLIP_ART_EMBEDDER);
    var m = Demo.Options.parse(new String[] {"--embedder", "test-image", "--openclipart", "--limit", "0", "--model", "mobilenetv2"});
    assertThat(m.config().embedder().provider()).isEqualTo("test-image");
    assertThat(m.limit()).isZero();
    assertThat(m.model()).isEqualTo("mobilenetv2");
    assertThatThrownBy(() -> Demo.Options.parse(new String[] {"--openclipart", "--limit", "-3"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--limit needs a whole number of works (0 for all), got '-3'");
  }

  @Test
  void anUnknownModelIsNamedAndTheColourEmbedderIsUsed() throws Exception {
    layout();
    var buffer = new ByteArrayOutputStream();
    var o = Demo.Options.parse(new String[] {"--openclipart-root", root.toString(), "--model", "resnet9000", "--out", out.toString()});
    Demo.Result r = Demo.run(o, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertThat(buffer.toString(StandardCharsets.UTF_8))
        .contains("--model resnet9000 not used: resnet9000 is not a pretrained preset; use mobilenetv2, mobilenetv2-imagenet or inceptionv3")
        .contains("run `./artsim models` to make the pretrained presets");
    assertThat(r.report().added()).isEqualTo(30);
  }
}
