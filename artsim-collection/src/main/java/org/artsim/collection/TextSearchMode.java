package org.artsim.collection;

/**
 * How {@link ArtCollection#searchText(String, int, org.artsim.LabelFilter, TextSearchMode)} reads
 * a query.
 */
public enum TextSearchMode {
  /** The text index alone (keywords, typo-forgiving): the default when no text embedder is configured. */
  TFIDF,
  /** The dense text index alone: the query's text vector against the catalogue texts' vectors (needs a text embedder). */
  DENSE,
  /**
   * Both, fused by reciprocal rank fusion: each work scores {@code sum 1 / (60 + rank)} over the
   * lists it appears in (rank from 1, each list read {@link #FUSION_DEPTH} deep or to {@code k} if
   * larger), best first, ties by id. The default when a text embedder is configured.
   */
  HYBRID;

  /** The {@code k} of reciprocal rank fusion. */
  public static final int RRF_K = 60;

  /** How deep each list is read for fusion (at least {@code k}). */
  public static final int FUSION_DEPTH = 100;
}
