package org.artsim.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.MLWriter;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.StorageException;
import org.artsim.VectorIndex;
import org.apache.spark.api.java.JavaSparkContext;
import org.artsim.spark.internal.BroadcastShards;
import org.artsim.spark.internal.IndexBytes;
import org.artsim.spark.internal.KMeansSharding;
import org.artsim.spark.internal.ParamsMetadata;
import org.artsim.spark.internal.RandomSharding;
import org.artsim.spark.internal.ShardAssigner;
import org.artsim.spark.internal.ShardStore;
import scala.Tuple2;

/**
 * Saves an {@link ArtsimKnnModel}: Spark ML metadata ({@code metadata/part-00000}), each shard's
 * index in artsim's format ({@code shards/shard-NNNNN.artsim}) and, for k-means sharding, the
 * centroids as an artsim L2 index ({@code centroids.artsim}). Shards travel through the driver
 * one at a time.
 */
final class ArtsimKnnModelWriter extends MLWriter {
  private final ArtsimKnnModel model;

  ArtsimKnnModelWriter(ArtsimKnnModel model) {
    this.model = model;
  }

  /** The file of shard {@code s} under a model directory. */
  static Path shardFile(String path, int s) {
    return new Path(new Path(path, "shards"), String.format("shard-%05d.artsim", s));
  }

  /** The centroid file under a model directory. */
  static Path centroidFile(String path) {
    return new Path(path, "centroids.artsim");
  }

  @Override
  public void saveImpl(String path) {
    ShardStore store = model.store();
    ObjectNode state = ParamsMetadata.json().createObjectNode();
    state.put("formatVersion", 1);
    state.put("dimension", model.dimension());
    state.put("metric", model.fittedMetric().name());
    state.put("strategy", store.strategy());
    state.put("shards", store.shardCount());
    ShardAssigner assigner = store.assigner();
    try {
      if (assigner instanceof RandomSharding r) {
        state.put("sharding", "random");
        state.put("shardSeed", r.seed());
      } else if (assigner instanceof KMeansSharding km) {
        state.put("sharding", "kmeans");
        state.put("probe", km.probe());
        state.put("normalise", km.normalise());
        try (VectorIndex centroids = Artsim.index("flat", model.dimension(), Metric.L2)) {
          for (int j = 0; j < km.centroids().length; j++) {
            centroids.add(Integer.toString(j), km.centroids()[j]);
          }
          ParamsMetadata.write(sparkSession(), centroidFile(path), IndexBytes.of(centroids));
        }
      }
      ParamsMetadata.save(model, path, sparkSession(), state);
      if (store instanceof BroadcastShards b && b.sharedFile() != null) {
        b.sharedFile().copyTo(JavaSparkContext.fromSparkContext(sparkSession().sparkContext()), shardFile(path, 0));
        return;
      }
      Iterator<Tuple2<Integer, byte[]>> shards = store.shardFiles();
      while (shards.hasNext()) {
        Tuple2<Integer, byte[]> shard = shards.next();
        ParamsMetadata.write(sparkSession(), shardFile(path, shard._1()), shard._2());
      }
    } catch (IOException e) {
      throw new StorageException("could not save the model to " + path + ": " + e.getMessage() + "; check the path and its permissions", e);
    }
  }
}
