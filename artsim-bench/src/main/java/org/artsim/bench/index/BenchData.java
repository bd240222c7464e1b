package org.artsim.bench.index;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Data sets for the index benchmarks: Fashion-MNIST from Debian's {@code dataset-fashion-mnist}
 * (784-d pixel values 0-255, compared by L2) and "clip512", unit vectors drawn from a Gaussian
 * mixture around random unit centres (the recipe of {@code tools/anchors/clipgen.py}: 1,000
 * centres, noise sigma 0.6/sqrt(d), seed 42; the distribution, not the exact vectors).
 *
 * @param base the vectors to index, one array per item
 * @param baseLabels a class per base vector (Fashion-MNIST class, or cluster id)
 * @param queries the query vectors
 */
public record BenchData(float[][] base, int[] baseLabels, float[][] queries) {
  /** Where Debian installs Fashion-MNIST. */
  public static final Path FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /**
   * A data set by name: {@code fmnist}, {@code clip512}, or {@code file:/path/x.npy} /
   * {@code file:/path/x.fvecs} (see {@link org.artsim.bench.data.VectorFiles}): the first {@code n}
   * rows of the file are the base, the next {@code q} rows the queries (labels are all 0).
   */
  public static BenchData named(String name, int n, int q) {
    if (name.equals("fmnist")) {
      return fashionMnist(n, q);
    }
    if (name.equals("clip512")) {
      return clustered(n, q, 512, 42);
    }
    if (org.artsim.bench.data.VectorFiles.isFile(name)) {
      float[][] all = org.artsim.bench.data.VectorFiles.read(Path.of(name.substring(org.artsim.bench.data.VectorFiles.PREFIX.length())));
      if (all.length < n + q) {
        throw new org.artsim.ArtsimException(name + " has " + all.length + " rows; need n + queries = " + (n + q) + "; lower --n or --queries");
      }
      return new BenchData(java.util.Arrays.copyOfRange(all, 0, n), new int[n], java.util.Arrays.copyOfRange(all, n, n + q));
    }
    throw new org.artsim.ArtsimException("unknown data set " + name + "; use fmnist, clip512 or file:/path/x.npy|.fvecs");
  }

  /** The first {@code n} training images as base and the first {@code q} test images as queries. */
  public static BenchData fashionMnist(int n, int q) {
    try {
      return new BenchData(
          images(FASHION_DIR.resolve("train-images-idx3-ubyte.gz"), n),
          labels(FASHION_DIR.resolve("train-labels-idx1-ubyte.gz"), n),
          images(FASHION_DIR.resolve("t10k-images-idx3-ubyte.gz"), q));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} base and {@code q} query unit vectors of dimension {@code dim} around 1,000 centres. */
  public static BenchData clustered(int n, int q, int dim, long seed) {
    var r = new SplittableRandom(seed);
    int centres = 1000;
    float[][] c = new float[centres][];
    for (int i = 0; i < centres; i++) {
      c[i] = unit(gaussian(r, dim, 1.0));
    }
    double sigma = 0.6 / Math.sqrt(dim);
    int[] labels = new int[n];
    float[][] base = new float[n][];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(centres);
      base[i] = around(r, c[labels[i]], sigma);
    }
    float[][] queries = new float[q][];
    for (int i = 0; i < q; i++) {
      queries[i] = around(r, c[r.nextInt(centres)], sigma);
    }
    return new BenchData(base, labels, queries);
  }

  private static float[] around(SplittableRandom r, float[] centre, double sigma) {
    float[] noise = gaussian(r, centre.length, sigma);
    for (int d = 0; d < centre.length; d++) {
      noise[d] += centre[d];
    }
    return unit(noise);
  }

  private static float[] gaussian(SplittableRandom r, int dim, double sigma) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      double u1 = 1.0 - r.nextDouble();
      double u2 = r.nextDouble();
      v[d] = (float) (sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    float inv = (float) (1 / Math.sqrt(s));
    for (int d = 0; d < v.length; d++) {
      v[d] *= inv;
    }
    return v;
  }

  private static float[][] images(Path path, int limit) throws IOException {
    try (InputStream raw = Files.newInputStream(path);
        var in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw), 1 << 16))) {
      if (in.readInt() != 2051) {
        throw new IOException(path + " is not an idx3 image file");
      }
      int n = Math.min(limit, in.readInt());
      int rows = in.readInt();
      int cols = in.readInt();
      float[][] out = new float[n][rows * cols];
      byte[] px = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        in.readFully(px);
        for (int j = 0; j < px.length; j++) {
          out[i][j] = px[j] & 0xff;
        }
      }
      return out;
    }
  }

  private static int[] labels(Path path, int limit) throws IOException {
    try (InputStream raw = Files.newInputStream(path); var in = new DataInputStream(new GZIPInputStream(raw))) {
      if (in.readInt() != 2049) {
        throw new IOException(path + " is not an idx1 label file");
      }
      int n = Math.min(limit, in.readInt());
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        out[i] = in.readUnsignedByte();
      }
      return out;
    }
  }
}
