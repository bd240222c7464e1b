package org.artsim.collection.view;

import java.util.List;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.collection.ArtCollection;

/**
 * A 2-D map by UMAP, implemented from the paper (McInnes, Healy and Melville 2018, "UMAP: Uniform
 * Manifold Approximation and Projection for Dimension Reduction", arXiv:1802.03426) following the
 * choices of its reference implementation umap-learn: the {@code nNeighbors}-nearest-neighbour graph
 * from an artsim {@link VectorIndex} (the collection's own index, or an exact {@code flat} index
 * for bare vectors) under the index's metric, smooth-kNN memberships and their fuzzy union ({@link
 * UmapGraph}), then stochastic gradient descent with negative sampling ({@link UmapLayout}).
 *
 * <p><b>Initialisation is PCA</b> (umap-learn's default is a spectral layout): the first two
 * principal components ({@link PcaMap}), each scaled to [0, 10], plus a seeded jitter of standard
 * deviation 1e-4 so that coincident points can separate. The map is deterministic for a seed (the
 * optimiser runs on one thread; see {@link UmapLayout}); axes have no meaning of their own.
 *
 * <p>Cost: the kNN searches (exact: O(n² d); use an approximate index for large collections) plus
 * O(epochs · n · nNeighbors · negativeSampleRate) for the optimisation.
 */
public final class UmapMap {
  private static final double JITTER = 1e-4;

  private UmapMap() {}

  /**
   * The 2-D map of {@code vectors} (rows) under {@code metric}: {@code points[i] = {x, y}}.
   *
   * @throws InvalidArgumentException if there are fewer than 2 vectors, a vector is null, of
   *     another length, has a NaN or infinite component, or {@code nNeighbors} is not below the
   *     number of vectors
   */
  public static double[][] project(float[][] vectors, Metric metric, UmapConfig config) {
    check(vectors, metric, config);
    int n = vectors.length;
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = Integer.toString(i);
    }
    try (VectorIndex index = Artsim.index("flat", vectors[0].length, metric)) {
      var entries = new java.util.ArrayList<VectorEntry>(n);
      for (int i = 0; i < n; i++) {
        entries.add(new VectorEntry(ids[i], vectors[i], Labels.none()));
      }
      index.addAll(entries);
      return layout(index, ids, vectors, config);
    }
  }

  /** The map of a collection's records, in {@link ArtCollection#records()} order, with neighbours from the collection's own index. */
  public static double[][] project(ArtCollection c, UmapConfig config) {
    if (c == null) {
      throw new InvalidArgumentException("collection is null; give the collection to map");
    }
    List<String> ids = c.ids();
    float[][] vectors = new float[ids.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = c.vector(ids.get(i));
    }
    check(vectors, c.index().metric(), config);
    return layout(c.index(), ids.toArray(String[]::new), vectors, config);
  }

  private static double[][] layout(VectorIndex index, String[] ids, float[][] vectors, UmapConfig config) {
    int k = config.nNeighbors();
    double[][] distances = new double[ids.length][];
    int[][] neighbours = UmapGraph.neighbours(index, ids, vectors, k, distances);
    UmapGraph.Edges graph = UmapGraph.fuzzyUnion(neighbours, distances, k);
    double[][] embedding = start(vectors, config.seed());
    double[] ab = UmapLayout.fitAb(config.spread(), config.minDist());
    UmapLayout.optimise(embedding, graph, ab[0], ab[1], config.epochsFor(ids.length), config.negativeSampleRate(), config.learningRate(), config.seed());
    return embedding;
  }

  /** The PCA start, each axis scaled to [0, 10], plus the seeded jitter. */
  static double[][] start(float[][] vectors, long seed) {
    double[][] p = PcaMap.project(vectors).points();
    var random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int axis = 0; axis < 2; axis++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double[] pt : p) {
        min = Math.min(min, pt[axis]);
        max = Math.max(max, pt[axis]);
      }
      double scale = max > min ? 10 / (max - min) : 0;
      for (double[] pt : p) {
        pt[axis] = (pt[axis] - min) * scale + JITTER * gaussian(random);
      }
    }
    return p;
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static void check(float[][] vectors, Metric metric, UmapConfig config) {
    if (vectors == null || metric == null || config == null) {
      throw new InvalidArgumentException((vectors == null ? "vectors" : metric == null ? "metric" : "config") + " is null; give the vectors, their metric and a UmapConfig (UmapConfig.defaults())");
    }
    int n = vectors.length;
    if (n < 2) {
      throw new InvalidArgumentException("a UMAP map needs at least 2 points, got " + n);
    }
    if (config.nNeighbors() >= n) {
      throw new InvalidArgumentException("nNeighbors (" + config.nNeighbors() + ") must be below the number of points (" + n + "); lower it with UmapConfig.withNeighbors");
    }
    for (int i = 0; i < n; i++) {
      float[] v = vectors[i];
      if (v == null || v.length != vectors[0].length) {
        throw new InvalidArgumentException("vector " + i + " is " + (v == null ? "null" : "of length " + v.length + ", not " + vectors[0].length) + "; give one vector of one length per point");
      }
      for (float x : v) {
        if (!Float.isFinite(x)) {
          throw new InvalidArgumentException("vector " + i + " has a NaN or infinite component; a map needs finite vectors");
        }
      }
    }
  }
}
