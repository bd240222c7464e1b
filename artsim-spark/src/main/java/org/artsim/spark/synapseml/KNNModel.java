package org.artsim.spark.synapseml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.artsim.spark.ArtsimKnnModel;

/**
 * The model {@link KNN} and {@link ConditionalKNN} fit: answers like SynapseML's {@code KNNModel}
 * and {@code ConditionalKNNModel}, through an {@link ArtsimKnnModel} (reachable with {@link
 * #artsimModel()}, for instance to save it).
 */
public class KNNModel extends Model<KNNModel> {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final ArtsimKnnModel model;

  KNNModel(String uid, ArtsimKnnModel model) {
    this.uid = uid;
    this.model = model;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The artsim model that answers. */
  public ArtsimKnnModel artsimModel() {
    return model;
  }

  /** Sets the number of neighbours. */
  public KNNModel setK(int value) {
    model.setK(value);
    return this;
  }

  /** Sets the output column. */
  public KNNModel setOutputCol(String value) {
    model.setOutputCol(value);
    return this;
  }

  /** Sets the query column of allowed labels (ConditionalKNN). */
  public KNNModel setConditionerCol(String value) {
    model.setConditionerCol(value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return model.transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return model.transformSchema(schema);
  }

  @Override
  public KNNModel copy(ParamMap extra) {
    return new KNNModel(uid, model.copy(extra)).setParent(parent());
  }
}
