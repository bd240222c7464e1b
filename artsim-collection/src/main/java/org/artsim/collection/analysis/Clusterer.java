package org.artsim.collection.analysis;

import org.artsim.Metric;

/**
 * Groups items into {@code k} clusters around medoids. The collection hands over its vectors; an
 * implementation may be the built-in {@link #alternating()} one or an adapter to a fuller library
 * (artsim-recommend's FasterPAM). Implementations are deterministic for a given seed.
 */
@FunctionalInterface
public interface Clusterer {

  /**
   * Clusters {@code vectors} (row {@code i} belongs to {@code ids[i]}; unit length under cosine) into
   * {@code k} clusters; the arrays are read, not kept.
   */
  Clusters cluster(String[] ids, float[][] vectors, Metric metric, int k, long seed);

  /** The built-in alternating k-medoids; see {@link AlternatingKMedoids}. */
  static Clusterer alternating() {
    return new AlternatingKMedoids();
  }
}
