package org.artsim.recommend.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.VectorIndex;

/**
 * k-medoids clustering: k real objects (medoids) as cluster centres, chosen to minimise the total
 * deviation (the sum of each object's distance to its nearest medoid). Curators get the
 * collection's structure with actual works as the centres.
 *
 * <pre>{@code
 * var r = KMedoids.fit(vectors, Metric.COSINE, KMedoidsConfig.of(10));   // FasterPAM after BUILD
 * r.medoids(); r.assignment(); r.loss();
 * var big = KMedoids.clara(vectors, Metric.COSINE, KMedoidsConfig.of(100).withInit(Initialization.LAB));
 * double s = Silhouette.mean(Dissimilarity.vectors(vectors, Metric.COSINE), r.assignment());
 * }</pre>
 *
 * <p>The optimiser is FasterPAM (Schubert and Rousseeuw 2021, DOI 10.1016/j.is.2021.101804; JMLR
 * 22(4)), started from BUILD, LAB or random medoids ({@link KMedoidsConfig.Initialization}); {@link
 * #clara} is CLARA (Kaufman and Rousseeuw 1990) with FasterPAM on each sample, as in FastCLARA
 * (Schubert and Rousseeuw 2019, DOI 10.1007/978-3-030-32047-8_16).
 *
 * <p><b>Cost.</b> One FasterPAM pass is {@code O(n²)} distance lookups; BUILD is {@code O(k·n²)},
 * LAB {@code O(k·n)}. From a precomputed matrix, a pass over 10,000 objects takes well under a
 * second; on the fly each lookup is a {@code dim}-long SIMD distance. CLARA costs {@code
 * samples × (s² + FasterPAM(s) + k·n)} for sample size {@code s}.
 *
 * <p><b>Determinism.</b> All randomness comes from {@link SplittableRandom} seeded by {@link
 * KMedoidsConfig#seed()}: equal inputs and configs give equal results. Stateless and thread-safe.
 */
public final class KMedoids {
  private KMedoids() {}

  /** Clusters the objects of {@code d}. */
  public static KMedoidsResult fit(Dissimilarity d, KMedoidsConfig config) {
    requireDissimilarity(d);
    requireConfig(config);
    return fit(d, config, List.of());
  }

  /** Clusters the objects of a full dissimilarity matrix (validated; see {@link Dissimilarity#matrix}). */
  public static KMedoidsResult fit(double[][] matrix, KMedoidsConfig config) {
    requireConfig(config);
    return fit(Dissimilarity.matrix(matrix), config);
  }

  /**
   * Clusters vectors under cosine or L2 distance (see {@link Dissimilarity}): through a precomputed
   * float matrix when there are at most {@link KMedoidsConfig#matrixLimit()} vectors, on the fly
   * otherwise. The vectors are copied.
   */
  public static KMedoidsResult fit(float[][] vectors, Metric metric, KMedoidsConfig config) {
    requireConfig(config);
    return fit(dissimilarity(vectors, metric, config), config);
  }

  /**
   * Clusters every item of an index by its stored vectors and the index's metric; the result
   * carries the ids ({@link KMedoidsResult#medoidIds()}). Items are taken in {@link
   * VectorIndex#ids()} order.
   */
  public static KMedoidsResult fit(VectorIndex index, KMedoidsConfig config) {
    requireIndex(index);
    requireConfig(config);
    var snapshot = snapshot(index);
    return fit(dissimilarity(snapshot.vectors, index.metric(), config), config, snapshot.ids);
  }

  /**
   * FasterPAM from given starting medoids (for comparisons with other implementations and for
   * known-answer tests).
   *
   * @throws InvalidArgumentException if the medoids are empty, repeated or out of range
   */
  public static KMedoidsResult fitFrom(Dissimilarity d, int[] initialMedoids, int maxIterations) {
    requireDissimilarity(d);
    if (maxIterations < 1) {
      throw new InvalidArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    checkMedoids(d.size(), initialMedoids);
    return FasterPam.run(d, initialMedoids, maxIterations, List.of());
  }

  /** The starting medoids {@link #fit} would use. */
  public static int[] initialMedoids(Dissimilarity d, KMedoidsConfig config) {
    requireDissimilarity(d);
    requireConfig(config);
    checkK(d.size(), config.k());
    return Initializers.choose(d, config);
  }

  private static KMedoidsResult fit(Dissimilarity d, KMedoidsConfig config, List<String> ids) {
    checkK(d.size(), config.k());
    int[] init = Initializers.choose(d, config);
    var best = FasterPam.run(d, init, config.maxIterations(), ids);
    var random = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    for (int t = 0; t < config.restarts(); t++) {
      var r = FasterPam.run(d, Initializers.random(d.size(), config.k(), random.split()), config.maxIterations(), ids);
      if (r.loss() < best.loss()) {
        best = r;
      }
    }
    return best;
  }

  /**
   * CLARA: clusters {@link KMedoidsConfig#claraSamples()} random samples of {@link
   * KMedoidsConfig#effectiveClaraSampleSize(int)} objects with FasterPAM (from a matrix of the
   * sample), each sample after the first also containing the best medoids so far; every candidate
   * set of medoids is scored on <em>all</em> objects, and the best is returned with every object
   * assigned. Needs {@code O(s² + n)} memory, so it runs where an {@code n×n} matrix cannot.
   * Iterations and swaps are summed over the samples.
   */
  public static KMedoidsResult clara(Dissimilarity d, KMedoidsConfig config) {
    requireDissimilarity(d);
    requireConfig(config);
    return clara(d, config, List.of());
  }

  /** CLARA on vectors with distances computed on the fly; see {@link #clara(Dissimilarity, KMedoidsConfig)}. */
  public static KMedoidsResult clara(float[][] vectors, Metric metric, KMedoidsConfig config) {
    requireConfig(config);
    return clara(Dissimilarity.vectors(vectors, metric), config);
  }

  /** CLARA over every item of an index; the result carries the ids. */
  public static KMedoidsResult clara(VectorIndex index, KMedoidsConfig config) {
    requireIndex(index);
    requireConfig(config);
    var snapshot = snapshot(index);
    return clara(Dissimilarity.vectors(snapshot.vectors, index.metric()), config, snapshot.ids);
  }

  private static KMedoidsResult clara(Dissimilarity d, KMedoidsConfig config, List<String> ids) {
    int n = d.size();
    int k = config.k();
    checkK(n, k);
    int s = config.effectiveClaraSampleSize(n);
    var random = new SplittableRandom(config.seed());
    int[] bestMedoids = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int iterations = 0;
    int swaps = 0;
    int[] perm = new int[n];
    double[] buf = new double[n];
    for (int t = 0; t < config.claraSamples(); t++) {
      int[] sample = sample(n, s, bestMedoids, random, perm);
      double[][] sub = new double[s][s];
      for (int i = 0; i < s; i++) {
        for (int j = i + 1; j < s; j++) {
          double v = d.distance(sample[i], sample[j]);
          sub[i][j] = v;
          sub[j][i] = v;
        }
      }
      var subD = new MatrixDissimilarity(sub);
      int[] init = Initializers.choose(subD, config.withSeed(random.nextLong()));
      var local = FasterPam.run(subD, init, config.maxIterations(), List.of());
      iterations += local.iterations();
      swaps += local.swaps();
      int[] global = new int[k];
      for (int c = 0; c < k; c++) {
        global[c] = sample[local.medoids()[c]];
      }
      double loss = lossOf(d, global, buf, null);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestMedoids = global;
      }
    }
    int[] assignment = new int[n];
    lossOf(d, bestMedoids, buf, assignment);
    return new KMedoidsResult(bestMedoids, assignment, exactLoss(d, bestMedoids, assignment), iterations, swaps, ids);
  }

  /** A sample of {@code s} distinct objects that contains {@code keep} (when given). */
  private static int[] sample(int n, int s, int[] keep, SplittableRandom random, int[] perm) {
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int filled = 0;
    if (keep != null) {
      for (int m : keep) {
        int pos = indexOf(perm, m, filled, n);
        perm[pos] = perm[filled];
        perm[filled++] = m;
      }
    }
    for (int i = filled; i < s; i++) {
      int j = i + random.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] out = Arrays.copyOf(perm, s);
    Arrays.sort(out);
    return out;
  }

  private static int indexOf(int[] a, int v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    throw new IllegalStateException("object " + v + " missing from the permutation");
  }

  /**
   * The total deviation of {@code medoids} over all objects (k rows); fills {@code assignment}
   * when given (ties to the lower cluster; a medoid in its own cluster).
   */
  static double lossOf(Dissimilarity d, int[] medoids, double[] buf, int[] assignment) {
    int n = d.size();
    double[] dn = new double[n];
    Arrays.fill(dn, Double.POSITIVE_INFINITY);
    for (int c = 0; c < medoids.length; c++) {
      double[] row = d.row(medoids[c], buf);
      for (int o = 0; o < n; o++) {
        if (row[o] < dn[o]) {
          dn[o] = row[o];
          if (assignment != null) {
            assignment[o] = c;
          }
        }
      }
    }
    if (assignment != null) {
      for (int c = 0; c < medoids.length; c++) {
        assignment[medoids[c]] = c;
      }
    }
    double s = 0;
    for (double v : dn) {
      s += v;
    }
    return s;
  }

  /**
   * The total deviation of the given medoids over all objects of {@code d}: each object is assigned
   * to its nearest medoid (ties to the earlier medoid) and the distances to the assigned medoids are
   * summed in double, in object order, as {@link KMedoidsResult#loss()} is.
   */
  public static double loss(Dissimilarity d, int[] medoids) {
    requireDissimilarity(d);
    checkMedoids(d.size(), medoids);
    int[] assignment = new int[d.size()];
    lossOf(d, medoids, new double[d.size()], assignment);
    return exactLoss(d, medoids, assignment);
  }

  /**
   * The reported loss: {@code Σ_o dist(o, medoids[assignment[o]])} summed in object order in
   * double, where {@code dist} is the exact double distance of the vectors for vector inputs (see
   * {@code VectorDissimilarity.exactDistance}, also behind a precomputed float matrix) and {@link
   * Dissimilarity#distance} otherwise.
   */
  static double exactLoss(Dissimilarity d, int[] medoids, int[] assignment) {
    VectorDissimilarity vectors =
        d instanceof VectorDissimilarity v ? v : d instanceof VectorDissimilarity.FloatMatrix f ? f.source() : null;
    double s = 0;
    for (int o = 0; o < assignment.length; o++) {
      int m = medoids[assignment[o]];
      s += vectors != null ? vectors.exactDistance(o, m) : d.distance(o, m);
    }
    return s;
  }

  private static void requireDissimilarity(Dissimilarity d) {
    if (d == null) {
      throw new InvalidArgumentException("dissimilarity is null; give Dissimilarity.matrix(...) or Dissimilarity.vectors(...)");
    }
  }

  private static void requireConfig(KMedoidsConfig config) {
    if (config == null) {
      throw new InvalidArgumentException("config is null; use KMedoidsConfig.of(k)");
    }
  }

  private static void requireIndex(VectorIndex index) {
    if (index == null) {
      throw new InvalidArgumentException("index is null; give the VectorIndex whose items are clustered");
    }
  }

  private static Dissimilarity dissimilarity(float[][] vectors, Metric metric, KMedoidsConfig config) {
    if (vectors != null && vectors.length <= config.matrixLimit()) {
      return Dissimilarity.precomputed(vectors, metric);
    }
    return Dissimilarity.vectors(vectors, metric);
  }

  private record Snapshot(List<String> ids, float[][] vectors) {}

  private static Snapshot snapshot(VectorIndex index) {
    var ids = new ArrayList<String>();
    var vectors = new ArrayList<float[]>();
    for (String id : index.ids()) {
      index.vector(id).ifPresent(v -> {
        ids.add(id);
        vectors.add(v);
      });
    }
    if (ids.isEmpty()) {
      throw new InvalidArgumentException("the index is empty; add items before clustering");
    }
    return new Snapshot(ids, vectors.toArray(new float[0][]));
  }

  static void checkK(int n, int k) {
    if (k > n) {
      throw new InvalidArgumentException("k = " + k + " exceeds the " + n + " objects; choose k <= " + n);
    }
  }

  private static void checkMedoids(int n, int[] medoids) {
    if (medoids == null || medoids.length == 0) {
      throw new InvalidArgumentException("no medoids given; give at least one object number");
    }
    checkK(n, medoids.length);
    var seen = new boolean[n];
    for (int m : medoids) {
      if (m < 0 || m >= n) {
        throw new InvalidArgumentException("medoid " + m + " is out of range; object numbers are 0.." + (n - 1));
      }
      if (seen[m]) {
        throw new InvalidArgumentException("medoid " + m + " is given twice; give distinct objects");
      }
      seen[m] = true;
    }
  }
}
