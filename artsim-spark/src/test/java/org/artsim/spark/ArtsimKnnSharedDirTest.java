package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.artsim.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broadcast index above the threshold travels as a file in the shared directory: the answers are
 * those of the broadcast bytes, the file is the saved index, release deletes it, and a saved model
 * opens its own file in place after loading.
 */
class ArtsimKnnSharedDirTest {
  @TempDir Path dir;

  private static Map<Integer, String> answers(Dataset<Row> out) {
    var map = new TreeMap<Integer, String>();
    for (Row r : out.select("qid", "neighbours").collectAsList()) {
      map.put(r.getInt(0), r.getList(1).toString());
    }
    return map;
  }

  private static long files(Path d) throws Exception {
    if (!Files.exists(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".artsim")).count();
    }
  }

  @Test
  void anIndexAboveTheThresholdGoesThroughTheSharedDirectoryWithTheSameAnswers() throws Exception {
    var data = new TestData(21, 200, 8, 30);
    Path shared = dir.resolve("shared");
    ArtsimKnnModel viaBroadcast = new ArtsimKnn().setLabelCols(new String[] {"culture"}).setK(5).fit(data.itemFrame()).setConditionerCol("cultures");
    ArtsimKnnModel viaFile = new ArtsimKnn().setLabelCols(new String[] {"culture"}).setK(5).setSharedDir(shared.toString()).setBroadcastThreshold(0)
        .fit(data.itemFrame()).setConditionerCol("cultures");
    assertThat(files(shared)).isEqualTo(1);
    assertThat(viaFile.indexBytes()).isEqualTo(viaBroadcast.indexBytes());
    Map<Integer, String> expected = answers(viaBroadcast.transform(data.queryFrame()));
    assertThat(answers(viaFile.transform(data.queryFrame()))).isEqualTo(expected);

    String saved = dir.resolve("model").toString();
    viaFile.write().save(saved);
    viaFile.release();
    assertThat(files(shared)).as("release deletes the file the fit wrote").isZero();
    ArtsimKnnModel loaded = ArtsimKnnModel.load(saved);
    assertThat(loaded.getSharedDir()).isEqualTo(shared.toString());
    assertThat(answers(loaded.transform(data.queryFrame()))).isEqualTo(expected);
    loaded.release();
    assertThat(Files.exists(Path.of(saved, "shards", "shard-00000.artsim"))).as("a loaded model's file belongs to the saved model").isTrue();
    viaBroadcast.release();
  }

  @Test
  void belowTheThresholdTheIndexIsBroadcastAndNoFileIsWritten() throws Exception {
    var data = new TestData(22, 50, 4, 5);
    Path shared = dir.resolve("unused");
    ArtsimKnnModel model = new ArtsimKnn().setSharedDir(shared.toString()).fit(data.itemFrame());
    assertThat(files(shared)).isZero();
    model.release();
  }

  @Test
  void aNegativeThresholdIsRefused() {
    assertThatThrownBy(() -> new ArtsimKnn().setBroadcastThreshold(-1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("broadcastThreshold must be 0 or more bytes, got -1");
  }
}
