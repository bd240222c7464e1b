package org.artsim.spark.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges per-shard top-k lists into the global top-k. Every shard returns its own exact top-k in
 * artsim's order (score descending, ties by id), so the first k of the merged lists are exactly
 * the top k of a single index holding every shard's items.
 */
public final class TopKMerge {
  private TopKMerge() {}

  /** The first {@code k} hits of two best-first lists, best first. */
  public static List<HitRecord> merge(List<HitRecord> a, List<HitRecord> b, int k) {
    var out = new ArrayList<HitRecord>(Math.min(k, a.size() + b.size()));
    int i = 0;
    int j = 0;
    while (out.size() < k && (i < a.size() || j < b.size())) {
      if (j >= b.size() || (i < a.size() && HitRecord.BEST_FIRST.compare(a.get(i), b.get(j)) <= 0)) {
        out.add(a.get(i++));
      } else {
        out.add(b.get(j++));
      }
    }
    return out;
  }
}
