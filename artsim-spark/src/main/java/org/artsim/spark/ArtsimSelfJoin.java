package org.artsim.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.spark.internal.HitRecord;
import org.artsim.spark.internal.QueryRecord;

/**
 * kNN self-joins over a fitted model's items, on the cluster: every item's nearest other items
 * (the whole collection's neighbour graph), optionally only among items sharing its value of a
 * label field, and the near-duplicate pairs within a distance. Items are read back from the
 * model's shards and searched against every shard, so with an exact index the neighbours equal
 * {@code VectorIndex.similarTo} on one index holding every item.
 */
public final class ArtsimSelfJoin {
  private ArtsimSelfJoin() {}

  /**
   * Each item's {@code k} nearest other items: rows {@code (id, neighbours)} in the model's output
   * layout.
   *
   * @param sameLabel a label field whose value a neighbour must share with the item (an item
   *     without the field gets no neighbours), or null for no condition
   */
  public static Dataset<Row> neighbours(ArtsimKnnModel model, int k, String sameLabel) {
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more neighbours");
    }
    KnnOutputLayout layout = model.getOutputLayout();
    Metric metric = model.fittedMetric();
    String labelField = sameLabel != null ? sameLabel : model.getConditionField();
    boolean conditional = sameLabel != null;
    JavaRDD<Row> rows = graph(model, k, sameLabel).map(t -> RowFactory.create(t.id, layout.value(t.hits, metric, labelField, conditional)));
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("neighbours", DataTypes.createArrayType(layout.element(conditional), false), false);
    return SparkSession.active().createDataFrame(rows, schema);
  }

  /**
   * Pairs of items at most {@code maxDistance} apart (the metric's distance: {@code 1 - cosine},
   * {@code -inner product}, Euclidean), each pair once ({@code id < otherId}), among each item's
   * {@code k} nearest: rows {@code (id, otherId, distance)}.
   */
  public static Dataset<Row> nearDuplicates(ArtsimKnnModel model, int k, double maxDistance, String sameLabel) {
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more neighbours");
    }
    if (Double.isNaN(maxDistance)) {
      throw new InvalidArgumentException("maxDistance is NaN; give a distance such as 0.05");
    }
    Metric metric = model.fittedMetric();
    JavaRDD<Row> rows =
        graph(model, k, sameLabel)
            .flatMap(
                n -> {
                  var out = new ArrayList<Row>();
                  for (HitRecord h : n.hits) {
                    double d = metric.distance(h.score());
                    if (d <= maxDistance && n.id.compareTo(h.id()) < 0) {
                      out.add(RowFactory.create(n.id, h.id(), d));
                    }
                  }
                  return out.iterator();
                });
    StructType schema = new StructType()
        .add("id", DataTypes.StringType, false)
        .add("otherId", DataTypes.StringType, false)
        .add("distance", DataTypes.DoubleType, false);
    return SparkSession.active().createDataFrame(rows, schema).distinct();
  }

  /** One item's neighbours. */
  private record Neighbours(String id, List<HitRecord> hits) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static JavaRDD<Neighbours> graph(ArtsimKnnModel model, int k, String sameLabel) {
    JavaRDD<QueryRecord> queries =
        model.store().items()
            .map(
                it -> {
                  if (sameLabel == null) {
                    return new QueryRecord(it.id(), it.vector(), null, null, it.id(), null);
                  }
                  String value = it.labels().get(sameLabel);
                  return new QueryRecord(it.id(), it.vector(), sameLabel, value == null ? new String[0] : new String[] {value}, it.id(), null);
                });
    return model.store().search(queries, k + 1)
        .map(t -> new Neighbours(t._1(), new ArrayList<>(t._2().hits().subList(0, Math.min(k, t._2().hits().size())))));
  }
}
