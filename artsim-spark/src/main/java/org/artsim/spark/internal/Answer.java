package org.artsim.spark.internal;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A query's answer, whole or from some shards: its hits so far (best first) and, once it has
 * met it, the query's input row.
 *
 * @param row the query's input row, or null if not carried (or not yet met)
 * @param hits the best hits found so far, best first
 */
public record Answer(Row row, List<HitRecord> hits) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Two partial answers of one query combined: the row of either, the top {@code k} of both. */
  public static Answer merge(Answer a, Answer b, int k) {
    return new Answer(a.row != null ? a.row : b.row, TopKMerge.merge(a.hits, b.hits, k));
  }
}
