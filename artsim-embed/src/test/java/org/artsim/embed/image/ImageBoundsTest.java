package org.artsim.embed.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.artsim.EmbeddingException;
import org.artsim.ImageSource;
import org.artsim.embed.ImageLimits;
import org.artsim.embed.StyledImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image reading is bounded whatever the source (issue D4): special files are refused before they
 * are opened, nested URL schemes are refused, bytes are counted while reading, and the decode
 * memory budget (bytes per pixel, shared by concurrent decodes) is checked from the header before
 * decoding. Timeouts here only guard the harness against a regression that would hang.
 */
class ImageBoundsTest {
  static final Duration GUARD = Duration.ofSeconds(20);
  static final ImageLimits LIMITS = ImageLimits.defaults().withMaxBytes(1 << 20);

  @TempDir Path dir;

  static EmbeddingException failure(ImageSource s, ImageLimits limits) {
    return assertTimeoutPreemptively(GUARD, () -> {
      try {
        ImageLoader.load(s, limits);
      } catch (EmbeddingException e) {
        return e;
      }
      throw new AssertionError("expected " + s.describe() + " to fail");
    });
  }

  @Test
  void devicesAreRefusedBeforeReading() {
    for (String dev : List.of("/dev/zero", "/dev/urandom")) {
      Assumptions.assumeTrue(Files.exists(Path.of(dev)), dev);
      assertThat(failure(ImageSource.of(Path.of(dev)), LIMITS))
          .hasMessage(dev + ": is a device, FIFO or socket, not a regular file; only regular files are read as images");
      assertThat(failure(ImageSource.of(URI.create("file:" + dev)), LIMITS))
          .hasMessage(dev + ": is a device, FIFO or socket, not a regular file; only regular files are read as images");
    }
  }

  @Test
  void aSymbolicLinkToADeviceIsRefusedToo() throws IOException {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path link = Files.createSymbolicLink(dir.resolve("zero.png"), Path.of("/dev/zero"));
    assertThat(failure(ImageSource.of(link), LIMITS)).hasMessage(link + ": is a device, FIFO or socket, not a regular file; only regular files are read as images");
  }

  @Test
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("pipe.png");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
    // A guard, started first: should the reader wrongly open the FIFO, this writer releases it instead
    // of letting the test hang. It opens with WRITE only, so it can never create a regular file in
    // the temporary directory once the FIFO is gone (that raced with @TempDir's clean-up).
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
        out.write(0);
      } catch (IOException e) {
        // the FIFO was removed before anybody read it: nothing to release
      }
    });
    writer.setDaemon(true);
    writer.start();
    assertThat(failure(ImageSource.of(fifo), LIMITS)).hasMessage(fifo + ": is a device, FIFO or socket, not a regular file; only regular files are read as images");
    assertThat(failure(ImageSource.of(fifo.toUri()), LIMITS)).hasMessageEndingWith(": is a device, FIFO or socket, not a regular file; only regular files are read as images");
  }

  @Test
  void procFilesAreRefusedAlsoThroughALink() throws IOException {
    Path status = Path.of("/proc/self/status");
    Assumptions.assumeTrue(Files.isRegularFile(status), "no /proc");
    assertThat(failure(ImageSource.of(status), LIMITS)).hasMessageStartingWith("/proc/self/status: is on the kernel's /proc file system (/proc/")
        .hasMessageEndingWith("); only regular files on a disk are read as images");
    Path link = Files.createSymbolicLink(dir.resolve("status.png"), Path.of("/proc/self/status"));
    assertThat(failure(ImageSource.of(link), LIMITS)).hasMessageStartingWith(link + ": is on the kernel's /proc file system");
  }

  @Test
  void aDirectoryIsNotAnImage() {
    assertThat(failure(ImageSource.of(dir), LIMITS)).hasMessage(dir + ": is a directory, not a regular file; only regular files are read as images");
  }

  @Test
  void nestedAndOtherUrlSchemesAreRefusedNamingTheAllowedOnes() {
    for (String url : List.of("jar:http://127.0.0.1:9/a.jar!/b.png", "jar:file:/tmp/a.jar!/b.png")) {
      assertThat(failure(ImageSource.of(URI.create(url)), LIMITS))
          .hasMessage(url + ": unsupported URL scheme 'jar'; use file, http, https (nested jar: URLs are not read: they bypass the download limits; extract the image first)");
    }
    assertThat(failure(ImageSource.of(URI.create("ftp://example.org/a.png")), LIMITS))
        .hasMessage("ftp://example.org/a.png: unsupported URL scheme 'ftp'; use file, http, https");
  }

  @Test
  void aDownloadWithoutALengthIsCountedWhileReading() throws IOException {
    var served = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/endless", ex -> {
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 64; i++) {
          out.write(chunk);
          served.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        // the client stopped reading at its limit
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/endless";
      assertThat(failure(ImageSource.of(URI.create(url)), LIMITS)).hasMessage(url + ": more than 1048576 bytes for one image; raise max_bytes or shrink the image");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aGrowingOrLyingFileIsCutAtTheLimitWhileReading() throws IOException {
    Path big = Files.write(dir.resolve("big.png"), new byte[(1 << 20) + 1]);
    assertThat(failure(ImageSource.of(big), LIMITS)).hasMessage(big + ": 1048577 bytes is over the limit of 1048576 bytes for one image; raise max_bytes or shrink the image");
    byte[] bytes = ImageBytes.readFile(Files.write(dir.resolve("exact.bin"), new byte[1 << 20]), 1 << 20, "image");
    assertThat(bytes).hasSize(1 << 20);
  }

  @Test
  void aTinySixteenBitPngDeclaringAHugeImageIsRefusedFromItsHeader() {
    byte[] bomb = Pngs.black(10_000, 10_000, 16, 6, false);
    assertThat(bomb.length).isLessThan(2_000);
    assertThat(failure(new ImageSource.OfBytes(bomb, "bomb.png"), ImageLimits.defaults()))
        .hasMessageStartingWith("bomb.png: decoding 10000 x 10000 pixels at 8 bytes per pixel (plus 4 for the RGB copy) needs about 1144.4 MiB, over max_decode_bytes = ")
        .hasMessageEndingWith("MiB (shared by all images decoding at once); raise max_decode_bytes (and the heap, -Xmx) or downscale the image");
  }

  @Test
  void bytesPerPixelComeFromTheHeaderSixteenBitAndAlphaCostMore() {
    var limits = ImageLimits.defaults().withMaxDecodeBytes(32L << 20);
    assertThat(failure(new ImageSource.OfBytes(Pngs.black(2000, 2000, 16, 6, false), "rgba16.png"), limits))
        .hasMessage("rgba16.png: decoding 2000 x 2000 pixels at 8 bytes per pixel (plus 4 for the RGB copy) needs about 45.8 MiB, over max_decode_bytes = 32.0 MiB"
            + " (shared by all images decoding at once); raise max_decode_bytes (and the heap, -Xmx) or downscale the image");
    assertThat(failure(new ImageSource.OfBytes(Pngs.black(2000, 2000, 16, 2, false), "rgb16.png"), limits))
        .hasMessageStartingWith("rgb16.png: decoding 2000 x 2000 pixels at 6 bytes per pixel");
    var rgba8 = ImageLoader.load(new ImageSource.OfBytes(Pngs.black(2000, 2000, 8, 6, true), "rgba8.png"), limits);
    assertThat(rgba8.getHeight()).isEqualTo(2000);
    var rgb8 = ImageLoader.load(new ImageSource.OfBytes(Pngs.black(2000, 2000, 8, 2, true), "rgb8.png"), limits);
    assertThat(rgb8.getWidth()).isEqualTo(2000);
    assertThat(DecodeBudget.of(32L << 20).used()).isZero();
  }

  @Test
  void aJpegDeclaringAHugeImageIsRefusedFromItsHeader() throws IOException {
    var out = new ByteArrayOutputStream();
    ImageIO.write(StyledImages.draw(1, 1, 16), "jpeg", out);
    byte[] jpeg = out.toByteArray();
    int sof = -1;
    for (int i = 2; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
        sof = i;
        break;
      }
    }
    assertThat(sof).isPositive();
    ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) 8000).putShort(sof + 7, (short) 12000);
    assertThat(failure(new ImageSource.OfBytes(jpeg, "bomb.jpg"), ImageLimits.defaults().withMaxDecodeBytes(256L << 20)))
        .hasMessage("bomb.jpg: decoding 12000 x 8000 pixels at 3 bytes per pixel (plus 4 for the RGB copy) needs about 640.9 MiB, over max_decode_bytes = 256.0 MiB"
            + " (shared by all images decoding at once); raise max_decode_bytes (and the heap, -Xmx) or downscale the image");
  }

  @Test
  void theDefaultBudgetFollowsTheHeap() {
    assertThat(ImageLimits.defaultDecodeBytes(1L << 30)).isEqualTo(256L << 20);
    assertThat(ImageLimits.defaultDecodeBytes(128L << 20)).isEqualTo(64L << 20);
    assertThat(ImageLimits.defaultDecodeBytes(64L << 30)).isEqualTo(1L << 30);
    long worstUnderMaxPixels = DecodeBudget.estimate(10_000, 10_000, 8);
    assertThat(worstUnderMaxPixels).isGreaterThan(ImageLimits.defaultDecodeBytes(1L << 30));
  }

  /**
   * Six threads decode a 2500 x 2500 16-bit RGBA PNG (about 72 MiB each) in a 320 MiB heap. With
   * the budget shared they take turns and all succeed; with {@code max_decode_bytes} effectively
   * off (the probe's third argument) two of the six end in OutOfMemoryError (checked by hand).
   */
  @Test
  void concurrentLargeDecodesShareTheBudgetInASmallHeap() throws Exception {
    Path png = Files.write(dir.resolve("rgba16.png"), Pngs.black(2500, 2500, 16, 6, true));
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    var cmd = new ArrayList<>(List.of(java, "-Xmx320m", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        DecodeBudgetProbe.class.getName(), png.toString(), "6"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).as(output).contains("ok 6").doesNotContain("OutOfMemoryError");
  }
}
