package org.artsim.analysis;

import java.util.List;

/**
 * The result of a clustering: the clusters (largest first, ties by medoid id), the total deviation
 * (the sum over items of the distance to their medoid), the number of iterations, and which
 * algorithm made it.
 *
 * @param clusters the clusters
 * @param loss the total deviation
 * @param iterations how many improvement passes ran
 * @param method the algorithm's name
 */
public record Clusters(List<Cluster> clusters, double loss, int iterations, String method) {
  /** Copies the list. */
  public Clusters {
    clusters = List.copyOf(clusters);
  }

  /** The medoid ids, in cluster order. */
  public List<String> medoids() {
    return clusters.stream().map(Cluster::medoid).toList();
  }

  /** The cluster an item belongs to, or null. */
  public Cluster clusterOf(String id) {
    for (Cluster c : clusters) {
      if (c.members().contains(id)) {
        return c;
      }
    }
    return null;
  }
}
