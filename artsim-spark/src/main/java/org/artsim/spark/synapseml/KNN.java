package org.artsim.spark.synapseml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.artsim.spark.ArtsimKnn;

/**
 * A drop-in for SynapseML's {@code com.microsoft.azure.synapse.ml.nn.KNN}: the same parameter
 * names and defaults ({@code featuresCol=features}, {@code valuesCol=values}, {@code k=5}, {@code
 * outputCol=<uid>_output}, {@code leafSize=50}, accepted and unused) and the same output, {@code
 * array<struct<value, distance>>} with {@code distance} the inner product (higher is closer), backed
 * by an exact artsim index under the {@code dot} metric. Differences: {@code value} is a string and
 * the values column must be unique, since it becomes the artsim id.
 */
public class KNN extends Estimator<KNNModel> {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final Param<String> featuresCol;

  /** Vector column (ml Vector or numeric array). */
  public Param<String> featuresCol() {
    return featuresCol;
  }
  private final Param<String> valuesCol;

  /** Column whose value each neighbour returns (unique per row). */
  public Param<String> valuesCol() {
    return valuesCol;
  }
  private final Param<String> outputCol;

  /** Output column. */
  public Param<String> outputCol() {
    return outputCol;
  }
  private final IntParam k;

  /** Neighbours per query. */
  public IntParam k() {
    return k;
  }
  private final IntParam leafSize;

  /** SynapseML's ball-tree leaf size; accepted for compatibility, unused. */
  public IntParam leafSize() {
    return leafSize;
  }

  /** A new estimator with SynapseML's defaults. */
  public KNN() {
    this(Identifiable.randomUID("KNN"));
  }

  /** A new estimator with a given uid. */
  public KNN(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "the name of the features column");
    valuesCol = new Param<>(this, "valuesCol", "column holding values for each feature (key) that will be returned when queried");
    outputCol = new Param<>(this, "outputCol", "the name of the output column");
    k = new IntParam(this, "k", "number of matches to return");
    leafSize = new IntParam(this, "leafSize", "max size of the leaves of the tree (unused by artsim)");
    setDefault(featuresCol, "features");
    setDefault(valuesCol, "values");
    setDefault(outputCol, uid + "_output");
    setDefault(k, 5);
    setDefault(leafSize, 50);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Sets the vector column. */
  public KNN setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /** Sets the values column. */
  public KNN setValuesCol(String value) {
    set(valuesCol, value);
    return this;
  }

  /** Sets the output column. */
  public KNN setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** Sets the number of neighbours. */
  public KNN setK(int value) {
    set(k, value);
    return this;
  }

  /** Accepted for compatibility; artsim's exact index has no leaves. */
  public KNN setLeafSize(int value) {
    set(leafSize, value);
    return this;
  }

  /** The artsim estimator these settings stand for. */
  ArtsimKnn artsim() {
    return new ArtsimKnn()
        .setFeaturesCol(getOrDefault(featuresCol))
        .setIdCol(getOrDefault(valuesCol))
        .setOutputCol(getOrDefault(outputCol))
        .setK((Integer) getOrDefault(k))
        .setMetric("dot")
        .setOutputLayout("synapseml");
  }

  @Override
  public KNNModel fit(Dataset<?> dataset) {
    return new KNNModel(Identifiable.randomUID("KNNModel"), artsim().fit(dataset)).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return artsim().transformSchema(schema);
  }

  @Override
  public KNN copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
