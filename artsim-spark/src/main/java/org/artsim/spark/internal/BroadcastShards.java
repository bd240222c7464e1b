package org.artsim.spark.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.artsim.VectorIndex;
import scala.Tuple2;

/**
 * One artsim index, saved in artsim's format and broadcast as bytes; each executor loads it once
 * and answers its queries locally, without a shuffle. For collections whose index fits in every
 * executor's memory (a broadcast caps at 2 GB).
 */
public final class BroadcastShards implements ShardStore {
  private final JavaSparkContext jsc;
  private final Broadcast<byte[]> bytes;

  /** Broadcasts a saved index. */
  public BroadcastShards(JavaSparkContext jsc, byte[] indexBytes) {
    this.jsc = jsc;
    this.bytes = jsc.broadcast(indexBytes);
  }

  /** An executor-side handle on the broadcast index (serialisable; loads once per JVM). */
  public Handle handle() {
    return new Handle(bytes);
  }

  /** How many bytes are broadcast. */
  public long broadcastBytes() {
    return bytes.value().length;
  }

  /**
   * The executor side of a broadcast index.
   *
   * @param bytes the broadcast saved index
   */
  public record Handle(Broadcast<byte[]> bytes) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The index, loaded on first use in this JVM. */
    public VectorIndex index() {
      return ExecutorIndexCache.get("broadcast-" + bytes.id(), bytes::value);
    }
  }

  @Override
  public String strategy() {
    return "broadcast";
  }

  @Override
  public int shardCount() {
    return 1;
  }

  @Override
  public ShardAssigner assigner() {
    return null;
  }

  @Override
  public JavaPairRDD<String, Answer> search(JavaRDD<QueryRecord> queries, int k) {
    Handle h = handle();
    return queries.mapPartitions(it -> ShardSearch.run(h.index(), it, k)).mapToPair(t -> t);
  }

  @Override
  public JavaRDD<ItemRecord> items() {
    Handle h = handle();
    int slices = Math.max(1, jsc.defaultParallelism());
    var sliceNumbers = new ArrayList<Integer>(slices);
    for (int i = 0; i < slices; i++) {
      sliceNumbers.add(i);
    }
    return jsc.parallelize(sliceNumbers, slices)
        .flatMap(
            slice -> {
              VectorIndex index = h.index();
              var out = new ArrayList<ItemRecord>();
              for (String id : index.ids()) {
                if (Math.floorMod(id.hashCode(), slices) == slice) {
                  out.add(ShardItems.item(index, id));
                }
              }
              return out.iterator();
            });
  }

  @Override
  public Iterator<Tuple2<Integer, byte[]>> shardFiles() {
    return List.of(new Tuple2<>(0, bytes.value())).iterator();
  }

  @Override
  public void release() {
    bytes.unpersist();
  }
}
