package org.artsim.spark.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import scala.Tuple2;

/**
 * One artsim index per shard, each built on an executor and cached there (partition {@code s}
 * holds shard {@code s}). Queries are shuffled to the shards they visit, searched there in
 * parallel, and each shard's top-k is merged exactly into the global top-k. Nothing is collected
 * to the driver, so collections larger than one machine's memory fit.
 */
public final class PartitionedShards implements ShardStore {
  private final JavaRDD<Tuple2<Integer, byte[]>> shards;
  private final ShardAssigner assigner;

  private PartitionedShards(JavaRDD<Tuple2<Integer, byte[]>> shards, ShardAssigner assigner) {
    this.shards = shards;
    this.assigner = assigner;
  }

  /** Builds one index per shard on the executors and caches them (eagerly). */
  public static PartitionedShards build(
      JavaRDD<ItemRecord> items, ShardAssigner assigner, IndexSpec spec) {
    int n = assigner.shards();
    JavaRDD<Tuple2<Integer, byte[]>> shards =
        items
            .mapToPair(it -> new Tuple2<>(assigner.shardOf(it.id(), it.vector()), it))
            .partitionBy(new ShardPartitioner(n))
            .mapPartitionsWithIndex(
                (shard, it) -> {
                  var entries = new ArrayList<org.artsim.VectorEntry>();
                  while (it.hasNext()) {
                    entries.add(it.next()._2().toEntry());
                  }
                  try (VectorIndex index = spec.create()) {
                    index.addAll(entries);
                    return List.of(new Tuple2<>(shard, IndexBytes.of(index))).iterator();
                  }
                },
                true);
    shards.persist(StorageLevel.MEMORY_AND_DISK());
    shards.count();
    return new PartitionedShards(shards, assigner);
  }

  /** Shards read back from saved files (shard {@code s} is element {@code s}). */
  public static PartitionedShards of(JavaSparkContext jsc, List<byte[]> files, ShardAssigner assigner) {
    var pairs = new ArrayList<Tuple2<Integer, byte[]>>(files.size());
    for (int s = 0; s < files.size(); s++) {
      pairs.add(new Tuple2<>(s, files.get(s)));
    }
    JavaRDD<Tuple2<Integer, byte[]>> shards =
        jsc.parallelizePairs(pairs, files.size()).partitionBy(new ShardPartitioner(files.size())).map(t -> t);
    shards.persist(StorageLevel.MEMORY_AND_DISK());
    return new PartitionedShards(shards, assigner);
  }

  @Override
  public String strategy() {
    return "partitioned";
  }

  @Override
  public int shardCount() {
    return assigner.shards();
  }

  @Override
  public long indexBytes() {
    return shards.map(shard -> (long) shard._2().length).fold(0L, Long::sum);
  }

  @Override
  public ShardAssigner assigner() {
    return assigner;
  }

  @Override
  public JavaPairRDD<String, Answer> search(JavaRDD<QueryRecord> queries, int k) {
    ShardAssigner a = assigner;
    int n = a.shards();
    String prefix = "shard-" + shards.id() + "-";
    JavaPairRDD<Integer, QueryRecord> routed =
        queries
            .flatMapToPair(
                q -> {
                  int[] targets = a.route(q.vector());
                  var out = new ArrayList<Tuple2<Integer, QueryRecord>>(targets.length);
                  // the row rides with the first copy only
                  for (int i = 0; i < targets.length; i++) {
                    out.add(new Tuple2<>(targets[i], i == 0 ? q : q.withoutPassenger()));
                  }
                  return out.iterator();
                })
            .partitionBy(new ShardPartitioner(n));
    return shards
        .zipPartitions(
            routed,
            (shardIt, queryIt) -> {
              VectorIndex index = null;
              if (shardIt.hasNext()) {
                Tuple2<Integer, byte[]> shard = shardIt.next();
                index = ExecutorIndexCache.get(prefix + shard._1(), shard::_2);
              }
              Iterator<QueryRecord> qs = new MappedIterator<>(queryIt, Tuple2::_2);
              return ShardSearch.run(index, qs, k);
            })
        .mapToPair(t -> t)
        .reduceByKey((x, y) -> Answer.merge(x, y, k));
  }

  @Override
  public JavaRDD<ItemRecord> items() {
    String prefix = "shard-" + shards.id() + "-";
    return shards.flatMap(
        shard -> {
          VectorIndex index = ExecutorIndexCache.get(prefix + shard._1(), shard::_2);
          var out = new ArrayList<ItemRecord>(index.size());
          for (String id : index.ids()) {
            out.add(ShardItems.item(index, id));
          }
          return out.iterator();
        });
  }

  @Override
  public Iterator<Tuple2<Integer, byte[]>> shardFiles() {
    return shards.toLocalIterator();
  }

  @Override
  public void release() {
    shards.unpersist(false);
  }

  /**
   * How to create an empty shard index: kind, dimension, metric and settings.
   *
   * @param kind the artsim index provider ({@code flat}, {@code hnsw}...)
   * @param dimension the vector length
   * @param metric how closeness is measured
   * @param settings provider settings (key to value)
   */
  public record IndexSpec(String kind, int dimension, Metric metric, java.util.HashMap<String, String> settings)
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** A new empty index. */
    public VectorIndex create() {
      return settings.isEmpty() ? Artsim.index(kind, dimension, metric) : Artsim.index(kind, dimension, metric, settings);
    }
  }
}
