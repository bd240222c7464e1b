package org.artsim.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.VectorEntry;

/**
 * The naive reference every index is compared with: filter, score every item in double precision,
 * sort by (score descending, id ascending), take k. Slow and obviously right.
 */
public final class ExactKnn {
  private ExactKnn() {}

  /** The exact top k of {@code entries} for {@code query}. */
  public static List<Hit> search(List<VectorEntry> entries, Metric metric, float[] query, int k, LabelFilter filter) {
    var scored = new ArrayList<Hit>();
    for (VectorEntry e : entries) {
      if (filter.test(e.labels())) {
        scored.add(new Hit(e.id(), (float) score(metric, query, e.vector()), e.labels()));
      }
    }
    scored.sort(order(metric, query, entries));
    return List.copyOf(scored.subList(0, Math.min(k, scored.size())));
  }

  private static Comparator<Hit> order(Metric metric, float[] query, List<VectorEntry> entries) {
    Map<String, Double> exact = new java.util.HashMap<>();
    for (VectorEntry e : entries) {
      exact.put(e.id(), score(metric, query, e.vector()));
    }
    return Comparator.<Hit>comparingDouble(h -> -exact.get(h.id())).thenComparing(Hit::id);
  }

  /** The score of one pair in double precision, as artsim defines it (higher is closer). */
  public static double score(Metric metric, float[] q, float[] x) {
    return switch (metric) {
      case DOT -> dot(q, x);
      case COSINE -> dot(q, x) / (norm(q) * norm(x));
      case L2 -> {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
          double d = (double) q[i] - x[i];
          s += d * d;
        }
        yield -s;
      }
    };
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }
}
