package org.artsim.spark.internal;

/**
 * Spreads items over shards by a seeded hash of their id (balanced, independent of the vectors);
 * every query visits every shard, so the merged result is exact.
 */
public record RandomSharding(int shards, long seed) implements ShardAssigner {
  private static final long serialVersionUID = 1L;

  @Override
  public int shardOf(String id, float[] vector) {
    long h = id.hashCode() * 0x9E3779B97F4A7C15L + seed;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, (long) shards);
  }

  @Override
  public int[] route(float[] query) {
    return ShardAssigner.all(shards);
  }
}
