package org.artsim.embed.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import org.artsim.Artsim;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.Progress;
import org.artsim.embed.Fixtures;
import org.artsim.embed.ImageLimits;
import org.artsim.embed.StyledImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad image and bad URL, alone and inside a batch whose other items must succeed. */
class ImageLoaderTest {
  static HttpServer server;
  static String base;
  static final AtomicInteger inFlight = new AtomicInteger();
  static final AtomicInteger maxInFlight = new AtomicInteger();
  static final ImageLimits FAST = ImageLimits.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400)).withThreads(4);

  @TempDir static Path dir;

  @BeforeAll
  static void startServer() throws IOException {
    byte[] png = png(StyledImages.draw(1, 0, 48));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/ok", ex -> {
      ex.sendResponseHeaders(200, png.length);
      ex.getResponseBody().write(png);
      ex.close();
    });
    server.createContext("/slow", ex -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(400);
        ex.sendResponseHeaders(200, png.length);
        ex.getResponseBody().write(png);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
        ex.close();
      }
    });
    server.createContext("/stall", ex -> {
      try {
        ex.sendResponseHeaders(200, 0);
        ex.getResponseBody().write(Arrays.copyOf(png, 20));
        ex.getResponseBody().flush();
        Thread.sleep(5_000);
      } catch (InterruptedException | IOException e) {
        // the client gave up
      } finally {
        ex.close();
      }
    });
    server.createContext("/missing", ex -> {
      ex.sendResponseHeaders(404, -1);
      ex.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  static byte[] png(BufferedImage img) {
    return encode(img, "png");
  }

  static byte[] encode(BufferedImage img, String format) {
    try {
      var out = new ByteArrayOutputStream();
      ImageIO.write(img, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  /** A PNG whose header claims width x height (the pixel data is a 1x1 image's). */
  static byte[] pngClaiming(int width, int height) {
    byte[] b = png(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
    var buf = ByteBuffer.wrap(b);
    buf.putInt(16, width).putInt(20, height);
    var crc = new CRC32();
    crc.update(b, 12, 17);
    buf.putInt(29, (int) crc.getValue());
    return b;
  }

  /** A 4-channel (CMYK) JPEG written from a raster. */
  static byte[] cmykJpeg() throws IOException {
    WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, new Point(0, 0));
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        r.setPixel(x, y, new int[] {x * 16, y * 16, 100, 30});
      }
    }
    var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var out = new ByteArrayOutputStream();
    try (var ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(r, null, null), null);
    }
    writer.dispose();
    return out.toByteArray();
  }

  /** A 16-bit-per-channel RGB PNG whose samples are the 8-bit image's times 257. */
  static byte[] png16(BufferedImage rgb8) {
    var cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster r = cm.createCompatibleWritableRaster(rgb8.getWidth(), rgb8.getHeight());
    for (int y = 0; y < rgb8.getHeight(); y++) {
      for (int x = 0; x < rgb8.getWidth(); x++) {
        int p = rgb8.getRGB(x, y);
        r.setPixel(x, y, new int[] {((p >> 16) & 0xFF) * 257, ((p >> 8) & 0xFF) * 257, (p & 0xFF) * 257});
      }
    }
    return png(new BufferedImage(cm, r, false, null));
  }

  static EmbeddingException failure(ImageSource s, ImageLimits limits) {
    try {
      ImageLoader.load(s, limits);
    } catch (EmbeddingException e) {
      return e;
    }
    throw new AssertionError("expected " + s.describe() + " to fail");
  }

  @Test
  void eachBadInputFailsAloneWithAMessageThatSaysWhatToDo() throws IOException {
    Path missing = dir.resolve("nope.png");
    assertThat(failure(ImageSource.of(missing), FAST)).hasMessage(missing + ": no such image file; check the path");

    assertThat(failure(new ImageSource.OfBytes("not an image at all".getBytes(), "junk"), FAST))
        .hasMessageStartingWith("junk: not an image in a format this JVM can read (PNG, JPEG, GIF, BMP, WBMP");

    byte[] good = png(StyledImages.draw(2, 0, 64));
    assertThat(failure(new ImageSource.OfBytes(Arrays.copyOf(good, good.length / 2), "half.png"), FAST))
        .hasMessageStartingWith("half.png: corrupt or truncated png (");

    byte[] jpeg = encode(StyledImages.draw(2, 0, 64), "jpeg");
    assertThat(failure(new ImageSource.OfBytes(Arrays.copyOf(jpeg, jpeg.length / 2), "half.jpg"), FAST))
        .hasMessageStartingWith("half.jpg: corrupt or truncated JPEG (");

    assertThat(failure(new ImageSource.OfBytes(cmykJpeg(), "cmyk.jpg"), FAST))
        .hasMessageStartingWith("cmyk.jpg: a CMYK or YCCK JPEG, which is not supported").hasMessageEndingWith("convert it to RGB first (e.g. `magick in.jpg -colorspace sRGB out.jpg`)");

    assertThat(failure(new ImageSource.OfBytes(pngClaiming(50_000, 40_000), "huge.png"), FAST))
        .hasMessage("huge.png: 50000 x 40000 = 2000000000 pixels is over the limit of 100000000 pixels; raise max_pixels or downscale the image");

    assertThat(failure(new ImageSource.OfBytes(good, "big.png"), FAST.withMaxBytes(100)))
        .hasMessage("big.png: " + good.length + " bytes is over the limit of 100 bytes; raise max_bytes or shrink the image");

    assertThat(failure(new ImageSource.OfBytes(new byte[0], "empty.png"), FAST)).hasMessage("empty.png: the image is empty (0 bytes)");

    assertThat(failure(ImageSource.of(URI.create(base + "/stall")), FAST))
        .hasMessageStartingWith(base + "/stall: timed out (")
        .hasMessageEndingWith("; connect limit 2000 ms, download limit 400 ms); raise connect_timeout_ms/read_timeout_ms or check the server");

    assertThat(failure(ImageSource.of(URI.create(base + "/missing")), FAST))
        .hasMessage(base + "/missing: the server answered HTTP 404; check the URL");

    assertThat(failure(ImageSource.of(URI.create("ftp://example.org/a.png")), FAST))
        .hasMessage("ftp://example.org/a.png: unsupported URL scheme 'ftp'; use file, http, https");
  }

  @Test
  void sixteenBitPngIsReadAsItsHighByte() {
    var img = StyledImages.draw(5, 2, 40);
    var back = ImageLoader.load(new ImageSource.OfBytes(png16(img), "deep.png"), FAST);
    assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(back.getRGB(0, 0, 40, 40, null, 0, 40)).containsExactly(img.getRGB(0, 0, 40, 40, null, 0, 40));
  }

  @Test
  void greyAndAlphaFollowPillowConvertRgb() {
    var grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 100, 255});
    var rgb = ImageLoader.toRgb(grey);
    assertThat(rgb.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x646464);
    var argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x10FF8040);
    assertThat(ImageLoader.toRgb(argb).getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF8040);
  }

  @Test
  void aBatchKeepsEveryGoodImageAndReportsEachBadOne() throws IOException {
    var good1 = StyledImages.draw(0, 0, 64);
    Path goodFile = write("good.png", png(good1));
    Path truncated = write("trunc.png", Arrays.copyOf(png(good1), 200));
    Path corrupt = write("corrupt.jpg", "GIF89a but not really".getBytes());
    Path cmyk = write("cmyk.jpg", cmykJpeg());
    Path deep = write("deep.png", png16(StyledImages.draw(5, 2, 40)));
    Path huge = write("huge.png", pngClaiming(20_000, 20_000));
    List<ImageSource> batch = List.of(
        ImageSource.of(goodFile),
        ImageSource.of(dir.resolve("missing.png")),
        ImageSource.of(corrupt),
        ImageSource.of(URI.create(base + "/stall")),
        ImageSource.of(URI.create(base + "/ok")),
        ImageSource.of(truncated),
        ImageSource.of(huge),
        ImageSource.of(cmyk),
        ImageSource.of(deep),
        new ImageSource.OfImage(StyledImages.draw(7, 0, 50), "in-memory"),
        ImageSource.of(URI.create(base + "/missing")),
        ImageSource.of(goodFile.toUri()));
    var progress = new CopyOnWriteArrayList<Progress>();
    List<EmbeddingResult> results;
    try (ImageEmbedder e = (ImageEmbedder) Artsim.embedder("color", Map.of("read_timeout_ms", "400", "decode_threads", "4"))) {
      results = e.embedImages(batch, progress::add);
      assertThat(results).hasSize(batch.size());
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).index()).isEqualTo(i);
      }
      boolean[] expectOk = {true, false, false, false, true, false, false, false, true, true, false, true};
      for (int i = 0; i < expectOk.length; i++) {
        assertThat(results.get(i).ok()).as("item %d %s: %s", i, batch.get(i).describe(), results.get(i)).isEqualTo(expectOk[i]);
        if (expectOk[i]) {
          assertThat(results.get(i).vector()).containsExactly(e.embedImage(batch.get(i)));
        }
      }
      assertThat(results.get(1).error()).hasMessageContaining("no such image file");
      assertThat(results.get(2).error()).hasMessage(corrupt + ": corrupt or truncated gif header (Unexpected block type 116!)");
      assertThat(results.get(3).error()).hasMessageContaining("timed out");
      assertThat(results.get(5).error()).hasMessageContaining("corrupt or truncated png");
      assertThat(results.get(6).error()).hasMessageContaining("over the limit of 100000000 pixels");
      assertThat(results.get(7).error()).hasMessageContaining("CMYK");
      assertThat(results.get(10).error()).hasMessageContaining("HTTP 404");
      assertThat(results.get(11).vector()).containsExactly(results.get(0).vector());
    }
    Progress last = progress.get(progress.size() - 1);
    assertThat(last.done()).isEqualTo(batch.size());
    assertThat(last.total()).isEqualTo(batch.size());
    assertThat(last.ratePerSecond()).isPositive();
    assertThat(last.eta()).isEqualTo(Duration.ZERO);
  }

  @Test
  void downloadsRunConcurrently() {
    maxInFlight.set(0);
    var urls = new ArrayList<ImageSource>();
    for (int i = 0; i < 8; i++) {
      urls.add(ImageSource.of(URI.create(base + "/slow?i=" + i)));
    }
    try (ImageEmbedder e = (ImageEmbedder) Artsim.embedder("color", Map.of("decode_threads", "4"))) {
      assertThat(e.embedImages(urls)).allMatch(EmbeddingResult::ok);
    }
    assertThat(maxInFlight.get()).isBetween(2, 4);
  }

  @Test
  void nullSourceIsRefused() {
    assertThatThrownBy(() -> ImageLoader.load(null, FAST))
        .isInstanceOf(EmbeddingException.class)
        .hasMessage("image source is null; pass ImageSource.of(path), ImageSource.of(uri) or ImageSource.of(image)");
  }

  @Test
  void fixtureFilesLoadFromPathsAndFileUrls() {
    var p = Fixtures.path("images/landscape.png");
    var a = ImageLoader.load(ImageSource.of(p), FAST);
    var b = ImageLoader.load(ImageSource.of(p.toUri()), FAST);
    assertThat(a.getRGB(0, 0, 96, 64, null, 0, 96)).containsExactly(b.getRGB(0, 0, 96, 64, null, 0, 96));
  }
}
