package org.artsim.embed.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.embed.ClipConfig;
import org.artsim.embed.CnnConfig;
import org.artsim.embed.ColorConfig;
import org.artsim.embed.ImageLimits;
import org.artsim.embed.pretrained.PretrainedCnnConfig;
import org.artsim.spi.EmbedderProvider;
import org.artsim.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code alpha} setting: dropped by default (Pillow parity), composited on white on request. */
class AlphaModeTest {
  static final ImageLimits DROP = ImageLimits.defaults();
  static final ImageLimits WHITE = ImageLimits.defaults().withAlpha(AlphaMode.WHITE);

  /** A 3 x 1 RGBA PNG: red fully transparent, red half transparent, opaque blue. */
  static byte[] redUnderAlpha() throws IOException {
    var img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x00FF0000);
    img.setRGB(1, 0, 0x80FF0000);
    img.setRGB(2, 0, 0xFF0000FF);
    return png(img);
  }

  static byte[] png(BufferedImage img) throws IOException {
    var out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, "png", out)).isTrue();
    return out.toByteArray();
  }

  static int rgb(BufferedImage img, int x) {
    return img.getRGB(x, 0) & 0xFFFFFF;
  }

  @Test
  void redUnderAlphaIsRedWhenDroppedAndWhiteWhenComposited() throws IOException {
    var dropped = ImageLoader.load(new ImageSource.OfBytes(redUnderAlpha(), "red.png"), DROP);
    assertThat(new int[] {rgb(dropped, 0), rgb(dropped, 1), rgb(dropped, 2)}).containsExactly(0xFF0000, 0xFF0000, 0x0000FF);
    var white = ImageLoader.load(new ImageSource.OfBytes(redUnderAlpha(), "red.png"), WHITE);
    assertThat(white.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    // 128/255 of red over white: green and blue = round(255 * 127 / 255) = 127
    assertThat(new int[] {rgb(white, 0), rgb(white, 1), rgb(white, 2)}).containsExactly(0xFFFFFF, 0xFF7F7F, 0x0000FF);
  }

  static int naiveOnWhite(int argb) {
    double a = (argb >>> 24) / 255.0;
    int r = (int) Math.round(((argb >> 16) & 0xFF) * a + 255 * (1 - a));
    int g = (int) Math.round(((argb >> 8) & 0xFF) * a + 255 * (1 - a));
    int b = (int) Math.round((argb & 0xFF) * a + 255 * (1 - a));
    return r << 16 | g << 8 | b;
  }

  @Test
  void compositingMatchesANaiveReferenceForEveryPngKindOnManySeeds() throws IOException {
    for (int seed = 0; seed < 40; seed++) {
      var random = new Random(seed);
      int w = 1 + random.nextInt(9);
      int h = 1 + random.nextInt(9);
      BufferedImage src = switch (seed % 4) {
        case 0 -> new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        case 1 -> greyAlpha(w, h);
        case 2 -> palette(w, h, random);
        default -> rgba16(w, h);
      };
      if (seed % 4 != 2) {
        var raster = src.getRaster();
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            for (int band = 0; band < raster.getNumBands(); band++) {
              raster.setSample(x, y, band, random.nextInt(seed % 4 == 3 ? 65536 : 256));
            }
          }
        }
      }
      var loaded = ImageLoader.load(new ImageSource.OfBytes(png(src), "seed" + seed + ".png"), WHITE);
      var fromImage = ImageLoader.load(ImageSource.of(src), WHITE);
      var dropped = ImageLoader.load(new ImageSource.OfBytes(png(src), "seed" + seed + ".png"), DROP);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int argb = src.getRGB(x, y);
          var r = src.getRaster();
          if (seed % 4 == 1) {
            // grey is replicated without gamma conversion (getRGB would convert linear grey)
            int v = r.getSample(x, y, 0);
            argb = r.getSample(x, y, 1) << 24 | v << 16 | v << 8 | v;
          } else if (seed % 4 == 3) {
            // 16-bit samples: the high byte of each, alpha included (getRGB rounds instead)
            argb = (r.getSample(x, y, 3) >>> 8) << 24 | (r.getSample(x, y, 0) >>> 8) << 16 | (r.getSample(x, y, 1) >>> 8) << 8 | r.getSample(x, y, 2) >>> 8;
          }
          assertThat(loaded.getRGB(x, y) & 0xFFFFFF).as("seed %d at %d,%d", seed, x, y).isEqualTo(naiveOnWhite(argb));
          assertThat(fromImage.getRGB(x, y) & 0xFFFFFF).as("seed %d at %d,%d", seed, x, y).isEqualTo(naiveOnWhite(argb));
          assertThat(dropped.getRGB(x, y) & 0xFFFFFF).as("seed %d at %d,%d", seed, x, y).isEqualTo(argb & 0xFFFFFF);
        }
      }
    }
  }

  static BufferedImage greyAlpha(int w, int h) {
    var cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    return new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
  }

  static BufferedImage rgba16(int w, int h) {
    var cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
    return new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
  }

  static BufferedImage palette(int w, int h, Random random) {
    byte[] r = new byte[16];
    byte[] g = new byte[16];
    byte[] b = new byte[16];
    byte[] a = new byte[16];
    random.nextBytes(r);
    random.nextBytes(g);
    random.nextBytes(b);
    random.nextBytes(a);
    a[0] = 0;
    var img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(4, 16, r, g, b, a));
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, random.nextInt(16));
      }
    }
    return img;
  }

  @Test
  void imagesWithoutAlphaAreUnchanged() throws IOException {
    var img = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
    img.setRGB(0, 0, 0x123456);
    img.setRGB(1, 0, 0xABCDEF);
    var white = ImageLoader.load(new ImageSource.OfBytes(png(img), "rgb.png"), WHITE);
    assertThat(new int[] {rgb(white, 0), rgb(white, 1)}).containsExactly(0x123456, 0xABCDEF);
  }

  @ParameterizedTest
  @ValueSource(strings = {"color", "cnn", "resnet50", "vgg16", "inception", "clip", "mobilenetv2", "mobilenetv2-imagenet", "inceptionv3"})
  void everyImageEmbedderAcceptsTheSettingAndDefaultsToDrop(String name) {
    var provider = ProviderRegistry.of(EmbedderProvider.class).get(name);
    assertThat(limits(provider.parse(Map.of())).alpha()).isEqualTo(AlphaMode.DROP);
    assertThat(limits(provider.parse(Map.of("alpha", "white"))).alpha()).isEqualTo(AlphaMode.WHITE);
    assertThat(limits(provider.parse(Map.of("alpha", "DROP"))).alpha()).isEqualTo(AlphaMode.DROP);
    assertThatThrownBy(() -> provider.parse(Map.of("alpha", "black")))
        .isInstanceOf(ConfigException.class).hasMessage(name + ": setting 'alpha' is 'black'; it must be one of [drop, white]");
  }

  static ImageLimits limits(Object config) {
    return switch (config) {
      case ColorConfig c -> c.limits();
      case CnnConfig c -> c.limits();
      case ClipConfig c -> c.limits();
      case PretrainedCnnConfig c -> c.limits();
      default -> throw new AssertionError("an image embedder config without limits: " + config);
    };
  }

  @Test
  void typedConfigsCarryTheModeAndNullIsRefused() {
    assertThat(ColorConfig.defaults().withLimits(WHITE).limits().alpha()).isEqualTo(AlphaMode.WHITE);
    assertThat(WHITE.withThreads(3).withMaxBytes(10).alpha()).isEqualTo(AlphaMode.WHITE);
    assertThatThrownBy(() -> DROP.withAlpha(null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("images: alpha is null; use AlphaMode.DROP (Pillow convert(\"RGB\") parity) or AlphaMode.WHITE");
  }

  @Test
  void theColourEmbedderSeesATransparentRedImageAsWhiteOnlyWhenAskedTo() throws IOException {
    var transparentRed = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    var white = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    var red = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        transparentRed.setRGB(x, y, 0x00FF0000);
        white.setRGB(x, y, 0xFFFFFF);
        red.setRGB(x, y, 0xFF0000);
      }
    }
    byte[] bytes = png(transparentRed);
    try (var composited = (ImageEmbedder) Artsim.embedder("color", Map.of("alpha", AlphaMode.WHITE));
        var dropped = (ImageEmbedder) Artsim.embedder(ColorConfig.defaults())) {
      assertThat(composited.embedImage(new ImageSource.OfBytes(bytes, "t.png"))).containsExactly(composited.embedImage(ImageSource.of(white)));
      assertThat(dropped.embedImage(new ImageSource.OfBytes(bytes, "t.png"))).containsExactly(dropped.embedImage(ImageSource.of(red)));
      assertThat(composited.embedImage(ImageSource.of(transparentRed))).containsExactly(composited.embedImage(ImageSource.of(white)));
    }
  }
}
