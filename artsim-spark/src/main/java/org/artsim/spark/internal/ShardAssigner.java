package org.artsim.spark.internal;

import java.io.Serializable;

/** Decides which shard holds an item and which shards a query visits. */
public interface ShardAssigner extends Serializable {

  /** How many shards there are. */
  int shards();

  /** The shard that holds this item. */
  int shardOf(String id, float[] vector);

  /**
   * The shards a query visits. Visiting every shard gives the exact top-k; fewer is faster and
   * approximate.
   */
  int[] route(float[] query);

  /** Every shard number, 0 to {@code n - 1}. */
  static int[] all(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
