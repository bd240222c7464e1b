package org.artsim.recommend.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of {@link KMedoids}: which objects are medoids, which cluster each object belongs
 * to, and how good the clustering is.
 *
 * @param medoids the medoids' object numbers; cluster {@code c}'s medoid is {@code medoids[c]}
 * @param assignment each object's cluster (an index into {@code medoids}); a medoid is in its own
 *     cluster
 * @param loss the total deviation: the sum over all objects, in object order and in double, of the
 *     distance to their assigned medoid (a sum, not a mean). For vector inputs the distances are
 *     recomputed exactly in double from the vectors as given (Euclidean, or {@code 1 − cos} with
 *     double dot products and lengths), also when the clustering ran on a float matrix, so the loss
 *     does not carry the matrix's float rounding
 * @param iterations FasterPAM passes over the data (for CLARA, summed over the samples)
 * @param swaps medoid swaps performed (for CLARA, summed over the samples)
 * @param ids the objects' ids when clustering a {@link org.artsim.VectorIndex}, in object order;
 *     otherwise empty
 */
public record KMedoidsResult(int[] medoids, int[] assignment, double loss, int iterations, int swaps, List<String> ids) {
  /** Copies the arrays and the id list. */
  public KMedoidsResult {
    if (medoids == null || assignment == null || ids == null) {
      throw new org.artsim.InvalidArgumentException("medoids, assignment and ids must not be null (ids may be empty)");
    }
    medoids = medoids.clone();
    assignment = assignment.clone();
    ids = List.copyOf(ids);
  }

  /** The number of clusters. */
  public int k() {
    return medoids.length;
  }

  /** The medoids' ids, in cluster order; empty unless the objects had ids. */
  public List<String> medoidIds() {
    if (ids.isEmpty()) {
      return List.of();
    }
    var out = new ArrayList<String>(medoids.length);
    for (int m : medoids) {
      out.add(ids.get(m));
    }
    return out;
  }

  /** The medoid numbers in ascending order. */
  public int[] sortedMedoids() {
    int[] s = medoids.clone();
    Arrays.sort(s);
    return s;
  }

  /** The number of objects in each cluster. */
  public int[] clusterSizes() {
    int[] sizes = new int[medoids.length];
    for (int c : assignment) {
      sizes[c]++;
    }
    return sizes;
  }

  /** The objects of cluster {@code c}, ascending. */
  public int[] members(int c) {
    return java.util.stream.IntStream.range(0, assignment.length).filter(i -> assignment[i] == c).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KMedoidsResult r
        && Arrays.equals(medoids, r.medoids)
        && Arrays.equals(assignment, r.assignment)
        && Double.compare(loss, r.loss) == 0
        && iterations == r.iterations
        && swaps == r.swaps
        && ids.equals(r.ids);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(medoids) + Double.hashCode(loss);
  }

  @Override
  public String toString() {
    return "KMedoidsResult[k=" + medoids.length + ", n=" + assignment.length + ", loss=" + loss + ", iterations=" + iterations
        + ", swaps=" + swaps + ", medoids=" + (ids.isEmpty() ? Arrays.toString(medoids) : medoidIds().toString()) + "]";
  }
}
