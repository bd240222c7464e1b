package org.artsim.bench.quality;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.artsim.Metric;

/**
 * A sanity row: Fashion-MNIST (Debian's {@code dataset-fashion-mnist}) label precision@10,
 * leave-one-out over the first {@code n} test images, for raw pixels (784 grey values / 255, L2)
 * and image embedders (the 28x28 grey image as RGB, cosine). Chance is 0.1 (ten balanced classes).
 *
 * <pre>
 * java ... org.artsim.bench.quality.FashionQuality [--n 2000] [--embedders pixels,mobilenetv2,mobilenetv2-imagenet]
 * </pre>
 */
public final class FashionQuality {
  /** Where Debian installs the data set. */
  static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private FashionQuality() {}

  /** One test image: its cache id, grey pixels and label. */
  record Sample(String id, byte[] pixels, String label) {}

  /** Runs the measurement. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].substring(2), args[i + 1]);
    }
    int n = Integer.parseInt(opt.getOrDefault("n", "2000"));
    List<String> embedders = List.of(opt.getOrDefault("embedders", "pixels,mobilenetv2,mobilenetv2-imagenet").split(","));
    Path cacheDir = Path.of(opt.getOrDefault("cache", "artsim-bench/target/quality-cache"));
    List<Sample> samples = read(DIR.resolve("t10k-images-idx3-ubyte.gz"), DIR.resolve("t10k-labels-idx1-ubyte.gz"), n);
    System.out.printf(Locale.ROOT, "# Fashion-MNIST test images 0..%d, leave-one-out label precision@10%n", samples.size() - 1);
    System.out.println("| embedding | label P@10 | kNN vote | chance |");
    System.out.println("|---|---|---|---|");
    for (String name : embedders) {
      String spec = name.trim();
      List<float[]> vectors;
      Metric metric = Metric.COSINE;
      if (spec.equals("pixels")) {
        metric = Metric.L2;
        vectors = new ArrayList<>();
        for (Sample s : samples) {
          float[] v = new float[s.pixels().length];
          for (int i = 0; i < v.length; i++) {
            v[i] = (s.pixels()[i] & 0xff) / 255f;
          }
          vectors.add(v);
        }
      } else {
        List<ImageEmbeddings.Item> items = samples.stream().map(s -> new ImageEmbeddings.Item(s.id(), () -> image(s.pixels()))).toList();
        vectors = ImageEmbeddings.itemVectors(spec, items, Thumbnails.Alpha.WHITE, cacheDir);
      }
      var f = RetrievalQuality.measure(samples, vectors, metric, 10, s -> Set.of(s.label()), Sample::label);
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", spec, f.microPrecision(), f.voteAccuracy(), f.chancePrecision());
    }
  }

  /** A 28x28 grey image as RGB. */
  static BufferedImage image(byte[] pixels) {
    BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 784; i++) {
      int g = pixels[i] & 0xff;
      img.setRGB(i % 28, i / 28, (g << 16) | (g << 8) | g);
    }
    return img;
  }

  static List<Sample> read(Path images, Path labels, int limit) throws IOException {
    List<Sample> out = new ArrayList<>();
    try (InputStream ri = Files.newInputStream(images);
        var in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(ri), 1 << 16));
        InputStream rl = Files.newInputStream(labels);
        var ln = new DataInputStream(new GZIPInputStream(rl))) {
      if (in.readInt() != 2051 || ln.readInt() != 2049) {
        throw new IOException(images + " / " + labels + " are not idx3 / idx1 files");
      }
      int n = Math.min(limit, Math.min(in.readInt(), ln.readInt()));
      if (in.readInt() != 28 || in.readInt() != 28) {
        throw new IOException(images + " does not hold 28x28 images");
      }
      for (int i = 0; i < n; i++) {
        byte[] px = new byte[784];
        in.readFully(px);
        out.add(new Sample(String.format(Locale.ROOT, "fmte%020d", i), px, Integer.toString(ln.readUnsignedByte())));
      }
    }
    return out;
  }
}
