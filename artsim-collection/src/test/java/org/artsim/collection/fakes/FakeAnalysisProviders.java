package org.artsim.collection.fakes;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.analysis.Cluster;
import org.artsim.analysis.Clusterer;
import org.artsim.analysis.Clusters;
import org.artsim.analysis.DuplicateFinder;
import org.artsim.analysis.DuplicateGroup;
import org.artsim.analysis.ImageQuality;
import org.artsim.analysis.ImageQualityMeter;
import org.artsim.analysis.UniquenessScorer;
import org.artsim.spi.ClustererProvider;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.DuplicateFinderProvider;
import org.artsim.spi.ImageQualityMeterProvider;
import org.artsim.spi.UniquenessProvider;

/**
 * Test-only analysis providers, naive and exact, so the collection's analysis view is tested
 * without artsim-recommend or artsim-embed: {@code "test-clusterer"} (greedy BUILD of k-medoids,
 * then assignment), {@code "test-uniqueness"} (FiftyOne's 0.6/0.3/0.1 weights of the 3 nearest
 * distances, normalised by the largest), {@code "test-duplicates"} (greedy pass in the given order)
 * and {@code "test-quality"} (mean luma, its standard deviation, mean HSV saturation).
 */
public final class FakeAnalysisProviders {
  private FakeAnalysisProviders() {}

  /** No settings. */
  public record Config() {}

  private abstract static class Base {
    public String description() {
      return "test fake";
    }

    public Class<Config> configType() {
      return Config.class;
    }

    public Config defaults() {
      return new Config();
    }

    public Config parse(Map<String, String> settings) {
      ConfigMap.of(getClass().getSimpleName(), settings).finish();
      return new Config();
    }
  }

  static double distance(float[] a, float[] b, Metric metric) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    double l2 = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
      l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return metric == Metric.L2 ? Math.sqrt(l2) : 1 - dot / Math.sqrt(na * nb);
  }

  /** {@code "test-clusterer"}. */
  public static final class Kmedoids extends Base implements ClustererProvider<Config> {
    @Override
    public String name() {
      return "test-clusterer";
    }

    @Override
    public Clusterer create(Config config) {
      return (ids, vectors, metric, k, seed) -> {
        if (k < 1 || k > ids.length || ids.length != vectors.length) {
          throw new InvalidArgumentException("k must be in [1, " + ids.length + "], got " + k);
        }
        int n = ids.length;
        var medoids = new ArrayList<Integer>();
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int c = 0; c < k; c++) {
          int pick = -1;
          double pickLoss = Double.POSITIVE_INFINITY;
          for (int cand = 0; cand < n; cand++) {
            if (medoids.contains(cand)) {
              continue;
            }
            double loss = 0;
            for (int i = 0; i < n; i++) {
              loss += Math.min(best[i], distance(vectors[i], vectors[cand], metric));
            }
            if (loss < pickLoss) {
              pickLoss = loss;
              pick = cand;
            }
          }
          medoids.add(pick);
          for (int i = 0; i < n; i++) {
            best[i] = Math.min(best[i], distance(vectors[i], vectors[pick], metric));
          }
        }
        var members = new ArrayList<List<String>>();
        medoids.forEach(m -> members.add(new ArrayList<>()));
        double loss = 0;
        for (int i = 0; i < n; i++) {
          int at = 0;
          double d = Double.POSITIVE_INFINITY;
          for (int c = 0; c < k; c++) {
            double dc = medoids.get(c) == i ? -1 : distance(vectors[i], vectors[medoids.get(c)], metric);
            if (dc < d) {
              d = dc;
              at = c;
            }
          }
          loss += Math.max(0, d);
          members.get(at).add(ids[i]);
        }
        var clusters = new ArrayList<Cluster>();
        for (int c = 0; c < k; c++) {
          clusters.add(new Cluster(ids[medoids.get(c)], members.get(c)));
        }
        clusters.sort(Comparator.comparingInt(Cluster::size).reversed().thenComparing(Cluster::medoid));
        return new Clusters(clusters, loss, 0, "test greedy BUILD");
      };
    }
  }

  /** {@code "test-uniqueness"}. */
  public static final class Unique extends Base implements UniquenessProvider<Config> {
    @Override
    public String name() {
      return "test-uniqueness";
    }

    @Override
    public UniquenessScorer create(Config config) {
      return (index, ids) -> {
        var raw = new LinkedHashMap<String, Double>();
        double max = 0;
        for (String id : ids) {
          float[] v = index.vector(id).orElseThrow();
          var ds = new ArrayList<Double>();
          for (String other : index.ids()) {
            if (!other.equals(id)) {
              ds.add(distance(v, index.vector(other).orElseThrow(), index.metric()));
            }
          }
          ds.sort(null);
          double[] w = {0.6, 0.3, 0.1};
          double s = 0;
          double wsum = 0;
          for (int i = 0; i < Math.min(3, ds.size()); i++) {
            s += w[i] * ds.get(i);
            wsum += w[i];
          }
          double u = wsum == 0 ? 0 : s / wsum;
          raw.put(id, u);
          max = Math.max(max, u);
        }
        double m = max;
        var out = new LinkedHashMap<String, Double>();
        raw.forEach((id, u) -> out.put(id, m == 0 ? 0 : u / m));
        return out;
      };
    }
  }

  /** {@code "test-duplicates"}. */
  public static final class Dups extends Base implements DuplicateFinderProvider<Config> {
    @Override
    public String name() {
      return "test-duplicates";
    }

    @Override
    public DuplicateFinder create(Config config) {
      return (VectorIndex index, List<String> ids, double threshold) -> {
        var gone = new HashSet<String>();
        var groups = new ArrayList<DuplicateGroup>();
        for (int i = 0; i < ids.size(); i++) {
          String kept = ids.get(i);
          if (gone.contains(kept)) {
            continue;
          }
          float[] v = index.vector(kept).orElseThrow();
          var dups = new ArrayList<String>();
          var ds = new ArrayList<Double>();
          for (int j = i + 1; j < ids.size(); j++) {
            String o = ids.get(j);
            double d = distance(v, index.vector(o).orElseThrow(), index.metric());
            if (!gone.contains(o) && d <= threshold) {
              dups.add(o);
              ds.add(d);
              gone.add(o);
            }
          }
          if (!dups.isEmpty()) {
            groups.add(new DuplicateGroup(kept, dups, ds));
          }
        }
        return groups;
      };
    }
  }

  /** {@code "test-quality"}. */
  public static final class Quality extends Base implements ImageQualityMeterProvider<Config> {
    @Override
    public String name() {
      return "test-quality";
    }

    @Override
    public ImageQualityMeter create(Config config) {
      return (BufferedImage img) -> {
        double sum = 0;
        double sq = 0;
        double sat = 0;
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            int rgb = img.getRGB(x, y);
            int r = (rgb >> 16) & 0xff;
            int g = (rgb >> 8) & 0xff;
            int b = rgb & 0xff;
            double luma = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
            sum += luma;
            sq += luma * luma;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            sat += max == 0 ? 0 : (max - min) / (double) max;
          }
        }
        double mean = sum / n;
        return new ImageQuality(mean, Math.sqrt(Math.max(0, sq / n - mean * mean)), sat / n);
      };
    }
  }

}
