package org.artsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README demo end to end on the generated default collection and checks what it found and wrote. */
class DemoTest {
  @TempDir Path out;

  @Test
  void theDemoPathFindsWhatItShouldAndWritesReadableFiles() throws Exception {
    var buffer = new ByteArrayOutputStream();
    var options = new Demo.Options(out, false, 0, TestProviders.config());
    Demo.Result r = Demo.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    // ingestion: every generated row added, nothing reported
    assertThat(r.report().rows()).isEqualTo(240);
    assertThat(r.report().added()).isEqualTo(240);
    assertThat(r.report().problems()).isEmpty();

    // the typo was repaired and the hits are about what was asked
    assertThat(r.text().explanation().rewrites()).isNotEmpty();
    assertThat(r.text().hits()).isNotEmpty();
    assertThat(r.text().hits().get(0).label("culture")).isEqualTo("japanese");

    // label-conditioned matches: every one carries the condition, and the visual neighbourhood is far above chance
    assertThat(r.conditioned()).hasSize(5).allSatisfy(h -> assertThat(h.label("culture")).isEqualTo(r.conditionValue()));
    assertThat(r.conditioned()).extracting(Hit::id).doesNotContain(r.queryId());
    assertThat(r.perLabel()).hasSize(6).allSatisfy((v, hits) -> assertThat(hits).singleElement().satisfies(h -> assertThat(h.label("culture")).isEqualTo(v)));
    assertThat(r.neighbourPrecision()).isGreaterThan(0.5);

    // recommendations move toward the likes and never repeat them
    assertThat(r.recommendations().hits()).hasSize(10).extracting(Hit::id).doesNotContainAnyElementsOf(r.liked());
    assertThat(r.likedShare()).isGreaterThanOrEqualTo(0.5).isGreaterThan(2 * r.baseShare());

    // clusters cover the collection and are purer than chance; uniqueness is ranked
    assertThat(r.clusters().clusters().stream().mapToInt(c -> c.size()).sum()).isEqualTo(240);
    assertThat(r.clusterPurity()).isGreaterThan(0.4);
    assertThat(r.mostUnique()).hasSize(5);
    assertThat(r.mostUnique().get(0).score()).isEqualTo(1.0);

    // files: PNGs decode, the HTML references thumbnails that exist, the saved collection loads
    for (String png : new String[] {"contact sheet", "grid", "map"}) {
      Path p = r.files().get(png);
      assertThat(ImageIO.read(p.toFile())).as(png).isNotNull();
      assertThat(printed).contains(p.toString());
    }
    String html = Files.readString(r.files().get("html"));
    assertThat(html).contains("<h2>Similar to " + r.queryId());
    var img = Pattern.compile("<img src=\"(thumbs/[^\"]+)\"").matcher(html);
    int thumbs = 0;
    while (img.find()) {
      assertThat(ImageIO.read(out.resolve(img.group(1)).toFile())).isNotNull();
      thumbs++;
    }
    assertThat(thumbs).isGreaterThanOrEqualTo(20);
    assertThat(Files.readAllLines(r.files().get("projector").resolve("vectors.tsv"))).hasSize(240);
    try (var loaded = ArtCollection.load(r.files().get("collection"))) {
      assertThat(loaded.size()).isEqualTo(240);
      assertThat(loaded.similarTo(r.queryId(), 5)).isEqualTo(loaded.similarTo(r.queryId(), 5));
    }
    assertThat(out.resolve("checkpoint")).doesNotExist();
  }

  @Test
  void theFashionMnistModeRunsTheSamePathOnDebiansDataSet() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isReadable(DemoData.FASHION_MNIST.resolve("train-images-idx3-ubyte.gz")), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    var buffer = new ByteArrayOutputStream();
    Demo.Result r = Demo.run(new Demo.Options(out, true, 400, TestProviders.config()), new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertThat(r.report().added()).isEqualTo(400);
    assertThat(r.field()).isEqualTo("classification");
    assertThat(r.text().hits()).isNotEmpty().allSatisfy(h -> assertThat(h.label("classification")).isEqualTo("ankle boot"));
    assertThat(r.conditioned()).allSatisfy(h -> assertThat(h.label("classification")).isEqualTo(r.conditionValue()));
    assertThat(r.perLabel()).hasSize(10);
    assertThat(r.neighbourPrecision()).isGreaterThan(0.5);
    assertThat(r.likedShare()).isGreaterThan(2 * r.baseShare());
    assertThat(ImageIO.read(r.files().get("grid").toFile())).isNotNull();
  }

  @Test
  void optionsParse() {
    var o = Demo.Options.parse(new String[] {"--fashion-mnist", "300", "--embedder", "test-image", "--out", "x"});
    assertThat(o.fashionMnist()).isTrue();
    assertThat(o.fashionCount()).isEqualTo(300);
    assertThat(o.out()).isEqualTo(Path.of("x"));
    assertThat(o.config().embedder().provider()).isEqualTo("test-image");
    assertThat(Demo.Options.parse(new String[0])).isEqualTo(Demo.Options.defaults());
  }
}
