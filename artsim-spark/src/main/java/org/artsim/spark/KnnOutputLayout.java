package org.artsim.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.Metric;
import org.artsim.spark.internal.HitRecord;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The shape of each neighbour in the output column.
 *
 * <ul>
 *   <li>{@link #ARTSIM}: {@code struct<id: string, score: float, distance: double, labels:
 *       map<string,string>>}. {@code score} is artsim's score, higher is closer (cosine similarity,
 *       inner product, or negated squared Euclidean distance); {@code distance} is the metric's
 *       distance, lower is closer ({@code 1 - cosine}, {@code -inner product}, Euclidean distance).
 *   <li>{@link #SYNAPSEML}: SynapseML's {@code struct<value, distance>} ({@code KNN}) or {@code
 *       struct<value, distance, label>} ({@code ConditionalKNN}), where, as in SynapseML, {@code
 *       distance} holds artsim's <em>score</em> (higher is closer; the inner product under {@code
 *       dot}), {@code value} the id and {@code label} the hit's value of the condition field.
 * </ul>
 */
public enum KnnOutputLayout {
  /** artsim's layout, with both a score and a distance. */
  ARTSIM,
  /** SynapseML's KNN / ConditionalKNN layout. */
  SYNAPSEML;

  /** Parses {@code artsim} or {@code synapseml}, ignoring case. */
  public static KnnOutputLayout parse(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "artsim" -> ARTSIM;
      case "synapseml" -> SYNAPSEML;
      default -> throw new org.artsim.ConfigException("unknown outputLayout '" + name + "'; use artsim or synapseml");
    };
  }

  /** The struct of one neighbour; {@code conditional} adds SynapseML's {@code label} field. */
  public StructType element(boolean conditional) {
    if (this == ARTSIM) {
      return new StructType()
          .add("id", DataTypes.StringType, false)
          .add("score", DataTypes.FloatType, false)
          .add("distance", DataTypes.DoubleType, false)
          .add("labels", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), false);
    }
    var s = new StructType().add("value", DataTypes.StringType, false).add("distance", DataTypes.FloatType, false);
    return conditional ? s.add("label", DataTypes.StringType, true) : s;
  }

  /** The output column's value for one query's hits. */
  Object value(List<HitRecord> hits, Metric metric, String labelField, boolean conditional) {
    var rows = new ArrayList<Row>(hits.size());
    for (HitRecord h : hits) {
      if (this == ARTSIM) {
        rows.add(RowFactory.create(h.id(), h.score(), metric.distance(h.score()), CollectionConverters.asScala(h.labels())));
      } else if (conditional) {
        rows.add(RowFactory.create(h.id(), h.score(), labelField == null ? null : h.labels().get(labelField)));
      } else {
        rows.add(RowFactory.create(h.id(), h.score()));
      }
    }
    return CollectionConverters.asScala(rows).toSeq();
  }
}
