package org.artsim.embed.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.analysis.ImageQuality;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.spi.ImageQualityMeterProvider;
import org.artsim.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;

/** The {@code pixels} meter against closed forms and a naive two-pass reference. */
class PixelQualityMeterTest {
  static final ImageQualityMeter METER = Artsim.imageQualityMeter("pixels");

  static BufferedImage solid(int w, int h, Color c) {
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  @Test
  void foundByNameAsTheApiContract() {
    assertThat(Artsim.available().get("ImageQualityMeter")).contains("pixels");
    var p = ProviderRegistry.of(ImageQualityMeterProvider.class).get("pixels");
    assertThat(p.module()).isEqualTo("org.artsim:artsim-embed");
    assertThat(p.defaults()).isEqualTo(PixelQualityConfig.defaults());
    assertThat(PixelQualityConfig.defaults().provider()).isEqualTo("pixels");
  }

  @Test
  void solidColoursHaveTheirClosedFormValues() {
    var red = METER.measure(solid(7, 5, new Color(255, 0, 0)));
    assertThat(red.brightness()).isCloseTo(0.299, within(1e-12));
    assertThat(red.contrast()).isCloseTo(0.0, within(1e-7));
    assertThat(red.saturation()).isCloseTo(1.0, within(1e-12));
    var grey = METER.measure(solid(3, 3, new Color(51, 51, 51)));
    assertThat(grey.brightness()).isCloseTo(0.2, within(1e-12));
    assertThat(grey.saturation()).isZero();
    var black = METER.measure(solid(2, 2, Color.BLACK));
    assertThat(black.brightness()).isZero();
    assertThat(black.saturation()).isZero();
  }

  @Test
  void halfBlackHalfWhiteHasContrastOneHalf() {
    var img = solid(10, 4, Color.BLACK);
    var g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(5, 0, 5, 4);
    g.dispose();
    var q = METER.measure(img);
    assertThat(q.brightness()).isCloseTo(0.5, within(1e-12));
    assertThat(q.contrast()).isCloseTo(0.5, within(1e-12));
    assertThat(q.saturation()).isZero();
  }

  @Test
  void randomImagesMatchANaiveTwoPassComputation() {
    var rnd = new SplittableRandom(7);
    for (int t = 0; t < 20; t++) {
      int w = 1 + rnd.nextInt(40);
      int h = 1 + rnd.nextInt(40);
      var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      double[] luma = new double[w * h];
      double sat = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int r = rnd.nextInt(256);
          int gg = rnd.nextInt(256);
          int b = rnd.nextInt(256);
          img.setRGB(x, y, (r << 16) | (gg << 8) | b);
          luma[y * w + x] = (0.299 * r + 0.587 * gg + 0.114 * b) / 255;
          sat += Color.RGBtoHSB(r, gg, b, null)[1];
        }
      }
      double mean = 0;
      for (double l : luma) {
        mean += l;
      }
      mean /= luma.length;
      double var = 0;
      for (double l : luma) {
        var += (l - mean) * (l - mean);
      }
      var /= luma.length;
      ImageQuality q = METER.measure(img);
      assertThat(q.brightness()).isCloseTo(mean, within(1e-9));
      assertThat(q.contrast()).isCloseTo(Math.sqrt(var), within(1e-6));
      assertThat(q.saturation()).isCloseTo(sat / luma.length, within(1e-6));
    }
  }

  @Test
  void maxSideMeasuresADownscaledCopyAndLeavesSmallImagesAlone() {
    var small = solid(20, 10, new Color(10, 200, 30));
    var meter = new PixelQualityMeterProvider().create(PixelQualityConfig.defaults().withMaxSide(64));
    assertThat(meter.measure(small)).isEqualTo(METER.measure(small));
    var big = solid(400, 100, new Color(10, 200, 30));
    assertThat(meter.measure(big).brightness()).isCloseTo(METER.measure(big).brightness(), within(1e-9));
  }

  @Test
  void badInputsAreTypedErrors() {
    assertThatThrownBy(() -> METER.measure(null)).isInstanceOf(InvalidArgumentException.class).hasMessage("pixels: image is null; pass a decoded image");
    assertThatThrownBy(() -> PixelQualityConfig.parse(Map.of("max_side", "-1")))
        .isInstanceOf(ConfigException.class).hasMessage("pixels: max_side must be in [0, 65536] (0 = every pixel), got -1");
    assertThatThrownBy(() -> PixelQualityConfig.parse(Map.of("max_side", "big")))
        .isInstanceOf(ConfigException.class).hasMessage("pixels: setting 'max_side' is 'big'; it must be a whole number");
    assertThatThrownBy(() -> PixelQualityConfig.parse(Map.of("maxside", "1")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("pixels: unknown setting [maxside]");
  }
}
