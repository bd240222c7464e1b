package org.artsim.recommend.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.analysis.Cluster;
import org.artsim.analysis.Clusterer;
import org.artsim.analysis.Clusters;

/**
 * The {@code "fasterpam"} {@link Clusterer}: {@link KMedoids#fit(float[][], Metric, KMedoidsConfig)}
 * with the configured start, pass limit, matrix limit and restarts, and each call's {@code k} and
 * {@code seed}. Clusters are ordered largest first, ties by medoid id; members keep the given order.
 * Immutable and thread-safe.
 */
final class FasterPamClusterer implements Clusterer {
  private final KMedoidsConfig config;

  FasterPamClusterer(KMedoidsConfig config) {
    this.config = config;
  }

  @Override
  public Clusters cluster(String[] ids, float[][] vectors, Metric metric, int k, long seed) {
    if (ids == null || vectors == null || metric == null) {
      String what = ids == null ? "ids" : vectors == null ? "vectors" : "metric";
      throw new InvalidArgumentException(what + " is null; give one id and one vector per item and the metric (COSINE or L2)");
    }
    if (ids.length != vectors.length) {
      throw new InvalidArgumentException(ids.length + " ids but " + vectors.length + " vectors; give one vector per id");
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw new InvalidArgumentException("ids contains null at position " + i + "; give every item an id");
      }
      if (!seen.add(ids[i])) {
        throw new InvalidArgumentException("id '" + ids[i] + "' appears twice in ids; list each item once");
      }
    }
    if (k < 1 || k > ids.length) {
      throw new InvalidArgumentException(
          "k must be in [1, " + ids.length + "] for " + ids.length + " items, got " + k + "; ask for at least one cluster and at most one per item");
    }
    KMedoidsResult r = KMedoids.fit(vectors, metric, config.withK(k).withSeed(seed));
    var members = new ArrayList<List<String>>(k);
    for (int c = 0; c < k; c++) {
      members.add(new ArrayList<>());
    }
    for (int o = 0; o < ids.length; o++) {
      members.get(r.assignment()[o]).add(ids[o]);
    }
    var clusters = new ArrayList<Cluster>(k);
    for (int c = 0; c < k; c++) {
      clusters.add(new Cluster(ids[r.medoids()[c]], members.get(c)));
    }
    clusters.sort(Comparator.comparingInt(Cluster::size).reversed().thenComparing(Cluster::medoid));
    return new Clusters(clusters, r.loss(), r.iterations(), KMedoidsConfig.PROVIDER);
  }

  @Override
  public String toString() {
    return "FasterPamClusterer[" + config.init() + ", maxIterations=" + config.maxIterations() + ", restarts=" + config.restarts() + "]";
  }
}
