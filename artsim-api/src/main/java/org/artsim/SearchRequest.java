package org.artsim;

import java.util.Objects;

/**
 * One nearest-neighbour query: the vector, how many hits, an optional label filter and an optional
 * effort hint for approximate indexes.
 *
 * <pre>{@code
 * index.search(SearchRequest.of(q, 10).withFilter(LabelFilter.anyOf("culture", "japanese")).withEf(80));
 * }</pre>
 *
 * <p>{@code ef} is the candidate-list size of graph indexes (HNSW); {@code 0} means the index's
 * default. Exact indexes ignore it. The vector array is not copied: do not change it while a
 * search runs.
 */
public record SearchRequest(float[] vector, int k, LabelFilter filter, int ef) {
  /** Validates the request (the vector itself is checked by the index against its dimension). */
  public SearchRequest {
    if (vector == null) {
      throw new InvalidArgumentException("vector is null; pass the query vector");
    }
    if (filter == null) {
      throw new InvalidArgumentException("filter is null; pass LabelFilter.none() to search without a condition");
    }
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    if (ef < 0) {
      throw new InvalidArgumentException("ef must be 0 (index default) or positive, got " + ef);
    }
  }

  /** The top {@code k} without a filter, at the index's default effort. */
  public static SearchRequest of(float[] vector, int k) {
    return new SearchRequest(vector, k, LabelFilter.none(), 0);
  }

  /** A copy with a label filter. */
  public SearchRequest withFilter(LabelFilter filter) {
    return new SearchRequest(vector, k, filter, ef);
  }

  /** A copy with an effort hint (HNSW's ef). */
  public SearchRequest withEf(int ef) {
    return new SearchRequest(vector, k, filter, ef);
  }

  @Override
  public String toString() {
    return "SearchRequest[dim=" + vector.length + ", k=" + k + ", filter=" + filter + ", ef=" + ef + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchRequest r
        && java.util.Arrays.equals(vector, r.vector)
        && k == r.k
        && ef == r.ef
        && filter.equals(r.filter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(java.util.Arrays.hashCode(vector), k, filter, ef);
  }
}
