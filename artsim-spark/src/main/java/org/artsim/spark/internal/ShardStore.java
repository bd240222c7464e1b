package org.artsim.spark.internal;

import java.util.Iterator;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Where a fitted model's indexes live on the cluster: one broadcast index, or shards kept in
 * executor memory. Both answer a distributed set of queries with each query's exact top-k over
 * the shards it visits.
 */
public interface ShardStore {

  /** {@code broadcast} or {@code partitioned}. */
  String strategy();

  /** How many shards (1 for a broadcast index). */
  int shardCount();

  /** How shards were chosen, or null for a broadcast index. */
  ShardAssigner assigner();

  /**
   * Each query's top {@code k} (after leaving out its {@code excludeId}) with its passenger row,
   * keyed by its key. Evaluates {@code queries} once.
   */
  JavaPairRDD<String, Answer> search(JavaRDD<QueryRecord> queries, int k);

  /**
   * Bytes of the saved indexes the model keeps on the cluster: what a broadcast ships to every
   * executor, or the sum of the shards (each shard lives on one executor).
   */
  long indexBytes();

  /** Every item held, read back from the indexes (for self-joins). */
  JavaRDD<ItemRecord> items();

  /** Every shard's saved index, in shard order, one at a time on the driver (for saving). */
  Iterator<Tuple2<Integer, byte[]>> shardFiles();

  /** Releases cluster memory (broadcast blocks, cached shards). */
  void release();
}
