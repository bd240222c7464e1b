package org.artsim.collection.openclipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.artsim.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClipArtCatalogueTest {

  private static String svg(String title, String creator, String description, String... keywords) {
    var lis = new StringBuilder();
    for (String k : keywords) {
      lis.append("<rdf:li>").append(k).append("</rdf:li>");
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns:cc="http://web.resource.org/cc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <metadata><rdf:RDF><cc:Work rdf:about="">
            <dc:title>%s</dc:title>
            <dc:description>%s</dc:description>
            <dc:subject><rdf:Bag>%s</rdf:Bag></dc:subject>
            <dc:publisher><cc:Agent><dc:title>Open Clip Art Library</dc:title></cc:Agent></dc:publisher>
            <dc:creator><cc:Agent><dc:title>%s</dc:title></cc:Agent></dc:creator>
          </cc:Work></rdf:RDF></metadata>
          <rect width="10" height="10"/>
        </svg>
        """.formatted(title, description, lis, creator);
  }

  private static void png(Path file, int rgb) throws IOException {
    Files.createDirectories(file.getParent());
    var img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(1, 1, rgb);
    ImageIO.write(img, "png", file.toFile());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void writesOneRowPerDrawingWithItsMetadataAndReportsWhatIsMissing(@TempDir Path root) throws IOException {
    png(root.resolve("png/animals/bugs/ant_01.png"), 0xFF112233);
    write(root.resolve("svg/animals/bugs/ant_01.svg"), svg("Red ant, \"small\"", "Jane Doe", "An ant\non a leaf", "ant", "insect"));
    // the same drawing filed a second time elsewhere: one row, the other place in also_filed
    Files.createDirectories(root.resolve("png/nature"));
    Files.copy(root.resolve("png/animals/bugs/ant_01.png"), root.resolve("png/nature/ant_01.png"));
    // no SVG at all; a title-less SVG; a broken SVG
    png(root.resolve("png/shapes/star_polygon_07.png"), 0xFF00FF00);
    png(root.resolve("png/shapes/circle_02.png"), 0xFF0000FF);
    write(root.resolve("svg/shapes/circle_02.svg"), svg("", "Someone", ""));
    png(root.resolve("png/shapes/broken_03.png"), 0xFFFF0000);
    write(root.resolve("svg/shapes/broken_03.svg"), "<svg><metadata><rdf:RDF>");

    Path csv = root.resolve("out/catalogue.csv");
    var result = OpenClipArtCatalogue.write(root, csv, 0);

    assertThat(result.renders()).isEqualTo(5);
    assertThat(result.works()).isEqualTo(4);
    assertThat(result.multiplyFiled()).isEqualTo(1);
    assertThat(result.withTitle()).isEqualTo(1);
    assertThat(result.withDescription()).isEqualTo(1);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("id,title,artist,keywords,description,category,subcategory,also_filed,image");
    String ant = lines.stream().filter(l -> l.contains("Red ant")).findFirst().orElseThrow();
    assertThat(ant).matches("oca-[0-9a-f]{16},\"Red ant, \"\"small\"\"\",Jane Doe,ant; insect,An ant on a leaf,animals,animals/bugs,nature/-,.*ant_01\\.png");
    assertThat(lines).anyMatch(l -> l.contains(",star polygon,,,,shapes,shapes/-,,"));
    assertThat(lines).anyMatch(l -> l.contains(",circle,Someone,,,shapes,shapes/-,,"));
    assertThat(result.problems()).extracting(p -> p.file().getFileName().toString() + ": " + p.message())
        .anyMatch(m -> m.startsWith("star_polygon_07.png: no SVG beside it"))
        .anyMatch(m -> m.startsWith("circle_02.png: no dc:title; the title was made from the file name: circle"))
        .anyMatch(m -> m.startsWith("broken_03.svg: unreadable SVG metadata"));
  }

  @Test
  void anSvgWithAnExternalEntityIsRefusedWithoutReadingIt(@TempDir Path root) throws IOException {
    Path secret = root.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    png(root.resolve("png/special/x_01.png"), 0xFF000000);
    write(root.resolve("svg/special/x_01.svg"), """
        <?xml version="1.0"?>
        <!DOCTYPE svg [<!ENTITY xxe SYSTEM "%s">]>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:cc="http://web.resource.org/cc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <metadata><cc:Work><dc:title>&xxe;</dc:title></cc:Work></metadata>
        </svg>
        """.formatted(secret.toUri()));
    Path csv = root.resolve("c.csv");
    var result = OpenClipArtCatalogue.write(root, csv, 0);
    assertThat(Files.readString(csv)).doesNotContain("TOP-SECRET");
    assertThat(result.works()).isEqualTo(1);
  }

  @Test
  void titlesInSeveralLanguagesAreJoinedAndWhitespaceCollapsed(@TempDir Path root) throws Exception {
    Path f = root.resolve("t.svg");
    write(f, svg("<rdf:Alt><rdf:li xml:lang=\"en\">Owl</rdf:li><rdf:li xml:lang=\"fr\">Hibou</rdf:li></rdf:Alt>", "A\t\tB", ""));
    var meta = SvgMetadata.read(f);
    assertThat(meta.title()).isEqualTo("Owl Hibou");
    assertThat(meta.creator()).isEqualTo("A B");
  }

  @Test
  void badArgumentsAreNamed(@TempDir Path root) {
    assertThatThrownBy(() -> OpenClipArtCatalogue.write(root, root.resolve("c.csv"), 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("holds no png/ directory; install Open Clip Art with: sudo apt-get install openclipart-png openclipart-svg");
    assertThatThrownBy(() -> OpenClipArtCatalogue.write(root, root.resolve("c.csv"), -1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("limit must be 0 (all) or positive, got -1");
    assertThatThrownBy(() -> OpenClipArtCatalogue.write(null, root, 0)).isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void titlesFromFileNamesDropTheNumberAndUnderscores() {
    assertThat(OpenClipArtCatalogue.titleFromName(Path.of("chemistry_flask_matthew__02.png"))).isEqualTo("chemistry flask matthew");
    assertThat(OpenClipArtCatalogue.titleFromName(Path.of("owl.png"))).isEqualTo("owl");
  }
}
