package org.artsim.index.support;

import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;

/**
 * The argument checks every artsim index makes, with one wording that names the argument. Part of
 * artsim-index's implementation, public only so that the index packages can share it. Stateless.
 */
public final class Args {
  private Args() {}

  /** Refuses a null id. */
  public static void requireId(String id) {
    IdErrors.requireId(id);
  }

  /** Refuses null labels. */
  public static Labels requireLabels(Labels labels) {
    if (labels == null) {
      throw new InvalidArgumentException("labels is null; pass Labels.none() for an item without labels");
    }
    return labels;
  }

  /** Refuses a null query vector. */
  public static float[] requireQuery(float[] query) {
    if (query == null) {
      throw new InvalidArgumentException("query vector is null; pass the vector to search with");
    }
    return query;
  }

  /** Refuses a null filter. */
  public static LabelFilter requireFilter(LabelFilter filter) {
    if (filter == null) {
      throw new InvalidArgumentException("filter is null; use LabelFilter.none() for no condition");
    }
    return filter;
  }

  /** Refuses {@code k <= 0}. */
  public static int requireK(int k) {
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    return k;
  }

  /** Refuses a null batch or a null query in it. */
  public static float[][] requireQueries(float[][] queries) {
    if (queries == null) {
      throw new InvalidArgumentException("queries is null; pass an array of query vectors");
    }
    for (int i = 0; i < queries.length; i++) {
      if (queries[i] == null) {
        throw new InvalidArgumentException("query " + i + " of the batch is null; pass a vector for every query");
      }
    }
    return queries;
  }

  /** Refuses a null batch or a null entry in it. */
  public static java.util.List<org.artsim.VectorEntry> requireEntries(java.util.List<org.artsim.VectorEntry> entries) {
    if (entries == null) {
      throw new InvalidArgumentException("entries is null; pass a list of VectorEntry");
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) == null) {
        throw new InvalidArgumentException("entry " + i + " of the batch is null; pass a VectorEntry for every item");
      }
    }
    return entries;
  }

  /** Refuses a dimension above {@link IndexFiles#MAX_DIMENSION} (the api already refuses {@code <= 0}). */
  public static void requireDimension(String provider, int dimension) {
    if (dimension <= 0 || dimension > IndexFiles.MAX_DIMENSION) {
      throw new InvalidArgumentException(
          provider + ": dimension must be in [1, " + IndexFiles.MAX_DIMENSION + "], got " + dimension + "; reduce the vectors' dimension");
    }
  }

  /** Refuses a null label field. */
  public static String requireField(String field) {
    if (field == null) {
      throw new InvalidArgumentException("field is null; name a label field such as \"culture\"");
    }
    return field;
  }
}
