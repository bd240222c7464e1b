package org.artsim.bench.quality;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.artsim.Artsim;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.DuplicateGroup;

/**
 * Planted near-duplicates: for some works, three altered copies of their thumbnail are added to the
 * collection (re-encoded as JPEG at quality 70, resized to half, cropped to the central 90%), and a
 * {@link DuplicateFinder} (by name, through the api) runs over originals and copies. A <b>planted
 * pair</b> is two members of one work's group (the original and its three copies: six pairs a work).
 *
 * <ul>
 *   <li><b>recall</b>: the share of planted pairs that the finder puts in one duplicate group;
 *   <li><b>precision</b>: of the pairs the finder reports (two members of one group) that involve
 *       at least one copy, the share that are planted; pairs of two originals are counted apart
 *       (the collection has real near-duplicates of its own, which are not errors).
 * </ul>
 */
final class PlantedDuplicates {
  /** The three alterations, each with the 4-character prefix of its copies' cache ids. */
  enum Alteration {
    /** JPEG at quality 70, decoded again. */
    JPEG70("jq70"),
    /** Resized to half its width and height (bilinear). */
    HALF("half"),
    /** The central 90% of width and height. */
    CROP90("cr90");

    private final String prefix;

    Alteration(String prefix) {
      this.prefix = prefix;
    }

    /** The cache id of the copy of work {@code id} (never a work's id: the prefix is not hexadecimal). */
    String copyId(String id) {
      return prefix + id.substring(4);
    }

    /** The altered copy. */
    BufferedImage apply(BufferedImage src) throws IOException {
      return switch (this) {
        case JPEG70 -> jpeg(src, 0.70f);
        case HALF -> scaled(src, Math.max(1, src.getWidth() / 2), Math.max(1, src.getHeight() / 2));
        case CROP90 -> centreCrop(src, 0.9);
      };
    }
  }

  private PlantedDuplicates() {}

  /** The figures at one threshold. */
  record Figures(double threshold, double recall, double precision, int plantedPairs, int foundCopyPairs, int originalPairs, int groups) {}

  /**
   * Runs the finder over {@code vectors} (originals first, then copies; {@code groupOf[i]} is the
   * planted group of row {@code i}, -1 for an original without copies) at each threshold.
   */
  static List<Figures> measure(String finder, List<String> ids, List<float[]> vectors, int[] groupOf, boolean[] isCopy, Metric metric, double[] thresholds) {
    int n = ids.size();
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < n; i++) {
      row.put(ids.get(i), i);
    }
    Map<Integer, Integer> groupSize = new HashMap<>();
    for (int g : groupOf) {
      if (g >= 0) {
        groupSize.merge(g, 1, Integer::sum);
      }
    }
    int planted = groupSize.values().stream().mapToInt(s -> s * (s - 1) / 2).sum();
    List<Figures> out = new ArrayList<>();
    DuplicateFinder f = Artsim.duplicateFinder(finder);
    try (VectorIndex index = Artsim.index("flat", vectors.get(0).length, metric)) {
      for (int i = 0; i < n; i++) {
        index.add(ids.get(i), vectors.get(i), Labels.none());
      }
      for (double t : thresholds) {
        List<DuplicateGroup> groups = f.find(index, ids, t);
        int found = 0;
        int copyPairs = 0;
        int originalPairs = 0;
        Set<Long> seen = new HashSet<>();
        for (DuplicateGroup g : groups) {
          List<Integer> members = new ArrayList<>();
          members.add(row.get(g.kept()));
          g.duplicates().forEach(d -> members.add(row.get(d)));
          for (int a = 0; a < members.size(); a++) {
            for (int b = a + 1; b < members.size(); b++) {
              int x = members.get(a);
              int y = members.get(b);
              if (!seen.add(Math.min(x, y) * (long) n + Math.max(x, y))) {
                continue;
              }
              if (!isCopy[x] && !isCopy[y]) {
                originalPairs++;
                continue;
              }
              copyPairs++;
              if (groupOf[x] >= 0 && groupOf[x] == groupOf[y]) {
                found++;
              }
            }
          }
        }
        out.add(new Figures(t, found / (double) planted, copyPairs == 0 ? Double.NaN : found / (double) copyPairs, planted, copyPairs, originalPairs, groups.size()));
      }
    }
    return out;
  }

  static BufferedImage jpeg(BufferedImage src, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var bytes = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(src, null, null), param);
    } finally {
      writer.dispose();
    }
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    if (back == null) {
      throw new IOException("JPEG copy could not be read back");
    }
    return back;
  }

  static BufferedImage scaled(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  static BufferedImage centreCrop(BufferedImage src, double share) {
    int w = Math.max(1, (int) Math.round(src.getWidth() * share));
    int h = Math.max(1, (int) Math.round(src.getHeight() * share));
    int x = (src.getWidth() - w) / 2;
    int y = (src.getHeight() - h) / 2;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(src.getSubimage(x, y, w, h), 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
