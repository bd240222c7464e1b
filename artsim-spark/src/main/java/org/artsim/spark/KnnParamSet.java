package org.artsim.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The parameter objects of one kNN stage, with every default in one place. Checks happen where
 * values are read ({@link ArtsimKnnParams}), so that a bad value fails with an artsim exception.
 */
public final class KnnParamSet implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  final Param<String> featuresCol;
  final Param<String> idCol;
  final StringArrayParam labelCols;
  final Param<String> conditionerCol;
  final Param<String> conditionField;
  final IntParam k;
  final Param<String> metric;
  final Param<String> indexKind;
  final StringArrayParam indexSettings;
  final Param<String> strategy;
  final IntParam numShards;
  final Param<String> sharding;
  final IntParam probe;
  final Param<String> outputCol;
  final Param<String> outputLayout;
  final LongParam seed;
  final Param<String> sharedDir;
  final LongParam broadcastThreshold;

  /** Creates the parameters of {@code owner} and sets their defaults. */
  KnnParamSet(Params owner) {
    featuresCol = new Param<>(owner, "featuresCol", "column of vectors: array<float> (numeric arrays and ml Vectors are converted)");
    idCol = new Param<>(owner, "idCol", "column of unique item ids (strings or numbers)");
    labelCols = new StringArrayParam(owner, "labelCols", "columns whose values become item labels, for conditional kNN");
    conditionerCol = new Param<>(owner, "conditionerCol", "query column of allowed label values (array or one value); empty: no condition");
    conditionField = new Param<>(owner, "conditionField", "label field conditions apply to; empty: the first of labelCols");
    k = new IntParam(owner, "k", "number of neighbours per query (at least 1)");
    metric = new Param<>(owner, "metric", "cosine, dot or l2");
    indexKind = new Param<>(owner, "indexKind", "artsim index kind of each shard: flat (exact), balltree, hnsw, hnsw-lucene");
    indexSettings = new StringArrayParam(owner, "indexSettings", "index settings as key=value");
    strategy = new Param<>(owner, "strategy", "broadcast (one index shipped to every executor) or partitioned (shards searched in parallel)");
    numShards = new IntParam(owner, "numShards", "shards of the partitioned strategy; 0: Spark's default parallelism");
    sharding = new Param<>(owner, "sharding", "random (by id hash) or kmeans (by nearest centroid)");
    probe = new IntParam(owner, "probe", "shards a query visits under kmeans sharding; 0: all shards (exact)");
    outputCol = new Param<>(owner, "outputCol", "column the neighbours go to");
    outputLayout = new Param<>(owner, "outputLayout", "artsim (id, score, distance, labels) or synapseml (value, distance[, label])");
    seed = new LongParam(owner, "seed", "seed of random sharding and k-means");
    sharedDir = new Param<>(owner, "sharedDir", "directory every executor can read (hdfs://, s3a://, a shared mount); a broadcast index larger"
        + " than broadcastThreshold is written there and opened by each executor instead of being broadcast; empty: always broadcast");
    broadcastThreshold = new LongParam(owner, "broadcastThreshold", "index bytes above which a broadcast index goes through sharedDir (at least 0)");

    owner.setDefault(featuresCol, "features");
    owner.setDefault(idCol, "id");
    owner.setDefault(labelCols, new String[0]);
    owner.setDefault(conditionerCol, "");
    owner.setDefault(conditionField, "");
    owner.setDefault(k, 5);
    owner.setDefault(metric, "cosine");
    owner.setDefault(indexKind, "flat");
    owner.setDefault(indexSettings, new String[0]);
    owner.setDefault(strategy, "broadcast");
    owner.setDefault(numShards, 0);
    owner.setDefault(sharding, "random");
    owner.setDefault(probe, 0);
    owner.setDefault(outputCol, "neighbours");
    owner.setDefault(outputLayout, "artsim");
    owner.setDefault(seed, 42L);
    owner.setDefault(sharedDir, "");
    owner.setDefault(broadcastThreshold, 1L << 30);
  }
}
