package org.artsim.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageQualityTest {

  static BufferedImage solid(int w, int h, Color c) {
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  @Test
  void solidColoursHaveTheirClosedFormValues() {
    var red = ImageQuality.of(solid(7, 5, new Color(255, 0, 0)));
    assertThat(red.brightness()).isCloseTo(0.299, within(1e-12));
    assertThat(red.contrast()).isCloseTo(0.0, within(1e-7));
    assertThat(red.saturation()).isCloseTo(1.0, within(1e-12));
    var grey = ImageQuality.of(solid(3, 3, new Color(51, 51, 51)));
    assertThat(grey.brightness()).isCloseTo(0.2, within(1e-12));
    assertThat(grey.saturation()).isZero();
    var black = ImageQuality.of(solid(2, 2, Color.BLACK));
    assertThat(black.brightness()).isZero();
    assertThat(black.saturation()).isZero();
    assertThat(red.width()).isEqualTo(7);
    assertThat(red.height()).isEqualTo(5);
  }

  @Test
  void halfBlackHalfWhiteHasContrastOneHalf() {
    var img = solid(10, 4, Color.BLACK);
    var g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(5, 0, 5, 4);
    g.dispose();
    var q = ImageQuality.of(img);
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
          float[] hsv = Color.RGBtoHSB(r, gg, b, null);
          sat += hsv[1];
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
      var q = ImageQuality.of(img);
      assertThat(q.brightness()).isCloseTo(mean, within(1e-9));
      assertThat(q.contrast()).isCloseTo(Math.sqrt(var), within(1e-6));
      assertThat(q.saturation()).isCloseTo(sat / luma.length, within(1e-6));
    }
  }

  @Test
  void labelsUseThreeDecimals() {
    assertThat(ImageQuality.of(solid(2, 2, new Color(255, 0, 0))).asLabels())
        .containsEntry("brightness", "0.299")
        .containsEntry("contrast", "0.000")
        .containsEntry("saturation", "1.000");
  }
}
