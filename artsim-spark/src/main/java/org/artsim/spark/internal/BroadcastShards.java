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
 * One artsim index, saved in artsim's format, that every executor loads once and searches
 * locally, without a shuffle. The saved index reaches the executors either as a Spark broadcast of
 * its bytes (up to 2 GB) or, above a threshold, as a file on storage every executor can read
 * ({@link SharedIndexFile}), which each executor opens itself.
 */
public final class BroadcastShards implements ShardStore {
  private final JavaSparkContext jsc;
  private final Handle handle;
  private final long indexBytes;
  private final Broadcast<byte[]> bytes;
  private final SharedIndexFile file;

  /** Broadcasts a saved index. */
  public BroadcastShards(JavaSparkContext jsc, byte[] indexBytes) {
    this.jsc = jsc;
    this.bytes = jsc.broadcast(indexBytes);
    this.file = null;
    this.indexBytes = indexBytes.length;
    Broadcast<byte[]> b = bytes;
    this.handle = () -> ExecutorIndexCache.get("broadcast-" + b.id(), b::value);
  }

  /** Ships an index through a file on shared storage instead of a broadcast. */
  public BroadcastShards(JavaSparkContext jsc, SharedIndexFile file) {
    this.jsc = jsc;
    this.bytes = null;
    this.file = file;
    this.indexBytes = file.bytes();
    this.handle = file::open;
  }

  /** An executor-side handle on the index (serialisable; loads once per JVM). */
  public Handle handle() {
    return handle;
  }

  /** The shared file the index travels through, or null when it is broadcast. */
  public SharedIndexFile sharedFile() {
    return file;
  }

  /** The executor side of the index: opens it on first use in this JVM, then returns the loaded one. */
  @FunctionalInterface
  public interface Handle extends java.io.Serializable {
    /** The index, loaded on first use in this JVM. */
    VectorIndex index();
  }

  @Override
  public long indexBytes() {
    return indexBytes;
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
    return List.of(new Tuple2<>(0, bytes != null ? bytes.value() : file.readAll(jsc))).iterator();
  }

  @Override
  public void release() {
    if (bytes != null) {
      bytes.unpersist();
    } else {
      file.deleteIfOwned(jsc);
    }
  }
}
