package org.artsim.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.artsim.ConfigException;
import org.artsim.DimensionMismatchException;
import org.artsim.DuplicateIdException;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.spark.internal.BroadcastShards;
import org.artsim.spark.internal.Columns;
import org.artsim.spark.internal.IndexBytes;
import org.artsim.spark.internal.SharedIndexFile;
import org.artsim.spark.internal.ItemRecord;
import org.artsim.spark.internal.KMeansSharding;
import org.artsim.spark.internal.ParamsMetadata;
import org.artsim.spark.internal.PartitionedShards;
import org.artsim.spark.internal.RandomSharding;
import org.artsim.spark.internal.RowReader;
import org.artsim.spark.internal.ShardAssigner;
import org.artsim.spark.internal.ShardStore;

/**
 * Spark ML estimator that builds artsim indexes over a DataFrame of items (id, vector, labels) and
 * returns an {@link ArtsimKnnModel} answering kNN and conditional kNN queries.
 *
 * <pre>{@code
 * ArtsimKnnModel model = new ArtsimKnn()
 *     .setFeaturesCol("embedding").setIdCol("object_id").setLabelCols(new String[] {"culture"})
 *     .setK(10).setMetric("cosine").setStrategy("partitioned").setNumShards(16)
 *     .fit(items);
 * Dataset<Row> out = model.setConditionerCol("cultures").transform(queries);
 * }</pre>
 *
 * <p>Strategies: {@code broadcast} builds one index on the driver and ships its saved bytes to each
 * executor once (for collections whose index fits every executor; under 2 GB); {@code partitioned}
 * builds one index per shard on the executors and merges each shard's exact top-k. Fitting checks
 * the data in one pass and refuses an empty data set, null vectors or ids, vectors of different
 * lengths and repeated ids with artsim exceptions that say what to do.
 */
public final class ArtsimKnn extends Estimator<ArtsimKnnModel> implements ArtsimKnnParams, MLWritable {
  private static final long serialVersionUID = 1L;
  /** Above this many vector bytes the broadcast strategy is refused (a broadcast caps at 2 GB). */
  static final long BROADCAST_LIMIT_BYTES = 1_800_000_000L;
  private static final int KMEANS_SAMPLE = 20_000;

  private final String uid;
  private final KnnParamSet params;

  /** A new estimator with default parameters. */
  public ArtsimKnn() {
    this(Identifiable.randomUID("artsimKnn"));
  }

  /** A new estimator with a given uid (Spark ML convention). */
  public ArtsimKnn(String uid) {
    this.uid = uid;
    this.params = new KnnParamSet(this);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public KnnParamSet knnParams() {
    return params;
  }

  /** Sets the vector column. */
  public ArtsimKnn setFeaturesCol(String value) {
    set(featuresCol(), value);
    return this;
  }

  /** Sets the id column. */
  public ArtsimKnn setIdCol(String value) {
    set(idCol(), value);
    return this;
  }

  /** Sets the label columns. */
  public ArtsimKnn setLabelCols(String[] value) {
    set(labelCols(), value);
    return this;
  }

  /** Sets the query condition column (used by the model). */
  public ArtsimKnn setConditionerCol(String value) {
    set(conditionerCol(), value);
    return this;
  }

  /** Sets the label field conditions apply to. */
  public ArtsimKnn setConditionField(String value) {
    set(conditionField(), value);
    return this;
  }

  /** Sets the number of neighbours; refuses k &lt; 1 with {@link InvalidArgumentException}. */
  public ArtsimKnn setK(int value) {
    set(k(), value);
    getK();
    return this;
  }

  /** Sets the metric (cosine, dot, l2). */
  public ArtsimKnn setMetric(String value) {
    Metric.parse(value);
    set(metric(), value);
    return this;
  }

  /** Sets the index kind of each shard. */
  public ArtsimKnn setIndexKind(String value) {
    set(indexKind(), value);
    return this;
  }

  /** Sets index settings as key=value strings. */
  public ArtsimKnn setIndexSettings(String[] value) {
    set(indexSettings(), value);
    return this;
  }

  /** Sets the strategy (broadcast, partitioned). */
  public ArtsimKnn setStrategy(String value) {
    set(strategy(), value);
    getStrategy();
    return this;
  }

  /** Sets the number of shards (partitioned strategy). */
  public ArtsimKnn setNumShards(int value) {
    set(numShards(), value);
    getNumShards();
    return this;
  }

  /** Sets the sharding (random, kmeans). */
  public ArtsimKnn setSharding(String value) {
    set(sharding(), value);
    getSharding();
    return this;
  }

  /** Sets how many shards a query visits under kmeans sharding (0: all). */
  public ArtsimKnn setProbe(int value) {
    set(probe(), value);
    getProbe();
    return this;
  }

  /** Sets the output column. */
  public ArtsimKnn setOutputCol(String value) {
    set(outputCol(), value);
    return this;
  }

  /** Sets the output layout (artsim, synapseml). */
  public ArtsimKnn setOutputLayout(String value) {
    set(outputLayout(), value);
    getOutputLayout();
    return this;
  }

  /**
   * Sets a directory every executor can read (HDFS, S3, a shared mount; a local path in local
   * mode): a broadcast index larger than {@link #setBroadcastThreshold} is saved there and each
   * executor opens it once instead of receiving it by broadcast, which also lifts the 2 GB limit
   * of a broadcast. The file is deleted by {@link ArtsimKnnModel#release()}.
   */
  public ArtsimKnn setSharedDir(String value) {
    set(sharedDir(), value);
    return this;
  }

  /** Sets the index bytes above which a broadcast index goes through the shared directory. */
  public ArtsimKnn setBroadcastThreshold(long value) {
    set(broadcastThreshold(), value);
    getBroadcastThreshold();
    return this;
  }

  /** Sets the seed of sharding. */
  public ArtsimKnn setSeed(long value) {
    set(seed(), value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Columns.vector(schema, getFeaturesCol(), "featuresCol");
    Columns.string(schema, getIdCol(), "idCol");
    for (String label : getLabelCols()) {
      Columns.string(schema, label, "labelCols");
    }
    return schema;
  }

  @Override
  public ArtsimKnnModel fit(Dataset<?> dataset) {
    StructType schema = dataset.schema();
    transformSchema(schema);
    getK();
    Metric metric = getMetric();
    String strategy = getStrategy();
    var columns = new ArrayList<Column>();
    columns.add(Columns.vector(schema, getFeaturesCol(), "featuresCol").as("v"));
    columns.add(Columns.string(schema, getIdCol(), "idCol").as("id"));
    String[] labels = getLabelCols();
    for (int i = 0; i < labels.length; i++) {
      columns.add(Columns.string(schema, labels[i], "labelCols").as("l" + i));
    }
    Dataset<Row> items = dataset.select(columns.toArray(Column[]::new));
    int dimension = checkedDimension(items);
    PartitionedShards.IndexSpec spec = new PartitionedShards.IndexSpec(getIndexKind(), dimension, metric, settings());
    try (VectorIndex probeIndex = spec.create()) {
      // fails early, on the driver, for an unknown index kind or bad settings
      probeIndex.size();
    }
    RowReader reader = new RowReader(getFeaturesCol(), dimension);
    JavaRDD<ItemRecord> records = items.javaRDD().map(row -> reader.item(row, labels));
    var jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    ShardStore store = strategy.equals("broadcast") ? broadcast(jsc, records, spec, items) : partitioned(jsc, records, spec, metric);
    var model = new ArtsimKnnModel(ArtsimKnnModel.newUid(), dimension, metric, store);
    return copyValues(model, ParamMap.empty()).setParent(this);
  }

  private ShardStore broadcast(JavaSparkContext jsc, JavaRDD<ItemRecord> records, PartitionedShards.IndexSpec spec, Dataset<Row> items) {
    String shared = getSharedDir();
    long threshold = getBroadcastThreshold();
    List<ItemRecord> all = records.collect();
    long bytes = (long) all.size() * spec.dimension() * Float.BYTES;
    if (bytes > BROADCAST_LIMIT_BYTES && shared.isEmpty()) {
      throw new InvalidArgumentException(all.size() + " vectors of " + spec.dimension() + " floats need " + bytes
          + " bytes, more than a broadcast holds; set sharedDir to a directory every executor can read, or use setStrategy(\"partitioned\")");
    }
    try (VectorIndex index = spec.create()) {
      index.addAll(all.stream().map(ItemRecord::toEntry).toList());
      all = null;
      if (!shared.isEmpty() && bytes > threshold) {
        return new BroadcastShards(jsc, SharedIndexFile.write(jsc, index, shared));
      }
      return new BroadcastShards(jsc, IndexBytes.of(index));
    }
  }

  private ShardStore partitioned(JavaSparkContext jsc, JavaRDD<ItemRecord> records, PartitionedShards.IndexSpec spec, Metric metric) {
    int shards = getNumShards() > 0 ? getNumShards() : jsc.defaultParallelism();
    ShardAssigner assigner;
    if (getSharding().equals("random")) {
      assigner = new RandomSharding(shards, getSeed());
    } else {
      List<float[]> sample = records.map(ItemRecord::vector).takeSample(false, KMEANS_SAMPLE, getSeed());
      int probe = getProbe() == 0 ? shards : getProbe();
      assigner = KMeansSharding.fit(sample, shards, probe, metric.normalises(), getSeed());
    }
    return PartitionedShards.build(records, assigner, spec);
  }

  private HashMap<String, String> settings() {
    var out = new HashMap<String, String>();
    for (String s : getIndexSettings()) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("index setting '" + s + "' is not key=value; write it as, e.g., \"m=16\"");
      }
      out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    if (getIndexKind().equals("flat") && !out.containsKey("quantization") && !out.containsKey("int8_prefilter")) {
      // ship float32 only (1.02x the raw vectors); int8 codes would add a quarter to every broadcast and shard
      out.put("quantization", "none");
    }
    return out;
  }

  /** One pass over the items: count, null vectors, null ids, lengths, distinct ids. */
  private int checkedDimension(Dataset<Row> items) {
    Row stats =
        items
            .agg(
                count(lit(1)),
                sum(when(col("v").isNull(), 1).otherwise(0)),
                sum(when(col("id").isNull(), 1).otherwise(0)),
                min(when(col("v").isNotNull(), size(col("v")))),
                max(when(col("v").isNotNull(), size(col("v")))),
                countDistinct(col("id")))
            .first();
    long rows = stats.getLong(0);
    String features = getFeaturesCol();
    if (rows == 0) {
      throw new InvalidArgumentException("the data set to fit ArtsimKnn on is empty; give it at least one row");
    }
    long nullVectors = stats.getLong(1);
    if (nullVectors > 0) {
      throw new InvalidVectorException(nullVectors + " of " + rows + " rows have a null vector in column '" + features
          + "'; drop them (na().drop()) or fill them before fitting");
    }
    long nullIds = stats.getLong(2);
    if (nullIds > 0) {
      throw new InvalidArgumentException(nullIds + " of " + rows + " rows have a null id in column '" + getIdCol() + "'; give every item an id");
    }
    int shortest = stats.getInt(3);
    int longest = stats.getInt(4);
    if (shortest != longest) {
      throw new DimensionMismatchException("vectors in column '" + features + "' have between " + shortest + " and " + longest
          + " values; every vector must have the same length");
    }
    if (shortest == 0) {
      throw new InvalidVectorException("vectors in column '" + features + "' are empty; give each item a vector of at least one value");
    }
    long distinct = stats.getLong(5);
    if (distinct != rows) {
      throw new DuplicateIdException("column '" + getIdCol() + "' holds " + (rows - distinct) + " repeated ids among " + rows
          + " rows; ids must be unique (deduplicate with dropDuplicates(\"" + getIdCol() + "\"))");
    }
    return shortest;
  }

  @Override
  public ArtsimKnn copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    ArtsimKnn self = this;
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        ParamsMetadata.save(self, path, sparkSession(), ParamsMetadata.json().createObjectNode());
      }
    };
  }

  /** A reader for saved estimators. */
  public static MLReader<ArtsimKnn> read() {
    return new MLReader<>() {
      @Override
      public ArtsimKnn load(String path) {
        var loaded = ParamsMetadata.load(path, sparkSession(), ArtsimKnn.class);
        var knn = new ArtsimKnn(loaded.uid());
        ParamsMetadata.apply(loaded, knn);
        return knn;
      }
    };
  }

  /** Loads an estimator saved with {@code write().save(path)}. */
  public static ArtsimKnn load(String path) {
    return read().load(path);
  }
}
