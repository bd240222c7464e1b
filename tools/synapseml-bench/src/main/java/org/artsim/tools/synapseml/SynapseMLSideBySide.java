package org.artsim.tools.synapseml;

import com.microsoft.azure.synapse.ml.nn.ConditionalKNN;
import com.microsoft.azure.synapse.ml.nn.ConditionalKNNModel;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * SynapseML 1.1.3's ConditionalKNN on Spark 3.5 / Scala 2.12 (JDK 17), answering the vectors that
 * make_data.py wrote: the reference side of artsim-spark's side-by-side. Prints one Markdown row
 * (fit s, query s, queries/s, Java-serialised ball tree bytes, heap used after the queries) and writes every query's
 * top-k ids to OUT_DIR/synapseml-topk.tsv for the id comparison.
 *
 * <p>Arguments: DATA_DIR K CORES [ROUNDS]. Run as tools/synapseml-bench/README.md says.
 */
public final class SynapseMLSideBySide {
  private SynapseMLSideBySide() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int k = Integer.parseInt(args[1]);
    int cores = Integer.parseInt(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("synapseml-side-by-side")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(cores * 2))
        .config("spark.driver.maxResultSize", "0").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    float[][] items = readFvecs(dir.resolve("items.fvecs"));
    float[][] queries = readFvecs(dir.resolve("queries.fvecs"));
    var itemSchema = new StructType().add("features", SQLDataTypes.VectorType()).add("values", DataTypes.StringType)
        .add("labels", DataTypes.StringType);
    var querySchema = new StructType().add("qid", DataTypes.IntegerType).add("features", SQLDataTypes.VectorType())
        .add("conditioner", DataTypes.createArrayType(DataTypes.StringType))
        // SynapseML 1.1.3 reads the output types from the QUERY frame's values and labels columns, so they must exist there.
        .add("values", DataTypes.StringType).add("labels", DataTypes.StringType);
    var itemRows = new ArrayList<Row>(items.length);
    for (int i = 0; i < items.length; i++) {
      itemRows.add(RowFactory.create(Vectors.dense(doubles(items[i])), "item-" + i, "c" + (i % 10)));
    }
    var queryRows = new ArrayList<Row>(queries.length);
    for (int q = 0; q < queries.length; q++) {
      queryRows.add(RowFactory.create(q, Vectors.dense(doubles(queries[q])), new String[] {"c" + (q % 10), "c" + ((q + 3) % 10), "c" + ((q + 7) % 10)},
          "query-" + q, ""));
    }
    Dataset<Row> itemDf = spark.createDataFrame(itemRows, itemSchema).repartition(cores * 2).cache();
    Dataset<Row> queryDf = spark.createDataFrame(queryRows, querySchema).repartition(cores * 2).cache();
    itemRows = null;
    queryRows = null;
    itemDf.count();
    queryDf.count();
    System.out.printf("synapseml items=%d queries=%d dim=%d k=%d cores=%d java=%s%n", items.length, queries.length, items[0].length, k, cores,
        System.getProperty("java.version"));
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      var estimator = new ConditionalKNN();
      estimator.setFeaturesCol("features");
      estimator.setValuesCol("values");
      estimator.setLabelCol("labels");
      estimator.setOutputCol("matches");
      estimator.setK(k);
      ConditionalKNNModel model = estimator.fit(itemDf);
      long t1 = System.nanoTime();
      model.setConditionerCol("conditioner");
      List<Row> out = model.transform(queryDf).select("qid", "matches").collectAsList();
      long t2 = System.nanoTime();
      long broadcastBytes = javaSerializedBytes(model.getBallTree());
      if (round == rounds - 1) {
        double qs = (t2 - t1) / 1e9;
        System.out.println("| implementation | fit s | query s | queries/s | broadcast bytes | heap after queries MB |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf("| SynapseML 1.1.3 ConditionalKNN (Spark %s) | %.2f | %.2f | %.0f | %d | %.0f |%n", spark.version(), (t1 - t0) / 1e9, qs,
            out.size() / qs, broadcastBytes, usedHeap() / 1e6);
        writeTopK(dir.resolve("synapseml-topk.tsv"), out);
      }
    }
    spark.stop();
  }

  private static void writeTopK(Path file, List<Row> rows) throws IOException {
    String[] lines = new String[rows.size()];
    for (Row row : rows) {
      var ids = new StringBuilder();
      for (Object o : row.getList(1)) {
        Row m = (Row) o;
        ids.append(ids.length() == 0 ? "" : " ").append(m.get(0).toString());
      }
      lines[row.getInt(0)] = row.getInt(0) + "\t" + ids;
    }
    try (var w = new PrintWriter(Files.newBufferedWriter(file))) {
      for (String line : lines) {
        w.println(line);
      }
    }
  }

  private static long javaSerializedBytes(Object value) throws IOException {
    var counter = new OutputStream() {
      long count;

      @Override
      public void write(int b) {
        count++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count += len;
      }
    };
    try (var out = new ObjectOutputStream(counter)) {
      out.writeObject(value);
    }
    return counter.count;
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  static float[][] readFvecs(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int d = b.getInt(0);
    int n = all.length / (4 * (d + 1));
    float[][] out = new float[n][d];
    for (int i = 0; i < n; i++) {
      b.position(i * 4 * (d + 1) + 4);
      b.asFloatBuffer().get(out[i]);
    }
    return out;
  }
}
