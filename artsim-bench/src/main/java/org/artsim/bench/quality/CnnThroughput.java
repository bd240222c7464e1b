package org.artsim.bench.quality;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.artsim.Artsim;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;

/**
 * Throughput of the pretrained CNN presets end to end through artsim (decoded 320x256 RGB images
 * in, L2-normalised vectors out: resize, tensor copy, inference on DJL PyTorch or ONNX Runtime,
 * normalisation), for the side-by-side with Python torch on the same TorchScript ({@code
 * artsim-bench/python/cnn_throughput.py}). Three warm-up calls (TorchScript's profiling executor optimises during the first two), then calls of {@code batch} images
 * until {@code seconds} have passed (at least one); prints one markdown row per configuration with
 * the environment's glibc {@code MALLOC_*} variables.
 *
 * <pre>
 * java ... org.artsim.bench.quality.CnnThroughput [--presets mobilenetv2,inceptionv3] [--formats torchscript,onnx] [--batches 1,32] [--seconds 20]
 * </pre>
 */
public final class CnnThroughput {
  /** Calls before timing: TorchScript's profiling executor re-optimises the graph during the first two. */
  static final int WARM_UP_CALLS = 3;

  private CnnThroughput() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].substring(2), args[i + 1]);
    }
    double seconds = Double.parseDouble(opt.getOrDefault("seconds", "20"));
    String malloc = System.getenv("MALLOC_MMAP_THRESHOLD_") == null ? "glibc defaults" : "MALLOC_* set";
    Random random = new Random(15);
    for (String preset : opt.getOrDefault("presets", "mobilenetv2,inceptionv3").split(",")) {
      for (String format : opt.getOrDefault("formats", "torchscript,onnx").split(",")) {
        for (String b : opt.getOrDefault("batches", "1,32").split(",")) {
          int batch = Integer.parseInt(b);
          List<ImageSource> images = new ArrayList<>();
          for (int i = 0; i < batch; i++) {
            images.add(ImageSource.of(noise(random, 320, 256)));
          }
          try (ImageEmbedder e = Artsim.imageEmbedder(preset, Map.of("format", format, "batch_size", Integer.toString(batch)))) {
            for (int w = 0; w < WARM_UP_CALLS; w++) {
              e.embedImages(images);
            }
            long t0 = System.nanoTime();
            int calls = 0;
            do {
              e.embedImages(images).forEach(r -> r.vectorOrThrow());
              calls++;
            } while ((System.nanoTime() - t0) / 1e9 < seconds);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "| %s | artsim, DJL %s | %d | %.2f | %d calls in %.0f s | %s |%n",
                preset, format.equals("onnx") ? "ONNX Runtime" : "PyTorch", batch, calls * batch / s, calls, s, malloc);
          }
        }
      }
    }
  }

  private static BufferedImage noise(Random random, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return img;
  }
}
