package org.artsim.collection.view;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;

/**
 * The 2-D map of a collection, by UMAP ({@link UmapMap}) or PCA ({@link PcaMap}), coloured by a label
 * field, as a PNG with a legend: what {@link HtmlReport#map} and {@code ./artsim demo} draw.
 *
 * <p>{@link Method#AUTO} draws UMAP for collections of more than {@code nNeighbors} and at most
 * {@value #UMAP_LIMIT} records, PCA otherwise: UMAP keeps neighbourhoods (works that look alike
 * stay together; distances between far groups mean little), PCA keeps the two directions of most
 * variance and is cheap at any size; above the limit UMAP's kNN graph (exact on a flat index) and
 * optimisation take minutes on a laptop.
 */
public final class CollectionMap {
  /** Records above which {@link Method#AUTO} draws PCA. */
  public static final int UMAP_LIMIT = 20_000;

  private CollectionMap() {}

  /** How the map is made. */
  public enum Method {
    /** UMAP when the collection is larger than the neighbourhood and at most {@value #UMAP_LIMIT} records, else PCA. */
    AUTO,
    /** UMAP ({@link UmapMap}). */
    UMAP,
    /** PCA ({@link PcaMap}). */
    PCA;

    /** The method {@code AUTO} resolves to for {@code n} records and these UMAP settings (others: themselves). */
    public Method resolve(int n, UmapConfig config) {
      if (this != AUTO) {
        return this;
      }
      return n > config.nNeighbors() && n <= UMAP_LIMIT ? UMAP : PCA;
    }
  }

  /**
   * Renders the map of {@code c} coloured by {@code labelField}, {@code size} pixels square plus a legend.
   *
   * @throws InvalidArgumentException if an argument is null, {@code size < 64}, the field is carried by
   *     no record (with the nearest field as a hint), or the collection has fewer than 2 records
   */
  public static BufferedImage render(ArtCollection c, String labelField, int size, Method method, UmapConfig config) {
    if (c == null || labelField == null || method == null || config == null) {
      throw new InvalidArgumentException("collection, labelField, method and config must not be null; e.g. render(art, \"category\", 560, Method.AUTO, UmapConfig.defaults())");
    }
    if (size < 64) {
      throw new InvalidArgumentException("size must be at least 64 pixels, got " + size);
    }
    c.labelValues(labelField);
    List<CatalogueRecord> records = c.records();
    if (records.size() < 2) {
      throw new InvalidArgumentException("a map needs at least 2 records, got " + records.size());
    }
    Method m = method.resolve(records.size(), config);
    if (m == Method.PCA) {
      return PcaMap.render(c, labelField, size);
    }
    double[][] points = UmapMap.project(c, config);
    var labels = new ArrayList<String>(records.size());
    records.forEach(r -> labels.add(r.indexLabels().get(labelField)));
    String title = String.format(Locale.ROOT, "UMAP by %s (%d works, %d neighbours, min_dist %.2f, seed %d)", labelField, records.size(), config.nNeighbors(), config.minDist(), config.seed());
    return ScatterPlot.render(points, labels, title, size);
  }

  /** Renders and writes the map as PNG, atomically; returns {@code png}. */
  public static Path write(ArtCollection c, String labelField, int size, Method method, UmapConfig config, Path png) {
    if (png == null) {
      throw new InvalidArgumentException("png is null; give the file to write");
    }
    Drawing.writePng(render(c, labelField, size, method, config), png);
    return png;
  }
}
