package org.artsim.bench.recommend;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/** Data for the recommend benchmarks: Fashion-MNIST pixels (Debian's package) or seeded Gaussian blobs. */
final class BenchData {
  static final Path FMNIST = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

  private BenchData() {}

  /** {@code "fmnist"}: the first n training images (784-d, 0-255); {@code "blobsD"}: n points of D dims around n/100 centres; {@code "file:/path/x.npy"} or {@code .fvecs}: its first n rows. */
  static float[][] load(String name, int n) {
    if (name.equals("fmnist")) {
      return fashionMnist(n);
    }
    if (org.artsim.bench.data.VectorFiles.isFile(name)) {
      float[][] all = org.artsim.bench.data.VectorFiles.read(Path.of(name.substring(org.artsim.bench.data.VectorFiles.PREFIX.length())));
      if (all.length < n) {
        throw new IllegalArgumentException(name + " has " + all.length + " rows, fewer than n = " + n);
      }
      return java.util.Arrays.copyOf(all, n);
    }
    if (name.startsWith("blobs")) {
      return blobs(n, Integer.parseInt(name.substring(5)), Math.max(10, n / 100), 42);
    }
    throw new IllegalArgumentException("unknown data set " + name + "; use fmnist, blobs<dim> or file:/path/x.npy|.fvecs");
  }

  static float[][] fashionMnist(int n) {
    try (var in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(FMNIST)), 1 << 16))) {
      if (in.readInt() != 2051) {
        throw new IllegalStateException("not an IDX image file: " + FMNIST);
      }
      int count = in.readInt();
      if (n > count) {
        throw new IllegalArgumentException("Fashion-MNIST has " + count + " training images, asked for " + n);
      }
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
      throw new UncheckedIOException("Fashion-MNIST not readable at " + FMNIST + " (apt-get install dataset-fashion-mnist)", e);
    }
  }

  /** Gaussian blobs: centres N(0,1), points centre + N(0, 0.25²) per component. */
  static float[][] blobs(int n, int dim, int centres, long seed) {
    var r = new SplittableRandom(seed);
    float[][] c = new float[centres][dim];
    for (float[] v : c) {
      for (int j = 0; j < dim; j++) {
        v[j] = (float) gaussian(r);
      }
    }
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] centre = c[r.nextInt(centres)];
      for (int j = 0; j < dim; j++) {
        out[i][j] = (float) (centre[j] + 0.25 * gaussian(r));
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
