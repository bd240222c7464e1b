package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.ConfigException;
import org.artsim.DimensionMismatchException;
import org.artsim.DuplicateIdException;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad input to ArtsimKnn / ArtsimKnnModel fails with an artsim exception that says what to do. */
class ArtsimKnnBadInputTest {
  private static ArtsimKnnModel model;

  private static Dataset<Row> frame(Object[]... rows) {
    var list = new java.util.ArrayList<Row>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return TestSpark.session().createDataFrame(list, TestData.ITEM_SCHEMA);
  }

  private static Object[] item(String id, String culture, Float... v) {
    return new Object[] {id, v, culture};
  }

  @BeforeAll
  static void fit() {
    model = new ArtsimKnn().setLabelCols(new String[] {"culture"}).setK(2)
        .fit(frame(item("a", "greek", 1f, 0f, 0f), item("b", "dutch", 0f, 1f, 0f), item("c", "greek", 0f, 0f, 1f)));
  }

  @Test
  void kBelowOneIsRefusedBySetterAndAtFit() {
    assertThatThrownBy(() -> new ArtsimKnn().setK(0))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("k must be at least 1, got 0; ask for one or more neighbours");
    var knn = new ArtsimKnn();
    var items = frame(item("a", "greek", 1f, 0f));
    assertThatThrownBy(() -> knn.fit(items, new ParamMap().put(knn.k(), -3)))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("k must be at least 1, got -3; ask for one or more neighbours");
    assertThatThrownBy(() -> model.copy(ParamMap.empty()).setK(0))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("k must be at least 1, got 0");
  }

  @Test
  void anEmptyDataSetIsRefused() {
    assertThatThrownBy(() -> new ArtsimKnn().fit(frame()))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("the data set to fit ArtsimKnn on is empty; give it at least one row");
  }

  @Test
  void aMissingOrWronglyTypedColumnIsRefused() {
    var items = frame(item("a", "greek", 1f, 0f));
    assertThatThrownBy(() -> new ArtsimKnn().setFeaturesCol("embedding").fit(items))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("no column 'embedding' (featuresCol) in the data set; its columns are [id, features, culture]; set featuresCol to one of them");
    assertThatThrownBy(() -> new ArtsimKnn().setFeaturesCol("culture").fit(items))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("column 'culture' (featuresCol) has type string; vectors must be array<float> (array<double> and ml Vectors are converted)");
    assertThatThrownBy(() -> new ArtsimKnn().setIdCol("features").fit(items))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("column 'features' (idCol) has type array<float>; it must hold strings, numbers or booleans");
    var queries = TestSpark.session().createDataFrame(List.of(RowFactory.create("x")), new StructType().add("features", DataTypes.StringType));
    assertThatThrownBy(() -> model.transform(queries))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("column 'features' (featuresCol) has type string; vectors must be array<float> (array<double> and ml Vectors are converted)");
  }

  @Test
  void nullVectorsAreRefusedWhenFittingAndWhenQuerying() {
    assertThatThrownBy(() -> new ArtsimKnn().fit(frame(item("a", "greek", 1f, 0f), new Object[] {"b", null, "dutch"})))
        .isExactlyInstanceOf(InvalidVectorException.class)
        .hasMessage("1 of 2 rows have a null vector in column 'features'; drop them (na().drop()) or fill them before fitting");
    var queries = frame(new Object[] {"q", null, null});
    Throwable t = catchThrowable(() -> model.transform(queries).collectAsList());
    assertThat(Causes.find(t, InvalidVectorException.class))
        .hasMessage("a query row has a null vector in column 'features'; drop or fill rows with null vectors first");
  }

  @Test
  void vectorsOfDifferentLengthsAreRefusedWhenFittingAndWhenQuerying() {
    assertThatThrownBy(() -> new ArtsimKnn().fit(frame(item("a", "greek", 1f, 0f), item("b", "dutch", 1f, 0f, 2f))))
        .isExactlyInstanceOf(DimensionMismatchException.class)
        .hasMessage("vectors in column 'features' have between 2 and 3 values; every vector must have the same length");
    var queries = frame(item("q", null, 1f, 0f));
    for (ArtsimKnnModel m : List.of(model, partitioned())) {
      Throwable t = catchThrowable(() -> m.transform(queries).collectAsList());
      assertThat(Causes.find(t, DimensionMismatchException.class))
          .hasMessage("a query row has a vector of 2 values in column 'features'; the model holds 3-dimensional vectors, so queries must have 3 values");
    }
  }

  private static ArtsimKnnModel partitioned() {
    return new ArtsimKnn().setStrategy("partitioned").setNumShards(2)
        .fit(frame(item("a", "greek", 1f, 0f, 0f), item("b", "dutch", 0f, 1f, 0f)));
  }

  @Test
  void repeatedIdsAreRefused() {
    assertThatThrownBy(() -> new ArtsimKnn().fit(frame(item("a", "greek", 1f, 0f), item("a", "dutch", 0f, 1f))))
        .isExactlyInstanceOf(DuplicateIdException.class)
        .hasMessage("column 'id' holds 1 repeated ids among 2 rows; ids must be unique (deduplicate with dropDuplicates(\"id\"))");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new ArtsimKnn().setMetric("manhattan"))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("unknown metric 'manhattan'; use one of cosine, dot, l2");
    assertThatThrownBy(() -> new ArtsimKnn().setStrategy("gossip"))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("unknown strategy 'gossip'; use broadcast or partitioned");
    assertThatThrownBy(() -> new ArtsimKnn().setSharding("alphabetical"))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("unknown sharding 'alphabetical'; use random or kmeans");
    assertThatThrownBy(() -> new ArtsimKnn().setIndexSettings(new String[] {"m16"}).fit(frame(item("a", "greek", 1f, 0f))))
        .isExactlyInstanceOf(ConfigException.class)
        .hasMessage("index setting 'm16' is not key=value; write it as, e.g., \"m=16\"");
  }

  @Test
  void aConditionNeedsALabelFieldAndTheOutputColumnMustBeNew() {
    var plain = new ArtsimKnn().fit(frame(item("a", "greek", 1f, 0f)));
    var queries = TestSpark.session().createDataFrame(
        List.of(RowFactory.create((Object) new Float[] {1f, 0f}, new String[] {"greek"})),
        new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType)).add("cultures", DataTypes.createArrayType(DataTypes.StringType)));
    assertThatThrownBy(() -> plain.setConditionerCol("cultures").transform(queries))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("conditionerCol is set but the model has no label field to condition on; set labelCols when fitting or set conditionField");
    assertThatThrownBy(() -> plain.setConditionerCol("").setOutputCol("cultures").transform(queries))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("output column 'cultures' already exists in the data set; set outputCol to a new name");
  }

  @Test
  void aLabelValueNoItemHasMatchesNothingWithoutError() {
    var queries = TestSpark.session().createDataFrame(
        List.of(RowFactory.create((Object) new Float[] {1f, 0f, 0f}, new String[] {"atlantean"}),
            RowFactory.create((Object) new Float[] {1f, 0f, 0f}, new String[] {"atlantean", "greek"})),
        new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType)).add("cultures", DataTypes.createArrayType(DataTypes.StringType)));
    List<Row> rows = model.copy(ParamMap.empty()).setConditionerCol("cultures").transform(queries).collectAsList();
    assertThat(rows).hasSize(2);
    var sizes = rows.stream().map(r -> r.getList(2).size()).sorted().toList();
    assertThat(sizes).containsExactly(0, 2);
  }
}
