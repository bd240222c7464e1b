package org.artsim.spark.internal;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import org.artsim.Hit;

/**
 * One neighbour found on a shard: id, artsim score (higher is closer) and the item's labels.
 */
public record HitRecord(String id, float score, HashMap<String, String> labels) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** artsim's result order: higher score first, equal scores by id. */
  public static final Comparator<HitRecord> BEST_FIRST =
      Comparator.comparing(HitRecord::score, Comparator.reverseOrder()).thenComparing(HitRecord::id);

  /** The record of an artsim hit. */
  public static HitRecord of(Hit hit) {
    return new HitRecord(hit.id(), hit.score(), new HashMap<>(hit.labels().values()));
  }
}
