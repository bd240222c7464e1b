package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.artsim.spark.internal.ExecutorIndexCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On {@code local-cluster[2,1,1024]} (two executor JVMs): answers equal those of local mode, each
 * executor loads the broadcast index once however many tasks and transforms use it, and executors
 * have the Vector API module (artsim's SIMD kernels).
 */
class LocalClusterTest {
  private static SparkSession cluster;

  @BeforeAll
  static void start() throws Exception {
    TestSpark.stop();
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));
    cluster =
        SparkSession.builder()
            .master("local-cluster[2,1,1024]")
            .appName("artsim-spark-local-cluster")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector -Dai.djl.offline=true")
            .config("spark.executorEnv.OPT_OUT_TRACKING", "true")
            .getOrCreate();
    cluster.sparkContext().setLogLevel("ERROR");
  }

  @AfterAll
  static void stop() {
    cluster.stop();
  }

  @Test
  void executorsLoadTheBroadcastIndexOnceAndAnswerLikeOneIndex() {
    var data = new TestData(31, 200, 8, 60);
    ArtsimKnnModel model = new ArtsimKnn().setK(5).setLabelCols(new String[] {"culture"}).fit(data.itemFrame().repartition(6));
    model.setConditionerCol("cultures");
    List<Row> first = model.transform(data.queryFrame().repartition(8)).select("qid", "neighbours").collectAsList();
    List<Row> second = model.transform(data.queryFrame().repartition(8)).select("qid", "neighbours").collectAsList();
    assertThat(sorted(second)).isEqualTo(sorted(first));
    assertThat(first).hasSize(60);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(cluster.sparkContext());
    List<String> probes =
        jsc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
            .map(i -> ManagementFactory.getRuntimeMXBean().getName() + " " + ExecutorIndexCache.loads() + " "
                + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent())
            .collect();
    Map<String, String> perJvm = new HashMap<>();
    for (String p : probes) {
      String[] f = p.split(" ");
      perJvm.put(f[0], f[1] + " " + f[2]);
    }
    assertThat(perJvm.keySet()).doesNotContain(ManagementFactory.getRuntimeMXBean().getName());
    assertThat(perJvm.size()).isBetween(1, 2);
    // 16 query tasks over two transforms: each executor that ran one loaded the index exactly once
    assertThat(perJvm.values()).allMatch(v -> v.equals("1 true") || v.equals("0 true"));
    assertThat(perJvm.values()).anyMatch(v -> v.equals("1 true"));
  }

  private static List<String> sorted(List<Row> rows) {
    var out = new ArrayList<String>();
    for (Row r : rows) {
      out.add(r.getInt(0) + " " + r.getList(1));
    }
    out.sort(null);
    return out;
  }
}
