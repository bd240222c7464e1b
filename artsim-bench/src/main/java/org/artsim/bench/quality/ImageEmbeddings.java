package org.artsim.bench.quality;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.artsim.Artsim;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.embed.CnnConfig;
import org.artsim.embed.Preprocessing;
import org.artsim.embed.pretrained.ModelFormat;
import org.artsim.embed.pretrained.PretrainedCnn;
import org.artsim.embed.pretrained.PretrainedModels;

/**
 * The vectors of the quality harness's works under one embedding, cached per work in a {@link
 * VectorCache} under {@code cacheDir}, so nothing is embedded twice across runs and subsets.
 *
 * <p>An embedding is named by a spec: {@code pixels} (the 16x16 RGB thumbnail baseline), the name
 * of an installed image embedder used with its defaults ({@code color}, {@code mobilenetv2}...), or
 * {@code <preset>@pm1}: a pretrained CNN preset fed ImageNet's own [-1, 1] input scaling ({@code
 * (x - 0.5) / 0.5}) instead of the preset's own. Every embedding sees the same thumbnail (read by
 * {@link Thumbnails} with the run's alpha handling, at most 320 pixels on its longer side).
 */
final class ImageEmbeddings {
  /** The longer side of the thumbnails every embedding sees. */
  static final int MAX_SIDE = 320;
  /** Images whose header declares more pixels are skipped. */
  static final long MAX_PIXELS = 40_000_000L;
  private static final int BATCH = 32;

  private ImageEmbeddings() {}

  /** The cache file of an embedding spec: its name, the image handling and (for CNNs) the model file's size and time. */
  static Path cacheFile(Path cacheDir, String spec, Thumbnails.Alpha alpha) throws IOException {
    String stamp = "";
    PretrainedCnn preset = PretrainedCnn.byName(spec.split("@")[0]);
    if (preset != null) {
      Path model = PretrainedModels.file(preset, PretrainedModels.defaultDirectory(), ModelFormat.TORCHSCRIPT);
      stamp = String.format(Locale.ROOT, "-m%x-%x", Files.size(model), Files.getLastModifiedTime(model).toMillis());
    }
    String name = spec.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + alpha.name().toLowerCase(Locale.ROOT) + "-t" + MAX_SIDE + stamp + ".avc";
    return cacheDir.resolve(name);
  }

  /** Something to embed: a 24-character cache id and how to get its thumbnail. */
  record Item(String id, ImageSupplier image) {}

  /** Reads or makes one thumbnail. */
  @FunctionalInterface
  interface ImageSupplier {
    /** The RGB thumbnail. */
    BufferedImage get() throws IOException;
  }

  /** The corpus's works as items: their thumbnails read with {@code alpha}. */
  static List<Item> items(List<ClipArtCorpus.Work> works, Thumbnails.Alpha alpha) {
    return works.stream().map(w -> new Item(w.id(), () -> Thumbnails.read(w.image(), alpha, MAX_SIDE, MAX_PIXELS))).toList();
  }

  /**
   * The vectors of {@code works} in order, embedding only those not cached; the works whose
   * image cannot be read are dropped from {@code works} by the caller beforehand ({@link #readable}).
   */
  static List<float[]> vectors(String spec, List<ClipArtCorpus.Work> works, Thumbnails.Alpha alpha, Path cacheDir) throws IOException {
    return itemVectors(spec, items(works, alpha), alpha, cacheDir);
  }

  /** The vectors of {@code items} in order, embedding only those not cached under {@code spec} and {@code alpha}. */
  static List<float[]> itemVectors(String spec, List<Item> works, Thumbnails.Alpha alpha, Path cacheDir) throws IOException {
    try (VectorCache cache = VectorCache.open(cacheFile(cacheDir, spec, alpha))) {
      List<Item> missing = works.stream().filter(w -> cache.get(w.id()) == null).toList();
      if (!missing.isEmpty()) {
        System.out.printf(Locale.ROOT, "# %s: %d of %d cached, embedding %d%n", spec, works.size() - missing.size(), works.size(), missing.size());
        long t0 = System.nanoTime();
        try (Session s = new Session(spec)) {
          for (int i = 0; i < missing.size(); i += BATCH) {
            List<Item> batch = missing.subList(i, Math.min(missing.size(), i + BATCH));
            List<BufferedImage> images = new ArrayList<>();
            for (var w : batch) {
              images.add(w.image().get());
            }
            List<float[]> vs = s.embed(images);
            for (int j = 0; j < batch.size(); j++) {
              cache.put(batch.get(j).id(), vs.get(j));
            }
            cache.flush();
            if ((i / BATCH) % 20 == 0) {
              double secs = (System.nanoTime() - t0) / 1e9;
              System.out.printf(Locale.ROOT, "#   %s: %d / %d embedded, %.1f images/s%n", spec, i + batch.size(), missing.size(), (i + batch.size()) / secs);
            }
          }
        }
        System.out.printf(Locale.ROOT, "# %s: embedded %d in %.0f s%n", spec, missing.size(), (System.nanoTime() - t0) / 1e9);
      }
      List<float[]> out = new ArrayList<>(works.size());
      for (var w : works) {
        out.add(cache.get(w.id()));
      }
      return out;
    }
  }

  /** The works whose thumbnail can be read and is within the pixel budget; the others are counted in {@code dropped} (skipped, unreadable). */
  static List<ClipArtCorpus.Work> readable(List<ClipArtCorpus.Work> works, int[] dropped) {
    List<ClipArtCorpus.Work> out = new ArrayList<>();
    for (var w : works) {
      try {
        if (Thumbnails.fits(w.image(), MAX_PIXELS)) {
          out.add(w);
        } else {
          dropped[0]++;
        }
      } catch (IOException | RuntimeException e) {
        dropped[1]++;
      }
    }
    return out;
  }

  /** One embedding at work. */
  private static final class Session implements AutoCloseable {
    private final String spec;
    private final ImageEmbedder embedder;

    Session(String spec) {
      this.spec = spec;
      this.embedder = spec.equals("pixels") ? null : open(spec);
    }

    private static ImageEmbedder open(String spec) {
      String[] parts = spec.split("@");
      if (parts.length == 1) {
        return Artsim.imageEmbedder(spec);
      }
      PretrainedCnn preset = PretrainedCnn.byName(parts[0]);
      if (preset == null || !parts[1].equals("pm1")) {
        throw new IllegalArgumentException("unknown embedding " + spec + "; use pixels, an image embedder's name, or <pretrained preset>@pm1");
      }
      var p = preset.preprocessing();
      var scaled = new Preprocessing(p.size(), p.resize(), p.crop(), p.filter(), Preprocessing.HALF, Preprocessing.HALF);
      var cnn = CnnConfig.of(new CnnConfig.Preset("cnn", preset.dimension(), scaled, preset.description() + ", input scaled to [-1, 1]"))
          .withModel(PretrainedModels.file(preset, PretrainedModels.defaultDirectory(), ModelFormat.TORCHSCRIPT));
      return Artsim.imageEmbedder(cnn);
    }

    List<float[]> embed(List<BufferedImage> images) {
      List<float[]> out = new ArrayList<>(images.size());
      if (embedder == null) {
        for (BufferedImage img : images) {
          out.add(Thumbnails.pixels(img, 16));
        }
        return out;
      }
      List<ImageSource> sources = images.stream().map(ImageSource::of).toList();
      for (var r : embedder.embedImages(sources)) {
        out.add(r.vectorOrThrow());
      }
      return out;
    }

    @Override
    public void close() {
      if (embedder != null) {
        embedder.close();
      }
    }

    @Override
    public String toString() {
      return spec;
    }
  }
}
