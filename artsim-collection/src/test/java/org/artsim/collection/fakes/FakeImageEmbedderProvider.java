package org.artsim.collection.fakes;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.artsim.ClosedException;
import org.artsim.Embedder;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.EmbedderProvider;

/**
 * Test-only image embedder {@code "test-image"}: the mean colour of each cell of a {@code grid}
 * &times; {@code grid} partition of the image, plus the mean colour of the whole image ({@code
 * 3 grid² + 3} dimensions, each colour channel in [0, 1] minus 0.5, so that cosine similarity discriminates). Reads files, {@code file:} URLs, bytes and decoded
 * images; refuses http(s) (tests have no network). {@link #CRASH_AFTER} simulates a crash.
 */
public final class FakeImageEmbedderProvider implements EmbedderProvider<FakeImageEmbedderProvider.Config> {
  /** When &ge; 0, the embedder throws {@link SimulatedCrash} after embedding this many more images. */
  public static final AtomicInteger CRASH_AFTER = new AtomicInteger(-1);
  /** Counts images embedded by every instance, for tests that check what was resumed. */
  public static final AtomicInteger EMBEDDED = new AtomicInteger();

  /** The fake's settings. */
  public record Config(int grid) {}

  /** A crash in the middle of a batch (an Error, so nothing treats it as a per-item failure). */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("simulated crash");
    }
  }

  @Override
  public String name() {
    return "test-image";
  }

  @Override
  public String description() {
    return "test fake: grid mean colours";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config(4);
  }

  @Override
  public Config parse(Map<String, String> settings) {
    var c = ConfigMap.of("test-image", settings);
    var config = new Config(c.getInt("grid", 4));
    c.finish();
    return config;
  }

  @Override
  public Embedder create(Config config) {
    return new Fake(config.grid());
  }

  static final class Fake implements ImageEmbedder {
    private final int grid;
    private volatile boolean closed;

    Fake(int grid) {
      this.grid = grid;
    }

    @Override
    public EmbedderInfo info() {
      return new EmbedderInfo("test-image", "grid-mean-colour", 3 * grid * grid + 3, Map.of("grid", Integer.toString(grid)));
    }

    @Override
    public float[] embedImage(ImageSource image) {
      checkOpen();
      if (image == null) {
        throw new EmbeddingException("image is null; pass an ImageSource");
      }
      int left = CRASH_AFTER.get();
      if (left == 0) {
        throw new SimulatedCrash();
      }
      if (left > 0) {
        CRASH_AFTER.decrementAndGet();
      }
      BufferedImage img = read(image);
      EMBEDDED.incrementAndGet();
      return features(img);
    }

    private BufferedImage read(ImageSource image) {
      try {
        BufferedImage img =
            switch (image) {
              case ImageSource.OfImage i -> i.image();
              case ImageSource.OfBytes b -> ImageIO.read(new ByteArrayInputStream(b.bytes()));
              case ImageSource.OfFile f -> {
                if (!Files.isRegularFile(f.path())) {
                  throw new EmbeddingException("no image file at " + f.path());
                }
                yield ImageIO.read(f.path().toFile());
              }
              case ImageSource.OfUrl u -> {
                if (!"file".equalsIgnoreCase(u.uri().getScheme())) {
                  throw new EmbeddingException("cannot download " + u.uri() + ": tests have no network");
                }
                yield ImageIO.read(Path.of(u.uri()).toFile());
              }
            };
        if (img == null) {
          throw new EmbeddingException(image.describe() + " is not a readable image");
        }
        return img;
      } catch (IOException e) {
        throw new EmbeddingException(image.describe() + " cannot be read: " + e.getMessage(), e);
      }
    }

    private float[] features(BufferedImage img) {
      int w = img.getWidth();
      int h = img.getHeight();
      double[] sums = new double[3 * grid * grid + 3];
      int[] counts = new int[grid * grid];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int p = img.getRGB(x, y);
          int cell = (y * grid / h) * grid + (x * grid / w);
          for (int c = 0; c < 3; c++) {
            double v = ((p >> (16 - 8 * c)) & 0xff) / 255.0;
            sums[3 * cell + c] += v;
            sums[3 * grid * grid + c] += v;
          }
          counts[cell]++;
        }
      }
      float[] out = new float[sums.length];
      for (int cell = 0; cell < grid * grid; cell++) {
        for (int c = 0; c < 3; c++) {
          out[3 * cell + c] = (float) (sums[3 * cell + c] / Math.max(1, counts[cell]) - 0.5);
        }
      }
      for (int c = 0; c < 3; c++) {
        out[3 * grid * grid + c] = (float) (sums[3 * grid * grid + c] / ((double) w * h) - 0.5);
      }
      out[0] += 1e-3f;
      return out;
    }

    @Override
    public List<EmbeddingResult> embedImages(List<? extends ImageSource> images, ProgressListener listener) {
      checkOpen();
      if (images == null) {
        throw new InvalidArgumentException("images is null; pass a list");
      }
      var tracker = new ProgressTracker("embedding", images.size(), listener);
      var out = new ArrayList<EmbeddingResult>(images.size());
      for (int i = 0; i < images.size(); i++) {
        try {
          out.add(EmbeddingResult.success(i, embedImage(images.get(i))));
        } catch (EmbeddingException e) {
          out.add(EmbeddingResult.failure(i, e));
        }
        tracker.advance(1);
      }
      return out;
    }

    private void checkOpen() {
      if (closed) {
        throw new ClosedException("embedder 'test-image'");
      }
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
