package org.artsim.collection.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.Fixtures;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.RowProblem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FolderCatalogueTest {
  @TempDir Path dir;

  private Path image(String rel, Color c) throws IOException {
    Path p = dir.resolve("art").resolve(rel);
    Files.createDirectories(p.getParent());
    var img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, 24, 24);
    g.dispose();
    ImageIO.write(img, rel.endsWith(".jpg") ? "jpg" : "png", p.toFile());
    return p;
  }

  private Path file(String rel, String text) throws IOException {
    Path p = dir.resolve("art").resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  private Path folder() throws IOException {
    image("blueVase_02.jpg", Color.BLUE);
    image("birds/owl.png", Color.GRAY);
    image("birds/night/bat.png", Color.BLACK);
    image("fish/Carp-KOI.png", Color.ORANGE);
    image("fish/pike.png", Color.GREEN);
    image(".hidden.png", Color.RED);
    image(".git/objects/x.png", Color.RED);
    file("birds/owl.json", "{\"title\":\"Barn owl\",\"artist\":\"A. Painter\",\"tags\":[\"owl\",\"night\"],\"unknown\":{\"x\":1}}");
    file("birds/night/bat.txt", "A bat at dusk.");
    file("fish/metadata.csv", "file,title,culture,keywords\npike.png,Northern pike,Finnish,fish; river\nghost.png,Nobody,x,y\n");
    file("fish/Carp-KOI.json", "{\"title\": {\"not\": \"text\"}}");
    file("notes.pdf", "%PDF-1.4");
    return dir.resolve("art");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aFolderBecomesRowsWithLabelsFromFoldersAndTextFromNamesAndSidecars() throws Exception {
    Path root = folder();
    Files.createSymbolicLink(root.resolve("birds/loop"), root);
    Files.createSymbolicLink(root.resolve("broken.png"), root.resolve("nowhere.png"));
    var r = FolderCatalogue.write(root, dir.resolve("out/catalogue.csv"), null);
    assertThat(r.images()).isEqualTo(5);
    assertThat(r.hidden()).isEqualTo(2);
    assertThat(r.problems()).extracting(p -> root.relativize(p.file()).toString().replace('\\', '/'), FolderProblem::kind)
        .containsExactlyInAnyOrder(
            tuple("birds/loop", FolderProblem.Kind.LINK_LOOP),
            tuple("broken.png", FolderProblem.Kind.UNREADABLE),
            tuple("notes.pdf", FolderProblem.Kind.NOT_AN_IMAGE),
            tuple("fish/metadata.csv", FolderProblem.Kind.BAD_METADATA),
            tuple("fish/Carp-KOI.json", FolderProblem.Kind.BAD_METADATA));
    assertThat(r.problems()).filteredOn(p -> p.kind() == FolderProblem.Kind.BAD_METADATA && p.file().endsWith("Carp-KOI.json")).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo(root.resolve("fish/Carp-KOI.json") + ": the field 'title' is not text or a list of text; the image is listed without it"));

    try (var art = ArtCollection.create(Fixtures.fakes())) {
      var report = art.ingest(r.csv(), IngestOptions.of(FolderCatalogue.mapping()).withCheckpointDir(dir.resolve("ckpt")));
      assertThat(report.problems()).isEmpty();
      assertThat(art.ids()).containsExactly("birds/night/bat.png", "birds/owl.png", "blueVase_02.jpg", "fish/Carp-KOI.png", "fish/pike.png");
      CatalogueRecord owl = art.record("birds/owl.png");
      assertThat(owl.title()).isEqualTo("Barn owl");
      assertThat(owl.artist()).isEqualTo("A. Painter");
      assertThat(owl.fields()).containsEntry("keywords", "birds; owl; owl; night");
      assertThat(owl.indexLabels().get("label")).isEqualTo("birds");
      assertThat(owl.indexLabels().get("folder")).isEqualTo("birds");
      CatalogueRecord bat = art.record("birds/night/bat.png");
      assertThat(bat.description()).isEqualTo("A bat at dusk.");
      assertThat(bat.indexLabels().get("label")).isEqualTo("birds");
      assertThat(bat.indexLabels().get("folder")).isEqualTo("birds/night");
      assertThat(art.record("blueVase_02.jpg").title()).isEqualTo("blue Vase 02");
      assertThat(art.record("blueVase_02.jpg").indexLabels().get("label")).isNull();
      assertThat(art.record("fish/Carp-KOI.png").title()).isEqualTo("Carp KOI");
      CatalogueRecord pike = art.record("fish/pike.png");
      assertThat(pike.title()).isEqualTo("Northern pike");
      assertThat(pike.culture()).isEqualTo("Finnish");
      assertThat(pike.fields()).containsEntry("keywords", "fish; pike; fish; river");

      image("fish/trout.png", Color.CYAN);
      var again = FolderCatalogue.write(root, dir.resolve("out/catalogue.csv"), null);
      var second = art.ingest(again.csv(), IngestOptions.of(FolderCatalogue.mapping()).withCheckpointDir(dir.resolve("ckpt")));
      assertThat(second.added()).as("only the new file is embedded").isEqualTo(1);
      assertThat(second.problems()).extracting(RowProblem::kind).containsOnly(RowProblem.Kind.DUPLICATE_ID).hasSize(5);
    }
  }

  @Test
  void theOutputFolderIsNotWalkedAndTheCatalogueIsTheSameEachTime() throws Exception {
    Path root = folder();
    Path out = root.resolve("index-out");
    image("index-out/thumbs/t.png", Color.RED);
    var first = FolderCatalogue.write(root, out.resolve("catalogue.csv"), out);
    byte[] bytes = Files.readAllBytes(first.csv());
    var second = FolderCatalogue.write(root, out.resolve("catalogue.csv"), out);
    assertThat(second.images()).isEqualTo(5);
    assertThat(Files.readAllBytes(second.csv())).isEqualTo(bytes);
    assertThat(Files.readString(second.csv())).doesNotContain("thumbs");
  }

  @Test
  void anUnreadableImageIsReported() throws Exception {
    Path root = folder();
    Path locked = image("locked.png", Color.RED);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(locked), "running as a user who reads every file (root)");
    var r = FolderCatalogue.write(root, dir.resolve("c.csv"), null);
    assertThat(r.problems()).filteredOn(p -> p.file().equals(locked)).extracting(FolderProblem::kind).containsExactly(FolderProblem.Kind.UNREADABLE);
  }

  @Test
  void aFifoWithAnImageNameIsNotOpened() throws Exception {
    Path root = folder();
    Path fifo = root.resolve("pipe.png");
    Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
    var r = FolderCatalogue.write(root, dir.resolve("c.csv"), null);
    assertThat(r.problems()).filteredOn(p -> p.file().equals(fifo)).singleElement()
        .satisfies(p -> assertThat(p.message()).isEqualTo("not a regular file (a device, FIFO or socket); skipped"));
  }

  @Test
  void notAFolderIsRefused() {
    assertThatThrownBy(() -> FolderCatalogue.write(dir.resolve("missing"), dir.resolve("c.csv"), null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the folder " + dir.resolve("missing") + " is not a directory; give the folder that holds the images");
  }

  @Test
  void fileNamesSplitIntoWords() {
    assertThat(List.of("blueVase_02.png", "chemistry_flask-matthew.png", "IMG_1234.JPG", "HTMLParser.gif", "  spaced  name .png", "x.png", ".png"))
        .map(FileNameText::words)
        .containsExactly("blue Vase 02", "chemistry flask matthew", "IMG 1234", "HTML Parser", "spaced name", "x", "png");
  }
}
