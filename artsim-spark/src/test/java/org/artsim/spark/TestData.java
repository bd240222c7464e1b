package org.artsim.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.Labels;
import org.artsim.VectorEntry;

/** Seeded items and queries, as DataFrames and as artsim entries for the in-process reference. */
final class TestData {
  static final String[] CULTURES = {"japanese", "american", "egyptian", "dutch", "greek"};
  static final StructType ITEM_SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType, false)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), true)
          .add("culture", DataTypes.StringType, true);
  static final StructType QUERY_SCHEMA =
      new StructType()
          .add("qid", DataTypes.IntegerType, false)
          .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), true)
          .add("cultures", DataTypes.createArrayType(DataTypes.StringType, false), true);

  final List<VectorEntry> items = new ArrayList<>();
  final List<float[]> queries = new ArrayList<>();
  final List<String[]> conditions = new ArrayList<>();
  final int dimension;

  /**
   * {@code n} items of dimension {@code dim}; about one in ten repeats an earlier vector (equal
   * scores, so ties are broken by id); one in eight items has no culture.
   */
  TestData(long seed, int n, int dim, int queryCount) {
    this.dimension = dim;
    var r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      float[] v = i > 0 && r.nextInt(10) == 0 ? items.get(r.nextInt(i)).vector().clone() : vector(r, dim);
      Labels labels = r.nextInt(8) == 0 ? Labels.none() : Labels.of("culture", CULTURES[r.nextInt(CULTURES.length)]);
      items.add(new VectorEntry(String.format("item-%05d", i), v, labels));
    }
    for (int q = 0; q < queryCount; q++) {
      queries.add(r.nextInt(6) == 0 ? items.get(r.nextInt(n)).vector().clone() : vector(r, dim));
      int c = r.nextInt(4);
      String[] allowed = new String[c];
      for (int j = 0; j < c; j++) {
        allowed[j] = r.nextInt(12) == 0 ? "atlantean" : CULTURES[r.nextInt(CULTURES.length)];
      }
      conditions.add(r.nextInt(7) == 0 ? null : allowed);
    }
  }

  private static float[] vector(SplittableRandom r, int dim) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      v[d] = (float) (r.nextDouble() * 2 - 1);
    }
    return v;
  }

  static List<Float> boxed(float[] v) {
    var out = new ArrayList<Float>(v.length);
    for (float x : v) {
      out.add(x);
    }
    return out;
  }

  Dataset<Row> itemFrame() {
    var rows = new ArrayList<Row>();
    for (VectorEntry e : items) {
      rows.add(RowFactory.create(e.id(), boxed(e.vector()).toArray(), e.labels().get("culture")));
    }
    return TestSpark.session().createDataFrame(rows, ITEM_SCHEMA).repartition(3);
  }

  Dataset<Row> queryFrame() {
    var rows = new ArrayList<Row>();
    for (int q = 0; q < queries.size(); q++) {
      rows.add(RowFactory.create(q, boxed(queries.get(q)).toArray(), conditions.get(q)));
    }
    return TestSpark.session().createDataFrame(rows, QUERY_SCHEMA).repartition(3);
  }
}
