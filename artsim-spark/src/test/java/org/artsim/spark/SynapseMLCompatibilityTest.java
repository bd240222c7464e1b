package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.VectorEntry;
import org.artsim.spark.synapseml.ConditionalKNN;
import org.artsim.spark.synapseml.KNN;
import org.junit.jupiter.api.Test;

/**
 * SynapseML's KNN / ConditionalKNN column names, defaults (ml Vector features, values, labels,
 * conditioner) and output layout, answered by maximum inner product exactly.
 */
class SynapseMLCompatibilityTest {
  private static final StructType ITEMS =
      new StructType().add("features", SQLDataTypes.VectorType()).add("values", DataTypes.StringType).add("labels", DataTypes.StringType);
  private static final StructType QUERIES =
      new StructType().add("features", SQLDataTypes.VectorType()).add("conditioner", DataTypes.createArrayType(DataTypes.StringType));

  @Test
  void conditionalKnnTakesSynapseMlColumnsAndAnswersTheirLayout() {
    var data = new TestData(5, 120, 5, 15);
    var items = new ArrayList<Row>();
    for (VectorEntry e : data.items) {
      items.add(RowFactory.create(Vectors.dense(doubles(e.vector())), e.id(), e.labels().get("culture")));
    }
    var queries = new ArrayList<Row>();
    for (int q = 0; q < data.queries.size(); q++) {
      String[] c = data.conditions.get(q);
      queries.add(RowFactory.create(Vectors.dense(doubles(data.queries.get(q))), c == null || c.length == 0 ? new String[] {"greek"} : c));
    }
    Dataset<Row> itemDf = TestSpark.session().createDataFrame(items, ITEMS);
    Dataset<Row> queryDf = TestSpark.session().createDataFrame(queries, QUERIES);

    var cknn = new ConditionalKNN().setOutputCol("matches").setK(3);
    List<Row> out = cknn.fit(itemDf).transform(queryDf).collectAsList();
    assertThat(out.get(0).schema().apply("matches").dataType().simpleString())
        .isEqualTo("array<struct<value:string,distance:float,label:string>>");

    var plain = new KNN().setK(2).fit(itemDf).transform(queryDf);
    assertThat(plain.schema().apply(plain.schema().size() - 1).name()).endsWith("_output");
    assertThat(plain.schema().apply(plain.schema().size() - 1).dataType().simpleString())
        .isEqualTo("array<struct<value:string,distance:float>>");

    try (VectorIndex reference = Artsim.index("flat", data.dimension, Metric.DOT)) {
      reference.addAll(data.items);
      for (Row row : out) {
        float[] q = floats(((org.apache.spark.ml.linalg.Vector) row.get(0)).toArray());
        List<String> allowed = row.getList(1);
        List<Hit> expected = reference.search(q, 3, LabelFilter.anyOf("culture", allowed));
        var actual = new ArrayList<String>();
        for (Object o : row.getList(2)) {
          Row m = (Row) o;
          actual.add(m.getString(0) + " " + m.getFloat(1) + " " + m.getString(2));
        }
        assertThat(actual).isEqualTo(expected.stream().map(h -> h.id() + " " + h.score() + " " + h.label("culture")).toList());
      }
    }
  }

  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  private static float[] floats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
