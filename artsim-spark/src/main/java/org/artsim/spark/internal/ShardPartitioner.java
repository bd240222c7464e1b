package org.artsim.spark.internal;

import org.apache.spark.Partitioner;

/** Sends shard number {@code s} (an Integer key) to partition {@code s}: one shard per partition. */
public final class ShardPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int shards;

  /** A partitioner for {@code shards} shards. */
  public ShardPartitioner(int shards) {
    this.shards = shards;
  }

  @Override
  public int numPartitions() {
    return shards;
  }

  @Override
  public int getPartition(Object key) {
    return (Integer) key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.shards == shards;
  }

  @Override
  public int hashCode() {
    return shards;
  }
}
