package org.artsim.spark;

import java.util.Locale;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;

/**
 * The parameters {@link ArtsimKnn} and {@link ArtsimKnnModel} share, with their getters. Each
 * parameter's meaning and default is in its {@code doc} (see {@link KnnParamSet}).
 */
public interface ArtsimKnnParams extends Params {

  /** The parameter objects of this stage. */
  KnnParamSet knnParams();

  /** Column of vectors ({@code array<float>}; numeric arrays and ml Vectors are converted). Default {@code features}. */
  default Param<String> featuresCol() {
    return knnParams().featuresCol;
  }

  /** Column of item ids (strings or numbers, unique). Default {@code id}. */
  default Param<String> idCol() {
    return knnParams().idCol;
  }

  /** Columns whose values become the items' labels (for conditional kNN). Default none. */
  default StringArrayParam labelCols() {
    return knnParams().labelCols;
  }

  /** Query column of allowed label values (array or single value); empty for plain kNN. */
  default Param<String> conditionerCol() {
    return knnParams().conditionerCol;
  }

  /** Label field the condition applies to; empty means the first of labelCols. */
  default Param<String> conditionField() {
    return knnParams().conditionField;
  }

  /** How many neighbours per query. Default 5. */
  default IntParam k() {
    return knnParams().k;
  }

  /** cosine, dot or l2. Default cosine. */
  default Param<String> metric() {
    return knnParams().metric;
  }

  /** The artsim index kind of each shard (flat, balltree, hnsw...). Default flat (exact). */
  default Param<String> indexKind() {
    return knnParams().indexKind;
  }

  /** Index settings as {@code key=value} strings. Default none. */
  default StringArrayParam indexSettings() {
    return knnParams().indexSettings;
  }

  /** broadcast or partitioned. Default broadcast. */
  default Param<String> strategy() {
    return knnParams().strategy;
  }

  /** Shards of the partitioned strategy; 0 means Spark's default parallelism. */
  default IntParam numShards() {
    return knnParams().numShards;
  }

  /** random or kmeans. Default random. */
  default Param<String> sharding() {
    return knnParams().sharding;
  }

  /** Shards a query visits under kmeans sharding; 0 means all (exact). */
  default IntParam probe() {
    return knnParams().probe;
  }

  /** Column the neighbours go to. Default {@code neighbours}. */
  default Param<String> outputCol() {
    return knnParams().outputCol;
  }

  /** artsim or synapseml (see {@link KnnOutputLayout}). Default artsim. */
  default Param<String> outputLayout() {
    return knnParams().outputLayout;
  }

  /** Seed of random sharding and k-means. Default 42. */
  default LongParam seed() {
    return knnParams().seed;
  }

  /** Shared directory for broadcast indexes above {@link #broadcastThreshold()}. Default empty (always broadcast). */
  default Param<String> sharedDir() {
    return knnParams().sharedDir;
  }

  /** Index bytes above which a broadcast index goes through {@link #sharedDir()}. Default 1 GiB. */
  default LongParam broadcastThreshold() {
    return knnParams().broadcastThreshold;
  }

  /** The featuresCol value. */
  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  /** The idCol value. */
  default String getIdCol() {
    return getOrDefault(idCol());
  }

  /** The labelCols value. */
  default String[] getLabelCols() {
    return getOrDefault(labelCols());
  }

  /** The conditionerCol value. */
  default String getConditionerCol() {
    return getOrDefault(conditionerCol());
  }

  /** The field conditions apply to: conditionField, else the first label column, else null. */
  default String getConditionField() {
    String f = getOrDefault(conditionField());
    if (!f.isEmpty()) {
      return f;
    }
    String[] labels = getLabelCols();
    return labels.length == 0 ? null : labels[0];
  }

  /** The k value, checked. */
  default int getK() {
    int k = (Integer) getOrDefault(k());
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more neighbours");
    }
    return k;
  }

  /** The metric, parsed. */
  default Metric getMetric() {
    return Metric.parse(getOrDefault(metric()));
  }

  /** The indexKind value. */
  default String getIndexKind() {
    return getOrDefault(indexKind());
  }

  /** The indexSettings value. */
  default String[] getIndexSettings() {
    return getOrDefault(indexSettings());
  }

  /** The strategy, checked. */
  default String getStrategy() {
    String s = getOrDefault(strategy()).toLowerCase(Locale.ROOT);
    if (!s.equals("broadcast") && !s.equals("partitioned")) {
      throw new ConfigException("unknown strategy '" + s + "'; use broadcast or partitioned");
    }
    return s;
  }

  /** The numShards value. */
  default int getNumShards() {
    int n = (Integer) getOrDefault(numShards());
    if (n < 0) {
      throw new InvalidArgumentException("numShards must be 0 (Spark's default parallelism) or positive, got " + n);
    }
    return n;
  }

  /** The sharding, checked. */
  default String getSharding() {
    String s = getOrDefault(sharding()).toLowerCase(Locale.ROOT);
    if (!s.equals("random") && !s.equals("kmeans")) {
      throw new ConfigException("unknown sharding '" + s + "'; use random or kmeans");
    }
    return s;
  }

  /** The probe value. */
  default int getProbe() {
    int p = (Integer) getOrDefault(probe());
    if (p < 0) {
      throw new InvalidArgumentException("probe must be 0 (all shards) or positive, got " + p);
    }
    return p;
  }

  /** The outputCol value. */
  default String getOutputCol() {
    return getOrDefault(outputCol());
  }

  /** The output layout, parsed. */
  default KnnOutputLayout getOutputLayout() {
    return KnnOutputLayout.parse(getOrDefault(outputLayout()));
  }

  /** The sharedDir value. */
  default String getSharedDir() {
    return getOrDefault(sharedDir());
  }

  /** The broadcastThreshold value, checked. */
  default long getBroadcastThreshold() {
    long t = (Long) getOrDefault(broadcastThreshold());
    if (t < 0) {
      throw new InvalidArgumentException("broadcastThreshold must be 0 or more bytes, got " + t);
    }
    return t;
  }

  /** The seed value. */
  default long getSeed() {
    return (Long) getOrDefault(seed());
  }
}
