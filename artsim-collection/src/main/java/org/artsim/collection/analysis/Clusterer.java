package org.artsim.collection.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import org.artsim.Metric;
import org.artsim.recommend.cluster.KMedoids;
import org.artsim.recommend.cluster.KMedoidsConfig;
import org.artsim.recommend.cluster.KMedoidsResult;

/**
 * Groups items into {@code k} clusters around medoids (real items). The collection hands over its
 * vectors; the default is artsim-recommend's FasterPAM ({@link #fasterPam()}), and any other
 * algorithm can be plugged in with {@code ArtCollection.use(Clusterer)}. Implementations are
 * deterministic for a given seed.
 */
@FunctionalInterface
public interface Clusterer {

  /**
   * Clusters {@code vectors} (row {@code i} belongs to {@code ids[i]}; unit length under cosine) into
   * {@code k} clusters; the arrays are read, not kept.
   */
  Clusters cluster(String[] ids, float[][] vectors, Metric metric, int k, long seed);

  /**
   * FasterPAM (Schubert &amp; Rousseeuw 2021, doi:10.1016/j.is.2021.101804) from a BUILD start,
   * through {@link KMedoids#fit(float[][], Metric, KMedoidsConfig)} of artsim-recommend: cosine
   * distance {@code 1 - cos} under cosine, Euclidean under L2; a precomputed matrix up to 10,000
   * items, distances on the fly above. The loss is the total deviation.
   */
  static Clusterer fasterPam() {
    return (ids, vectors, metric, k, seed) -> {
      KMedoidsResult r = KMedoids.fit(vectors, metric, KMedoidsConfig.of(k).withSeed(seed));
      var clusters = new ArrayList<Cluster>(k);
      for (int c = 0; c < r.medoids().length; c++) {
        var members = new ArrayList<String>();
        for (int i : r.members(c)) {
          members.add(ids[i]);
        }
        clusters.add(new Cluster(ids[r.medoids()[c]], members));
      }
      clusters.sort(Comparator.comparingInt(Cluster::size).reversed().thenComparing(Cluster::medoid));
      return new Clusters(clusters, r.loss(), r.iterations(), "FasterPAM (Schubert & Rousseeuw 2021), BUILD start");
    };
  }
}
