package org.artsim.analysis;

import org.artsim.Metric;

/**
 * Groups items into {@code k} clusters around medoids (real items). Created by name with {@code
 * Artsim.clusterer(name)}; artsim-recommend provides FasterPAM.
 *
 * <p>Implementations are deterministic for a given seed, read the arrays without keeping them, and
 * are safe to call from several threads.
 */
@FunctionalInterface
public interface Clusterer {
  /**
   * Clusters {@code vectors} (row {@code i} belongs to {@code ids[i]}; unit length under cosine)
   * into {@code k} clusters.
   *
   * @throws org.artsim.InvalidArgumentException if {@code k} is not in {@code [1, ids.length]} or
   *     the arrays disagree in length
   */
  Clusters cluster(String[] ids, float[][] vectors, Metric metric, int k, long seed);
}
