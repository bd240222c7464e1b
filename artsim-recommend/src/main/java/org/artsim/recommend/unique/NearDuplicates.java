package org.artsim.recommend.unique;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorIndex;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.Vectors;

/**
 * Near-duplicates in a collection, and de-duplication of result lists.
 *
 * <h2>In a collection: {@link #find}</h2>
 *
 * Every pair of items within {@code threshold} of each other, in the index metric's distance
 * units (cosine distance {@code 1 − cos} for {@link Metric#COSINE}, Euclidean distance for {@link
 * Metric#L2}; {@link Metric#DOT} is refused). Up to {@code bruteForceLimit} items (default {@value
 * #DEFAULT_BRUTE_FORCE_LIMIT}) every pair is compared directly ({@code n²/2} SIMD distances); above
 * it, each item's neighbours are found with index searches, asking for 16 and doubling while the
 * furthest returned neighbour is still within the threshold, so the work follows the number of
 * duplicates, not {@code n²} (beyond the cost of the searches themselves, which an approximate
 * index keeps sub-linear).
 *
 * <p>Then FiftyOne Brain's greedy pass, in collection order ({@link VectorIndex#ids()} or an order
 * you give): the first item is kept, and each kept item removes every later item within the
 * threshold; an item already removed removes nothing. Every removed item is reported as a duplicate
 * of its nearest kept item within the threshold (ties: the earlier kept item). FiftyOne's default
 * threshold is {@link #FIFTYONE_THRESHOLD} (cosine distance 0.2).
 *
 * <h2>In a result list: {@link #keepBestRanked}</h2>
 *
 * clip-retrieval's de-duplication: hits whose vectors have cosine similarity above {@code
 * minSimilarity} (default {@link #CLIP_RETRIEVAL_SIMILARITY}, 0.94) are linked, the connected
 * components are formed (so near-copies chain), and only the best-ranked hit of each component is
 * kept, in the original order. A page of results then never shows the same work twice.
 *
 * <p>Stateless and thread-safe.
 */
public final class NearDuplicates {
  /** FiftyOne Brain's default near-duplicate threshold, in cosine distance. */
  public static final double FIFTYONE_THRESHOLD = 0.2;

  /** clip-retrieval's de-duplication threshold, in cosine similarity. */
  public static final double CLIP_RETRIEVAL_SIMILARITY = 0.94;

  /** Up to this many items, {@link #find} compares all pairs directly. */
  public static final int DEFAULT_BRUTE_FORCE_LIMIT = 2_000;

  private static final int FIRST_K = 16;

  private NearDuplicates() {}

  /** Two items within the threshold; {@code first} comes before {@code second} in collection order. */
  public record Pair(String first, String second, double distance) {}

  /** A kept item and the items reported as its duplicates, in collection order. */
  public record Group(String kept, List<String> duplicates) {
    /** Copies the list. */
    public Group {
      if (kept == null || duplicates == null) {
        throw new InvalidArgumentException("kept and duplicates must not be null");
      }
      duplicates = List.copyOf(duplicates);
    }
  }

  /**
   * The outcome of {@link #find}.
   *
   * @param threshold the distance threshold used
   * @param pairs every pair within the threshold, ordered by the first item's then the second
   *     item's position
   * @param kept the items kept by the greedy pass, in collection order
   * @param duplicateOf each removed item mapped to its nearest kept item, in collection order
   * @param groups the kept items that have duplicates, with them, in collection order
   */
  public record Report(double threshold, List<Pair> pairs, List<String> kept, Map<String, String> duplicateOf, List<Group> groups) {
    /** Copies the collections. */
    public Report {
      if (pairs == null || kept == null || duplicateOf == null || groups == null) {
        throw new InvalidArgumentException("pairs, kept, duplicateOf and groups must not be null");
      }
      pairs = List.copyOf(pairs);
      kept = List.copyOf(kept);
      duplicateOf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(duplicateOf));
      groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
      return "NearDuplicates.Report[threshold=" + threshold + ", pairs=" + pairs.size() + ", kept=" + kept.size() + ", duplicates=" + duplicateOf.size() + "]";
    }
  }

  /** Near-duplicates in the whole index, in {@link VectorIndex#ids()} order. */
  public static Report find(VectorIndex index, double threshold) {
    ItemVectors.requireIndex(index);
    return find(index, index.ids(), threshold, DEFAULT_BRUTE_FORCE_LIMIT);
  }

  /**
   * Near-duplicates among {@code order} (ids of the index, in the order the greedy pass keeps
   * them), comparing all pairs directly up to {@code bruteForceLimit} items and using index
   * searches above it.
   *
   * @throws InvalidArgumentException for a null index or order, a negative or non-finite
   *     threshold, a negative limit, a DOT index, a null or repeated id
   * @throws org.artsim.UnknownIdException for an id not in the index
   */
  public static Report find(VectorIndex index, List<String> order, double threshold, int bruteForceLimit) {
    if (!(threshold >= 0) || Double.isInfinite(threshold)) {
      throw new InvalidArgumentException("near-duplicate threshold must be a finite distance >= 0, got " + threshold);
    }
    if (bruteForceLimit < 0) {
      throw new InvalidArgumentException("bruteForceLimit must be >= 0, got " + bruteForceLimit);
    }
    ItemVectors.requireIndex(index);
    Metric metric = index.metric();
    if (metric == Metric.DOT) {
      throw new InvalidArgumentException("near-duplicates need distances, but this index scores by inner product (metric DOT); use a COSINE or L2 index");
    }
    var items = ItemVectors.of(index, order);
    float[][] vectors = items.vectors();
    var position = new HashMap<String, Integer>();
    for (int i = 0; i < order.size(); i++) {
      position.put(order.get(i), i);
    }
    List<Pair> pairs =
        order.size() <= bruteForceLimit
            ? allPairs(order, vectors, metric, threshold)
            : searchPairs(index, order, vectors, position, threshold);
    return greedy(order, position, pairs, threshold);
  }

  private static List<Pair> allPairs(List<String> order, float[][] v, Metric metric, double threshold) {
    var kernels = VectorKernels.get();
    var out = new ArrayList<Pair>();
    for (int i = 0; i < v.length; i++) {
      for (int j = i + 1; j < v.length; j++) {
        float score = metric == Metric.L2 ? -kernels.squaredDistance(v[i], v[j]) : kernels.dot(v[i], v[j]);
        double d = Math.max(0, metric.distance(score));
        if (d <= threshold) {
          out.add(new Pair(order.get(i), order.get(j), d));
        }
      }
    }
    return out;
  }

  private static List<Pair> searchPairs(VectorIndex index, List<String> order, float[][] v, Map<String, Integer> position, double threshold) {
    Metric metric = index.metric();
    int n = index.size();
    var out = new ArrayList<Pair>();
    for (int i = 0; i < v.length; i++) {
      int k = Math.min(FIRST_K, n);
      while (true) {
        List<Hit> hits = index.search(SearchRequest.of(v[i], k).withFilter(LabelFilter.none()));
        boolean more = hits.size() == k && k < n && metric.distance(hits.get(hits.size() - 1).score()) <= threshold;
        if (!more) {
          for (Hit h : hits) {
            Integer j = position.get(h.id());
            double d = Math.max(0, metric.distance(h.score()));
            if (j != null && j > i && d <= threshold) {
              out.add(new Pair(order.get(i), h.id(), d));
            }
          }
          break;
        }
        k = (int) Math.min(n, 2L * k);
      }
    }
    out.sort(Comparator.<Pair>comparingInt(p -> position.get(p.first())).thenComparingInt(p -> position.get(p.second())));
    return out;
  }

  private static Report greedy(List<String> order, Map<String, Integer> position, List<Pair> pairs, double threshold) {
    int n = order.size();
    var neighbours = new ArrayList<List<Pair>>(n);
    for (int i = 0; i < n; i++) {
      neighbours.add(new ArrayList<>());
    }
    for (Pair p : pairs) {
      neighbours.get(position.get(p.first())).add(p);
      neighbours.get(position.get(p.second())).add(p);
    }
    boolean[] removed = new boolean[n];
    boolean[] keptFlag = new boolean[n];
    var kept = new ArrayList<String>();
    for (int i = 0; i < n; i++) {
      if (removed[i]) {
        continue;
      }
      keptFlag[i] = true;
      kept.add(order.get(i));
      for (Pair p : neighbours.get(i)) {
        int j = position.get(p.second());
        if (j > i) {
          removed[j] = true;
        }
      }
    }
    var duplicateOf = new LinkedHashMap<String, String>();
    var members = new LinkedHashMap<String, List<String>>();
    for (int i = 0; i < n; i++) {
      if (!removed[i]) {
        continue;
      }
      String best = null;
      double bestD = Double.POSITIVE_INFINITY;
      int bestPos = Integer.MAX_VALUE;
      for (Pair p : neighbours.get(i)) {
        String other = p.first().equals(order.get(i)) ? p.second() : p.first();
        int j = position.get(other);
        if (keptFlag[j] && (p.distance() < bestD || (p.distance() == bestD && j < bestPos))) {
          best = other;
          bestD = p.distance();
          bestPos = j;
        }
      }
      duplicateOf.put(order.get(i), best);
      members.computeIfAbsent(best, x -> new ArrayList<>()).add(order.get(i));
    }
    var groups = new ArrayList<Group>();
    for (String k : kept) {
      var dups = members.get(k);
      if (dups != null) {
        groups.add(new Group(k, dups));
      }
    }
    return new Report(threshold, pairs, kept, duplicateOf, groups);
  }

  /** {@link #keepBestRanked(List, double, Function)} with vectors from {@code index}. */
  public static List<Hit> keepBestRanked(List<Hit> hits, double minSimilarity, VectorIndex index) {
    ItemVectors.requireIndex(index);
    return keepBestRanked(hits, minSimilarity, id -> index.vector(id).orElse(null));
  }

  /**
   * The hits without near-copies: hits whose vectors have cosine similarity above {@code
   * minSimilarity} are linked, and of each connected component only the first (best-ranked) hit
   * stays; order is kept. A hit whose vector is unknown ({@code vectors} returns null) or zero is
   * never linked. {@code O(m²·dim)} for {@code m} hits.
   *
   * @throws InvalidArgumentException if {@code minSimilarity} is not in [-1, 1], or for null arguments
   */
  public static List<Hit> keepBestRanked(List<Hit> hits, double minSimilarity, Function<String, float[]> vectors) {
    if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw new InvalidArgumentException("minSimilarity is a cosine similarity and must be in [-1, 1], got " + minSimilarity);
    }
    if (hits == null || vectors == null) {
      throw new InvalidArgumentException((hits == null ? "hits" : "vectors") + " is null; give the result list and a way to look up its vectors");
    }
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i) == null) {
        throw new InvalidArgumentException("hits contains null at position " + i + "; give only hits");
      }
    }
    int m = hits.size();
    float[][] unit = new float[m][];
    for (int i = 0; i < m; i++) {
      float[] v = vectors.apply(hits.get(i).id());
      if (v != null && Vectors.norm(v) > 0) {
        unit[i] = Vectors.normalised(v);
      }
    }
    int[] parent = new int[m];
    for (int i = 0; i < m; i++) {
      parent[i] = i;
    }
    var kernels = VectorKernels.get();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        if (unit[i] != null && unit[j] != null && unit[i].length == unit[j].length && kernels.dot(unit[i], unit[j]) > minSimilarity) {
          int a = root(parent, i);
          int b = root(parent, j);
          if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    var out = new ArrayList<Hit>();
    for (int i = 0; i < m; i++) {
      if (root(parent, i) == i) {
        out.add(hits.get(i));
      }
    }
    return out;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
