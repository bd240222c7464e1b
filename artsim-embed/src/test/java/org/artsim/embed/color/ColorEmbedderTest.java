package org.artsim.embed.color;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.embed.ColorConfig;
import org.artsim.embed.Fixtures;
import org.artsim.embed.StyledImages;
import org.junit.jupiter.api.Test;

class ColorEmbedderTest {
  static final int PER_STYLE = 5;

  static ImageEmbedder embedder() {
    return Artsim.imageEmbedder("color");
  }

  @Test
  void ranksImagesOfTheSameGeneratedStyleFirst() {
    var images = new ArrayList<ImageSource>();
    var style = new ArrayList<Integer>();
    for (int s = 0; s < StyledImages.STYLES; s++) {
      for (int i = 0; i < PER_STYLE; i++) {
        images.add(new ImageSource.OfImage(StyledImages.draw(s, i, 96), "s" + s + "i" + i));
        style.add(s);
      }
    }
    List<float[]> v;
    try (var e = embedder()) {
      v = e.embedImages(images).stream().map(EmbeddingResult::vectorOrThrow).toList();
    }
    int k = PER_STYLE - 1;
    double sum = 0;
    for (int q = 0; q < v.size(); q++) {
      int qq = q;
      var order = new ArrayList<Integer>();
      for (int j = 0; j < v.size(); j++) {
        if (j != q) {
          order.add(j);
        }
      }
      order.sort((a, b) -> Double.compare(dot(v.get(qq), v.get(b)), dot(v.get(qq), v.get(a))));
      int hits = 0;
      for (int r = 0; r < k; r++) {
        hits += style.get(order.get(r)).equals(style.get(q)) ? 1 : 0;
      }
      sum += (double) hits / k;
    }
    double precision = sum / v.size();
    System.out.printf("color embedder: mean precision@%d over %d styles x %d images = %.3f%n", k, StyledImages.STYLES, PER_STYLE, precision);
    assertThat(precision).isGreaterThanOrEqualTo(0.8);
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void vectorsAreUnitLengthDeterministicAndEqualInBatchAndAlone() {
    try (var e = embedder(); var again = embedder()) {
      assertThat(e.dimension()).isEqualTo(184).isEqualTo(ColorEmbedderProvider.DIMENSION);
      var sources = new ArrayList<ImageSource>();
      for (String name : Fixtures.IMAGES) {
        sources.add(ImageSource.of(Fixtures.path("images/" + name)));
      }
      sources.add(new ImageSource.OfImage(StyledImages.draw(3, 1, 300), "big"));
      var batch = e.embedImages(sources);
      for (int i = 0; i < sources.size(); i++) {
        float[] alone = again.embedImage(sources.get(i));
        assertThat(batch.get(i).vectorOrThrow()).containsExactly(alone);
        assertThat(dot(alone, alone)).isCloseTo(1.0, within(1e-5));
      }
    }
  }

  @Test
  void flatImageStillGetsAUnitVector() {
    var flat = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
    try (var e = embedder()) {
      float[] v = e.embedImage(flat);
      assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
      var tiny = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
      float[] t = e.embedImage(tiny);
      assertThat(dot(t, t)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void similarColoursAreCloserThanDifferentOnes() {
    try (var e = embedder()) {
      float[] warm1 = e.embedImage(StyledImages.draw(0, 0, 64));
      float[] warm2 = e.embedImage(StyledImages.draw(0, 1, 64));
      float[] cool = e.embedImage(StyledImages.draw(4, 0, 64));
      assertThat(dot(warm1, warm2)).isGreaterThan(dot(warm1, cool));
    }
  }

  @Test
  void infoDescribesTheSettings() {
    try (var e = Artsim.embedder("color", Map.of("working_size", "64"))) {
      assertThat(e.info().provider()).isEqualTo("color");
      assertThat(e.info().settings()).containsEntry("working_size", "64");
      assertThat(e.info().compatibleWith(embedder().info())).isFalse();
    }
  }

  @Test
  void infoRecordsAlphaWhiteAndItsSettingsMakeTheSameEmbedderAgain() {
    try (var white = Artsim.embedder("color", Map.of("alpha", "white"));
        var drop = Artsim.embedder("color", Map.of("alpha", "drop"))) {
      assertThat(white.info().settings()).containsEntry("alpha", "white");
      // drop is the default and is not recorded, so collections saved before the setting existed stay compatible
      assertThat(drop.info().settings()).doesNotContainKey("alpha");
      assertThat(drop.info()).isEqualTo(embedder().info());
      assertThat(white.info().compatibleWith(drop.info())).isFalse();
      try (var again = Artsim.embedder("color", white.info().settings())) {
        assertThat(again.info()).isEqualTo(white.info());
      }
    }
  }

  @Test
  void refusesUnknownAndBadSettings() {
    assertThatThrownBy(() -> ColorConfig.parse(Map.of("workingsize", "64")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("color: unknown setting [workingsize]; known settings are [working_size,");
    assertThatThrownBy(() -> ColorConfig.parse(Map.of("working_size", "8")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("color: working_size must be in [16, 1024], got 8");
    assertThatThrownBy(() -> ColorConfig.defaults().withWeights(0, 1, 1))
        .isInstanceOf(ConfigException.class)
        .hasMessage("color: color_weight must be in (0, 10], got 0.0");
    assertThatThrownBy(() -> ColorConfig.parse(Map.of("decode_threads", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("color: decode_threads must be in [1, 256], got 0");
  }
}
