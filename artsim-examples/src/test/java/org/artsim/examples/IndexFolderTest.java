package org.artsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.artsim.Progress;
import org.artsim.collection.ArtCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFolderTest {
  @TempDir Path dir;

  private void image(String rel, Color c) throws IOException {
    Path p = dir.resolve("pics").resolve(rel);
    Files.createDirectories(p.getParent());
    var img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, 32, 32);
    g.setColor(Color.WHITE);
    g.fillOval(8, 8, 12, 12);
    g.dispose();
    ImageIO.write(img, "png", p.toFile());
  }

  private String run(boolean tty, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status = IndexFolder.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), tty);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void indexesAFolderThenOnlyWhatIsNewAndWritesTheCollectionAndPage() throws Exception {
    image("red/a.png", Color.RED);
    image("red/b.png", new Color(200, 20, 20));
    image("blue/c.png", Color.BLUE);
    Files.writeString(dir.resolve("pics/readme.md"), "not an image");
    String first = run(false, dir.resolve("pics").toString(), "--embedder", "color");
    assertThat(first).contains("found 3 images under", "readme.md: NOT_AN_IMAGE", "embedder: color", "embedding 3/3 (100%)", "indexed 3 new images (0 already in the collection");
    Path out = dir.resolve("pics/.artsim");
    assertThat(out.resolve("index.html")).exists();
    try (var art = ArtCollection.load(out.resolve("collection"))) {
      assertThat(art.ids()).containsExactly("blue/c.png", "red/a.png", "red/b.png");
      assertThat(art.labelValues("label")).containsExactlyInAnyOrder("red", "blue");
    }
    image("blue/d.png", new Color(20, 20, 200));
    String second = run(true, dir.resolve("pics").toString());
    assertThat(second).contains("adding to the collection in", "\rembedding 1/1", "indexed 1 new images (3 already in the collection");
    try (var art = ArtCollection.load(out.resolve("collection"))) {
      assertThat(art.size()).isEqualTo(4);
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    var err = new ByteArrayOutputStream();
    var ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(IndexFolder.run(new String[] {}, ps, ps, false)).isEqualTo(2);
    assertThat(IndexFolder.run(new String[] {dir.resolve("none").toString()}, ps, ps, false)).isEqualTo(2);
    assertThat(IndexFolder.run(new String[] {dir.toString(), "--bogus"}, ps, ps, false)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "index: name the folder to index; usage: index DIR [--embedder NAME] [--out DIR]\n"
            + "index: " + dir.resolve("none") + " is not a folder; give the folder that holds the images\n"
            + "index: unknown argument '--bogus'; usage: index DIR [--embedder NAME] [--out DIR]\n");
  }

  @Test
  void theProgressLineShowsDoneTotalRateAndEta() {
    assertThat(IndexFolder.ProgressLine.format(new Progress("x", 50, 200, 12.5, Duration.ofSeconds(125))))
        .isEqualTo("embedding 50/200 ( 25%) 12.5 images/s, ETA 2:05");
    assertThat(IndexFolder.ProgressLine.format(new Progress("x", 0, 200, 0, null))).isEqualTo("embedding 0/200 (  0%) 0.0 images/s, ETA --:--");
  }
}
