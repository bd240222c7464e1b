package org.artsim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.util.MLReader;
import org.artsim.FileFormatException;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.spark.internal.BroadcastShards;
import org.artsim.spark.internal.IndexBytes;
import org.artsim.spark.internal.KMeansSharding;
import org.artsim.spark.internal.ParamsMetadata;
import org.artsim.spark.internal.PartitionedShards;
import org.artsim.spark.internal.RandomSharding;
import org.artsim.spark.internal.ShardAssigner;
import org.artsim.spark.internal.ShardStore;
import org.artsim.spark.internal.SharedIndexFile;

/** Loads an {@link ArtsimKnnModel} saved by {@link ArtsimKnnModelWriter}. */
final class ArtsimKnnModelReader extends MLReader<ArtsimKnnModel> {

  @Override
  public ArtsimKnnModel load(String path) {
    var loaded = ParamsMetadata.load(path, sparkSession(), ArtsimKnnModel.class);
    JsonNode s = loaded.artsim();
    if (s.path("formatVersion").asInt(0) != 1) {
      throw new FileFormatException(path + " holds model format version " + s.path("formatVersion").asText("?")
          + "; this artsim reads version 1, so upgrade artsim to load it");
    }
    int dimension = s.path("dimension").asInt(0);
    int shards = s.path("shards").asInt(0);
    if (dimension <= 0 || shards <= 0) {
      throw new FileFormatException(path + "'s metadata has dimension " + dimension + " and " + shards + " shards; the metadata is damaged");
    }
    Metric metric = Metric.parse(s.path("metric").asText());
    var jsc = JavaSparkContext.fromSparkContext(sparkSession().sparkContext());
    try {
      var model = new ArtsimKnnModel(loaded.uid(), dimension, metric, null);
      ParamsMetadata.apply(loaded, model);
      Path first = ArtsimKnnModelWriter.shardFile(path, 0);
      if (s.path("strategy").asText().equals("broadcast") && !model.getSharedDir().isEmpty()
          && first.getFileSystem(jsc.hadoopConfiguration()).getFileStatus(first).getLen() > model.getBroadcastThreshold()) {
        // the saved model's directory is the shared storage: executors open its file in place
        return model.withStore(new BroadcastShards(jsc, SharedIndexFile.existing(jsc, first.toString())));
      }
      var files = new ArrayList<byte[]>(shards);
      for (int i = 0; i < shards; i++) {
        files.add(ParamsMetadata.read(sparkSession(), ArtsimKnnModelWriter.shardFile(path, i)));
      }
      ShardStore store;
      if (s.path("strategy").asText().equals("broadcast")) {
        store = new BroadcastShards(jsc, files.get(0));
      } else {
        store = PartitionedShards.of(jsc, files, assigner(path, s, shards, dimension));
      }
      return model.withStore(store);
    } catch (IOException e) {
      throw new FileFormatException("could not read the model under " + path + ": " + e.getMessage() + "; is it a complete saved ArtsimKnnModel?", e);
    }
  }

  private ShardAssigner assigner(String path, JsonNode s, int shards, int dimension) throws IOException {
    if (s.path("sharding").asText().equals("random")) {
      return new RandomSharding(shards, s.path("shardSeed").asLong());
    }
    try (VectorIndex centroids = IndexBytes.load(ParamsMetadata.read(sparkSession(), ArtsimKnnModelWriter.centroidFile(path)))) {
      if (centroids.size() != shards || centroids.dimension() != dimension) {
        throw new FileFormatException(path + " has " + centroids.size() + " centroids for " + shards + " shards; the model is damaged");
      }
      List<float[]> c = new ArrayList<>();
      for (int j = 0; j < shards; j++) {
        String id = Integer.toString(j);
        c.add(centroids.vector(id).orElseThrow(() -> new FileFormatException(path + " lacks centroid " + id + "; the model is damaged")));
      }
      return new KMeansSharding(c.toArray(float[][]::new), s.path("probe").asInt(shards), s.path("normalise").asBoolean());
    }
  }
}
