package org.artsim.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.analysis.Clusters;
import org.artsim.analysis.DuplicateGroup;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.view.PcaMap;

/**
 * The whole-collection results the pages show, computed on first use and kept while the collection
 * keeps its size: clusters (the last {@link #KEPT} {@code (k, seed)} asked for), the duplicate
 * groups and the 2-D map. Thread-safe: each result is computed under the cache's lock, so that
 * concurrent requests for the same result compute it once.
 */
final class Analyses {
  /** How many clusterings are kept. */
  static final int KEPT = 8;

  private final ArtCollection art;
  private final Map<String, Clusters> clusters = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Clusters> eldest) {
      return size() > KEPT;
    }
  };
  private int clustersAt = -1;
  private List<DuplicateGroup> duplicates;
  private double duplicatesThreshold = Double.NaN;
  private int duplicatesAt = -1;
  private MapPoints map;

  /**
   * The 2-D map: each work's position, in collection order.
   *
   * @param ids the work ids
   * @param points {@code points[i] = {x, y}}
   * @param explained the share of variance each axis explains
   * @param method how the map was made
   */
  record MapPoints(List<String> ids, double[][] points, double[] explained, String method, int size) {}

  Analyses(ArtCollection art) {
    this.art = art;
  }

  /** {@code k} clusters from {@code seed}. */
  Clusters clusters(int k, long seed) {
    synchronized (clusters) {
      if (clustersAt != art.size()) {
        clusters.clear();
        clustersAt = art.size();
      }
      return clusters.computeIfAbsent(k + "/" + seed, key -> art.analysis().clusters(k, seed));
    }
  }

  /** The duplicate groups within {@code threshold}. */
  synchronized List<DuplicateGroup> duplicates(double threshold) {
    if (duplicates == null || duplicatesAt != art.size() || duplicatesThreshold != threshold) {
      duplicates = art.analysis().duplicates(threshold);
      duplicatesAt = art.size();
      duplicatesThreshold = threshold;
    }
    return duplicates;
  }

  /**
   * The works that duplicate {@code id}, with their distance to it where known (NaN otherwise): the
   * duplicates of its group when it is kept, else the kept work and the group's other duplicates.
   */
  Map<String, Double> duplicatesOf(String id, double threshold) {
    var out = new LinkedHashMap<String, Double>();
    for (DuplicateGroup g : duplicates(threshold)) {
      if (g.kept().equals(id)) {
        for (int i = 0; i < g.duplicates().size(); i++) {
          out.put(g.duplicates().get(i), g.distances().get(i));
        }
      } else if (g.duplicates().contains(id)) {
        int at = g.duplicates().indexOf(id);
        out.put(g.kept(), g.distances().get(at));
        for (String d : g.duplicates()) {
          if (!d.equals(id)) {
            out.put(d, Double.NaN);
          }
        }
      }
    }
    return out;
  }

  /** The 2-D map of the collection (principal components); null when it has fewer than 2 works. */
  synchronized MapPoints map() {
    if (map == null || map.size() != art.size()) {
      List<String> ids = new ArrayList<>(art.ids());
      if (ids.size() < 2) {
        return null;
      }
      float[][] vectors = new float[ids.size()][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = art.vector(ids.get(i));
      }
      PcaMap.Projection p = PcaMap.project(vectors);
      map = new MapPoints(List.copyOf(ids), p.points(), p.explained(), "PCA", ids.size());
    }
    return map;
  }
}
