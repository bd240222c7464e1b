package org.artsim.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.spark.internal.BroadcastSearch;
import org.artsim.spark.internal.BroadcastShards;
import org.artsim.spark.internal.Columns;
import org.artsim.spark.internal.HitRecord;
import org.artsim.spark.internal.QueryRecord;
import org.artsim.spark.internal.RowReader;
import org.artsim.spark.internal.ShardStore;

/**
 * A fitted kNN model: artsim indexes on the cluster (one broadcast index, or shards cached on the
 * executors) that answer, for each row of a query DataFrame, its {@code k} nearest items,
 * optionally only among items whose label is one of the row's allowed values (conditional kNN).
 *
 * <p>With an exact index kind ({@code flat}, {@code balltree}) and every shard visited, the
 * neighbours equal those of one in-process artsim index holding every item: same ids, same
 * scores, same order (score descending, ties by id). Save with {@link #write()}, load with {@link
 * #load(String)}; indexes are stored in artsim's own file format.
 *
 * <p>Bad query input fails the Spark job with a {@code SparkException} caused by an artsim
 * exception: {@link org.artsim.InvalidVectorException} (null vector),
 * {@link org.artsim.DimensionMismatchException} (wrong length). Schema problems fail at once with
 * {@link InvalidArgumentException}.
 */
public final class ArtsimKnnModel extends Model<ArtsimKnnModel> implements ArtsimKnnParams, MLWritable {
  private static final long serialVersionUID = 1L;
  private static final String VECTOR = "__artsim_vector";
  private static final String CONDITION = "__artsim_condition";

  private final String uid;
  private final KnnParamSet params;
  private final int dimension;
  private final Metric fittedMetric;
  private final transient ShardStore store;

  ArtsimKnnModel(String uid, int dimension, Metric metric, ShardStore store) {
    this.uid = uid;
    this.params = new KnnParamSet(this);
    this.dimension = dimension;
    this.fittedMetric = metric;
    this.store = store;
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public KnnParamSet knnParams() {
    return params;
  }

  /** The vector length the model holds. */
  public int dimension() {
    return dimension;
  }

  /** The metric the indexes were built with. */
  public Metric fittedMetric() {
    return fittedMetric;
  }

  /** {@code broadcast} or {@code partitioned}. */
  public String fittedStrategy() {
    return store.strategy();
  }

  /** How many shards hold the items (1 when broadcast). */
  public int shardCount() {
    return store.shardCount();
  }

  /**
   * Bytes of the model's saved indexes on the cluster: with the broadcast strategy what every
   * executor receives, with the partitioned strategy the sum over the shards (each shard held by
   * one executor). artsim's flat format stores float32 vectors, ids and labels, so this is close to
   * the raw vectors' size.
   */
  public long indexBytes() {
    return store.indexBytes();
  }

  /** This model's parameters over another store (used when reading a saved model). */
  ArtsimKnnModel withStore(ShardStore other) {
    var copy = new ArtsimKnnModel(uid, dimension, fittedMetric, other);
    return copyValues(copy, ParamMap.empty());
  }

  ShardStore store() {
    return store;
  }

  /** Sets the number of neighbours per query. */
  public ArtsimKnnModel setK(int value) {
    set(k(), value);
    getK();
    return this;
  }

  /** Sets the query vector column. */
  public ArtsimKnnModel setFeaturesCol(String value) {
    set(featuresCol(), value);
    return this;
  }

  /** Sets the query column of allowed label values (empty: no condition). */
  public ArtsimKnnModel setConditionerCol(String value) {
    set(conditionerCol(), value);
    return this;
  }

  /** Sets the label field conditions apply to. */
  public ArtsimKnnModel setConditionField(String value) {
    set(conditionField(), value);
    return this;
  }

  /** Sets the output column. */
  public ArtsimKnnModel setOutputCol(String value) {
    set(outputCol(), value);
    return this;
  }

  /** Sets the output layout ({@code artsim} or {@code synapseml}). */
  public ArtsimKnnModel setOutputLayout(String value) {
    set(outputLayout(), value);
    return this;
  }

  /** Sets how many shards a query visits under kmeans sharding (0: all, exact). */
  public ArtsimKnnModel setProbe(int value) {
    set(probe(), value);
    return this;
  }

  private boolean conditional() {
    return !getConditionerCol().isEmpty();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Columns.vector(schema, getFeaturesCol(), "featuresCol");
    if (conditional()) {
      Columns.condition(schema, getConditionerCol(), "conditionerCol");
      if (getConditionField() == null) {
        throw new InvalidArgumentException(
            "conditionerCol is set but the model has no label field to condition on; set labelCols when fitting or set conditionField");
      }
    }
    String out = getOutputCol();
    if (java.util.Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new InvalidArgumentException("output column '" + out + "' already exists in the data set; set outputCol to a new name");
    }
    return schema.add(out, DataTypes.createArrayType(getOutputLayout().element(conditional()), false), true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    int k = getK();
    boolean conditional = conditional();
    String field = conditional ? getConditionField() : null;
    KnnOutputLayout layout = getOutputLayout();
    Metric metric = fittedMetric;
    String labelField = getConditionField();
    BroadcastSearch.SerializableFunction<List<HitRecord>, Object> output = hits -> layout.value(hits, metric, labelField, conditional);
    RowReader reader = new RowReader(getFeaturesCol(), dimension);
    Column vector = Columns.vector(dataset.schema(), getFeaturesCol(), "featuresCol");
    Column condition = conditional ? Columns.condition(dataset.schema(), getConditionerCol(), "conditionerCol") : lit(null);

    if (store instanceof BroadcastShards b) {
      var columns = new ArrayList<Column>();
      columns.add(col("*"));
      columns.add(vector.as(VECTOR));
      if (conditional) {
        columns.add(condition.as(CONDITION));
      }
      Dataset<Row> prepared = dataset.select(columns.toArray(Column[]::new));
      return prepared.mapPartitions(new BroadcastSearch(b.handle(), reader, k, field, conditional, output), Encoders.row(outSchema));
    }

    // One evaluation of the input: each row travels with its first shard-bound copy and meets
    // its merged hits by key, so a non-deterministic input (a shuffle's row order) stays correct.
    int width = dataset.schema().size();
    Dataset<Row> prepared = dataset.select(col("*"), vector.as(VECTOR), condition.as(CONDITION));
    JavaRDD<QueryRecord> queries =
        prepared.javaRDD().zipWithUniqueId()
            .map(t -> reader.query(Long.toString(t._2()), t._1(), width, conditional ? width + 1 : -1, field, passenger(t._1(), width)));
    JavaRDD<Row> out =
        store.search(queries, k).values().map(a -> append(a.row(), output.apply(a.hits())));
    return dataset.sparkSession().createDataFrame(out, outSchema);
  }

  private static Row passenger(Row row, int width) {
    Object[] values = new Object[width];
    for (int i = 0; i < width; i++) {
      values[i] = row.get(i);
    }
    return RowFactory.create(values);
  }

  private static Row append(Row row, Object value) {
    Object[] values = new Object[row.length() + 1];
    for (int i = 0; i < row.length(); i++) {
      values[i] = row.get(i);
    }
    values[row.length()] = value;
    return RowFactory.create(values);
  }

  @Override
  public ArtsimKnnModel copy(ParamMap extra) {
    var copy = new ArtsimKnnModel(uid, dimension, fittedMetric, store);
    return copyValues(copy, extra).setParent(parent());
  }

  /** Releases the model's cluster memory (broadcast blocks or cached shards); it cannot search afterwards. */
  public void release() {
    store.release();
  }

  @Override
  public MLWriter write() {
    return new ArtsimKnnModelWriter(this);
  }

  /** A reader for saved models. */
  public static MLReader<ArtsimKnnModel> read() {
    return new ArtsimKnnModelReader();
  }

  /** Loads a model saved with {@code model.write().save(path)}. */
  public static ArtsimKnnModel load(String path) {
    return read().load(path);
  }

  static String newUid() {
    return Identifiable.randomUID("artsimKnnModel");
  }

  @Override
  public String toString() {
    return "ArtsimKnnModel[uid=" + uid + ", dim=" + dimension + ", metric=" + fittedMetric + ", strategy=" + store.strategy()
        + ", shards=" + store.shardCount() + "]";
  }
}
