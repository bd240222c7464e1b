package org.artsim.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.ImageSource;
import org.artsim.embed.image.ImageLoader;
import org.artsim.embed.image.PilResampler.Filter;
import org.artsim.spi.ConfigMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Compares Java preprocessing with torchvision + Pillow output committed by make_models.py. */
class PreprocessingTest {

  static Preprocessing pipeline(String name) {
    return switch (name) {
      case "imagenet" -> Preprocessing.imagenet224();
      case "clip" -> Preprocessing.clip224();
      case "nocrop" -> Preprocessing.imagenet224().withoutCrop();
      case "inception" -> new Preprocessing(299, 342, true, Filter.BICUBIC, Preprocessing.HALF, Preprocessing.HALF);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @CsvSource({
    "landscape.png, imagenet", "landscape.png, clip", "landscape.png, nocrop", "landscape.png, inception",
    "portrait_rgba.png, imagenet", "portrait_rgba.png, clip", "portrait_rgba.png, nocrop", "portrait_rgba.png, inception",
    "small_grey.png, imagenet", "small_grey.png, clip", "small_grey.png, nocrop", "small_grey.png, inception"
  })
  void resizeAndCropAreBitIdenticalToTorchvisionOnPil(String image, String pipeline) {
    var p = pipeline(pipeline);
    var img = ImageLoader.load(ImageSource.of(Fixtures.path("images/" + image)), ImageLimits.defaults());
    int[] px = p.resizeAndCrop(img);
    byte[] expected = Fixtures.bytes("pre/" + image + "." + pipeline + ".u8.gz");
    assertThat(expected).hasSize(px.length * 3);
    int maxDiff = 0;
    for (int i = 0; i < px.length; i++) {
      for (int c = 0; c < 3; c++) {
        int java = (px[i] >>> (16 - 8 * c)) & 0xFF;
        int python = expected[i * 3 + c] & 0xFF;
        maxDiff = Math.max(maxDiff, Math.abs(java - python));
      }
    }
    assertThat(maxDiff).as("max 8-bit difference to Pillow").isZero();
  }

  @ParameterizedTest
  @CsvSource({"imagenet", "clip"})
  void tensorsEqualToTensorPlusNormalize(String pipeline) {
    var img = ImageLoader.load(ImageSource.of(Fixtures.path("images/landscape.png")), ImageLimits.defaults());
    float[] java = pipeline(pipeline).toTensor(img);
    float[] python = Fixtures.floats("pre/landscape.png." + pipeline + ".f32.gz");
    assertThat(Fixtures.maxAbsDiff(java, python)).isLessThanOrEqualTo(1e-6);
  }

  @Test
  void rejectsBadSettingsWithMessages() {
    assertThatThrownBy(() -> new Preprocessing(4, 4, true, Filter.BILINEAR, Preprocessing.IMAGENET_MEAN, Preprocessing.IMAGENET_STD))
        .isInstanceOf(ConfigException.class)
        .hasMessage("preprocessing: image_size must be in [8, 4096], got 4");
    assertThatThrownBy(() -> new Preprocessing(224, 200, true, Filter.BILINEAR, Preprocessing.IMAGENET_MEAN, Preprocessing.IMAGENET_STD))
        .isInstanceOf(ConfigException.class)
        .hasMessage("preprocessing: resize must be in [image_size, 8192] when cropping, got 200 with image_size 224");
    assertThatThrownBy(() -> new Preprocessing(224, 256, true, Filter.BILINEAR, Preprocessing.IMAGENET_MEAN, new float[] {1, 0, 1}))
        .isInstanceOf(ConfigException.class)
        .hasMessage("preprocessing: std values must be finite and > 0, got [1.0, 0.0, 1.0]");
    assertThatThrownBy(() -> Preprocessing.read(ConfigMap.of("cnn", Map.of("mean", "1,2")), Preprocessing.imagenet224()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cnn: setting 'mean' is '1,2'; it must be three comma-separated numbers");
  }
}
