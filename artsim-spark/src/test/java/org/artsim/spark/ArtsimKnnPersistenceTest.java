package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.artsim.FileFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved models (broadcast, random and k-means shards) load back and answer exactly as before. */
class ArtsimKnnPersistenceTest {
  @TempDir Path dir;

  private static Map<Integer, String> answers(Dataset<Row> out) {
    var map = new TreeMap<Integer, String>();
    for (Row r : out.select("qid", "neighbours").collectAsList()) {
      map.put(r.getInt(0), r.getList(1).toString());
    }
    return map;
  }

  @Test
  void modelsRoundTripWithTheirParamsAndAnswers() throws Exception {
    var data = new TestData(11, 150, 6, 25);
    String[][] strategies = {{"broadcast", "random", "0"}, {"partitioned", "random", "0"}, {"partitioned", "kmeans", "2"}};
    for (String[] s : strategies) {
      ArtsimKnnModel model =
          new ArtsimKnn().setLabelCols(new String[] {"culture"}).setMetric("l2").setK(4)
              .setStrategy(s[0]).setSharding(s[1]).setNumShards(3).setProbe(Integer.parseInt(s[2]))
              .fit(data.itemFrame())
              .setConditionerCol("cultures");
      Map<Integer, String> before = answers(model.transform(data.queryFrame()));
      String path = dir.resolve(s[0] + "-" + s[1]).toString();
      model.write().save(path);
      ArtsimKnnModel loaded = ArtsimKnnModel.load(path);
      assertThat(loaded.uid()).isEqualTo(model.uid());
      assertThat(loaded.getK()).isEqualTo(4);
      assertThat(loaded.getConditionerCol()).isEqualTo("cultures");
      assertThat(loaded.fittedStrategy()).isEqualTo(s[0]);
      assertThat(loaded.shardCount()).isEqualTo(s[0].equals("broadcast") ? 1 : 3);
      assertThat(loaded.dimension()).isEqualTo(6);
      assertThat(answers(loaded.transform(data.queryFrame()))).as(String.join("/", s)).isEqualTo(before);
    }
  }

  @Test
  void estimatorsAndPipelinesRoundTrip() throws Exception {
    var knn = new ArtsimKnn().setK(3).setFeaturesCol("features").setStrategy("partitioned").setNumShards(2);
    String path = dir.resolve("estimator").toString();
    knn.write().save(path);
    ArtsimKnn loaded = ArtsimKnn.load(path);
    assertThat(loaded.uid()).isEqualTo(knn.uid());
    assertThat(loaded.getK()).isEqualTo(3);
    assertThat(loaded.getStrategy()).isEqualTo("partitioned");

    var data = new TestData(12, 80, 4, 10);
    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {knn}).fit(data.itemFrame());
    String pipePath = dir.resolve("pipeline").toString();
    pipeline.write().save(pipePath);
    PipelineModel back = PipelineModel.load(pipePath);
    assertThat(back.stages()[0]).isInstanceOf(ArtsimKnnModel.class);
    assertThat(answers(back.transform(data.queryFrame()))).isEqualTo(answers(pipeline.transform(data.queryFrame())));
  }

  @Test
  void loadingSomethingElseIsRefused() throws Exception {
    String path = dir.resolve("estimator-only").toString();
    new ArtsimKnn().write().save(path);
    assertThatThrownBy(() -> ArtsimKnnModel.load(path))
        .isExactlyInstanceOf(FileFormatException.class)
        .hasMessage(path + " holds a org.artsim.spark.ArtsimKnn, not a org.artsim.spark.ArtsimKnnModel; load it with its own class");
    String missing = dir.resolve("nothing-here").toString();
    assertThatThrownBy(() -> ArtsimKnnModel.load(missing))
        .isExactlyInstanceOf(FileFormatException.class)
        .hasMessageContaining("could not read " + missing + "/metadata/part-00000")
        .hasMessageEndingWith("is " + missing + " a saved ArtsimKnnModel?");
  }
}
