package org.artsim.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST for tests: 784-d pixel vectors (0-255 as floats) and class labels 0-9.
 *
 * <p>{@link #subset()} is the committed sample (first 2,400 training and 400 test images, made by
 * {@code tools/fixtures/fashion_mnist_subset.py}); {@link #full()} reads Debian's {@code
 * dataset-fashion-mnist} package when it is installed. {@link #SUBSET_KNN10_ACCURACY} is
 * scikit-learn's 10-NN accuracy on the subset, measured by that script.
 */
public record FashionMnist(float[][] trainImages, int[] trainLabels, float[][] testImages, int[] testLabels) {
  /** scikit-learn KNeighborsClassifier(n_neighbors=10) accuracy on the committed subset. */
  public static final double SUBSET_KNN10_ACCURACY = 0.7875;

  /** Where Debian installs the full data set. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names, by label. */
  public static final String[] CLASSES = {
    "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"
  };

  /** The committed subset. */
  public static FashionMnist subset() {
    return new FashionMnist(
        images(resource("train-images.gz"), Integer.MAX_VALUE),
        labels(resource("train-labels.gz"), Integer.MAX_VALUE),
        images(resource("test-images.gz"), Integer.MAX_VALUE),
        labels(resource("test-labels.gz"), Integer.MAX_VALUE));
  }

  /** Whether the full data set is installed. */
  public static boolean fullAvailable() {
    return Files.isReadable(DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz"));
  }

  /** The first {@code train} training and {@code test} test images of the installed full set. */
  public static FashionMnist full(int train, int test) {
    try {
      return new FashionMnist(
          images(Files.newInputStream(DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz")), train),
          labels(Files.newInputStream(DEBIAN_DIR.resolve("train-labels-idx1-ubyte.gz")), train),
          images(Files.newInputStream(DEBIAN_DIR.resolve("t10k-images-idx3-ubyte.gz")), test),
          labels(Files.newInputStream(DEBIAN_DIR.resolve("t10k-labels-idx1-ubyte.gz")), test));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = FashionMnist.class.getResourceAsStream("fmnist/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource fmnist/" + name);
    }
    return in;
  }

  /** Reads gzip IDX images as float pixel vectors. */
  public static float[][] images(InputStream raw, int limit) {
    try (var in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)))) {
      if (in.readInt() != 2051) {
        throw new IllegalStateException("not an IDX image file");
      }
      int n = Math.min(limit, in.readInt());
      int pixels = in.readInt() * in.readInt();
      float[][] out = new float[n][pixels];
      byte[] row = new byte[pixels];
      for (int i = 0; i < n; i++) {
        in.readFully(row);
        for (int p = 0; p < pixels; p++) {
          out[i][p] = row[p] & 0xff;
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads gzip IDX labels. */
  public static int[] labels(InputStream raw, int limit) {
    try (var in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw)))) {
      if (in.readInt() != 2049) {
        throw new IllegalStateException("not an IDX label file");
      }
      int n = Math.min(limit, in.readInt());
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
