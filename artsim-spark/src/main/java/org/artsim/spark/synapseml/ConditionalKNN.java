package org.artsim.spark.synapseml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.artsim.spark.ArtsimKnn;

/**
 * A drop-in for SynapseML's {@code com.microsoft.azure.synapse.ml.nn.ConditionalKNN}: {@link KNN}'s
 * parameters plus {@code labelCol} (default {@code labels}) on the items and {@code
 * conditionerCol} (default {@code conditioner}: the allowed labels per query row). The output is
 * {@code array<struct<value, distance, label>>}; neighbours are exactly the top k by inner product
 * among items whose label is allowed (SynapseML's ball tree answers the same question).
 */
public class ConditionalKNN extends KNN {
  private static final long serialVersionUID = 1L;
  private final Param<String> labelCol;

  /** Item column of labels. */
  public Param<String> labelCol() {
    return labelCol;
  }
  private final Param<String> conditionerCol;

  /** Query column of allowed labels. */
  public Param<String> conditionerCol() {
    return conditionerCol;
  }

  /** A new estimator with SynapseML's defaults. */
  public ConditionalKNN() {
    this(Identifiable.randomUID("ConditionalKNN"));
  }

  /** A new estimator with a given uid. */
  public ConditionalKNN(String uid) {
    super(uid);
    labelCol = new Param<>(this, "labelCol", "the name of the label column");
    conditionerCol = new Param<>(this, "conditionerCol", "column holding identifiers for features that will be returned when queried");
    setDefault(labelCol, "labels");
    setDefault(conditionerCol, "conditioner");
  }

  /** Sets the label column. */
  public ConditionalKNN setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /** Sets the conditioner column. */
  public ConditionalKNN setConditionerCol(String value) {
    set(conditionerCol, value);
    return this;
  }

  @Override
  ArtsimKnn artsim() {
    return super.artsim().setLabelCols(new String[] {getOrDefault(labelCol)}).setConditionerCol(getOrDefault(conditionerCol));
  }

  @Override
  public KNNModel fit(Dataset<?> dataset) {
    return new KNNModel(Identifiable.randomUID("ConditionalKNNModel"), artsim().fit(dataset)).setParent(this);
  }

  @Override
  public org.apache.spark.sql.types.StructType transformSchema(org.apache.spark.sql.types.StructType schema) {
    return super.artsim().setLabelCols(new String[] {getOrDefault(labelCol)}).transformSchema(schema);
  }
}
