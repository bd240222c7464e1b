package org.artsim.spark.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.artsim.spark.ArtsimKnn;
import org.artsim.spark.ArtsimKnnModel;
import org.artsim.spark.synapseml.ConditionalKNN;
import org.artsim.spark.synapseml.KNNModel;

/**
 * Benchmark (not a test): artsim's side of the Spark side-by-side with SynapseML. Reads the vectors
 * tools/synapseml-bench/make_data.py wrote, gives every item label {@code c(i % 10)} and every query
 * three allowed labels (as the SynapseML harness does), and answers conditional kNN with (a) the
 * drop-in {@code org.artsim.spark.synapseml.ConditionalKNN}, (b) {@link ArtsimKnn} broadcast and (c)
 * partitioned on k-means shards probing every shard. Prints one Markdown row each (fit s, query s,
 * queries/s, index bytes, heap used after the queries) and writes the drop-in's top-k ids to
 * DATA_DIR/artsim-topk.tsv; checks that the partitioned answers equal the broadcast ones.
 *
 * <p>Arguments: DATA_DIR K CORES [SHARDS] [ROUNDS] [SHARD_LIST]. Run as artsim-spark/README.md says.
 * With SHARD_LIST (comma-separated shard counts, e.g. {@code 1,2,4,8}) it measures growth instead:
 * {@link ArtsimKnn} broadcast flat once, then partitioned flat on k-means shards for each count in
 * the list, each checked against the broadcast answers (no drop-in, no HNSW).
 */
public final class SparkSideBySide {
  private SparkSideBySide() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int k = Integer.parseInt(args[1]);
    int cores = Integer.parseInt(args[2]);
    int shards = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("artsim-side-by-side")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(cores * 2))
        .config("spark.driver.maxResultSize", "0").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    float[][] items = readFvecs(dir.resolve("items.fvecs"));
    float[][] queries = readFvecs(dir.resolve("queries.fvecs"));
    var itemSchema = new StructType().add("features", SQLDataTypes.VectorType()).add("values", DataTypes.StringType)
        .add("labels", DataTypes.StringType);
    var querySchema = new StructType().add("qid", DataTypes.IntegerType).add("features", SQLDataTypes.VectorType())
        .add("conditioner", DataTypes.createArrayType(DataTypes.StringType));
    var itemRows = new ArrayList<Row>(items.length);
    for (int i = 0; i < items.length; i++) {
      itemRows.add(RowFactory.create(Vectors.dense(doubles(items[i])), "item-" + i, "c" + (i % 10)));
    }
    var queryRows = new ArrayList<Row>(queries.length);
    for (int q = 0; q < queries.length; q++) {
      queryRows.add(RowFactory.create(q, Vectors.dense(doubles(queries[q])), new String[] {"c" + (q % 10), "c" + ((q + 3) % 10), "c" + ((q + 7) % 10)}));
    }
    Dataset<Row> itemDf = spark.createDataFrame(itemRows, itemSchema).repartition(cores * 2).cache();
    Dataset<Row> queryDf = spark.createDataFrame(queryRows, querySchema).repartition(cores * 2).cache();
    itemRows = null;
    queryRows = null;
    itemDf.count();
    queryDf.count();
    System.out.printf("artsim items=%d queries=%d dim=%d k=%d cores=%d shards=%d java=%s%n", items.length, queries.length, items[0].length, k, cores,
        shards, System.getProperty("java.version"));
    System.out.println("| implementation | fit s | query s | queries/s | index bytes (raw float32: " + (long) items.length * items[0].length * 4
        + ") | heap after queries MB |");
    System.out.println("|---|---|---|---|---|---|");
    if (args.length > 5) {
      growth(itemDf, queryDf, k, rounds, args[5]);
      spark.stop();
      return;
    }
    List<Row> dropIn = null;
    for (int round = 0; round < rounds; round++) {
      long t0 = System.nanoTime();
      KNNModel model = new ConditionalKNN().setLabelCol("labels").setOutputCol("matches").setK(k).fit(itemDf);
      long t1 = System.nanoTime();
      List<Row> out = model.setConditionerCol("conditioner").transform(queryDf).select("qid", "matches").collectAsList();
      long t2 = System.nanoTime();
      if (round == rounds - 1) {
        print("artsim drop-in `synapseml.ConditionalKNN` (broadcast flat)", t0, t1, t2, out.size(), model.artsimModel().indexBytes());
        dropIn = out;
      }
      model.artsimModel().release();
    }
    writeTopK(dir.resolve("artsim-topk.tsv"), dropIn);
    String[][] strategies = {{"broadcast", "flat"}, {"partitioned", "flat"}, {"broadcast", "hnsw-lucene"}};
    List<String> broadcastAnswer = null;
    for (String[] s : strategies) {
      for (int round = 0; round < rounds; round++) {
        long t0 = System.nanoTime();
        ArtsimKnnModel model = new ArtsimKnn().setFeaturesCol("features").setIdCol("values").setLabelCols(new String[] {"labels"})
            .setMetric("dot").setK(k).setIndexKind(s[1]).setStrategy(s[0]).setSharding("kmeans").setNumShards(shards).setSeed(7).fit(itemDf);
        long t1 = System.nanoTime();
        List<Row> out = model.setConditionerCol("conditioner").transform(queryDf).select("qid", "neighbours").collectAsList();
        long t2 = System.nanoTime();
        if (round == rounds - 1) {
          String name = "artsim `ArtsimKnn` " + s[0] + (s[0].equals("partitioned") ? " (" + shards + " k-means shards, all probed)" : "") + " " + s[1];
          print(name, t0, t1, t2, out.size(), model.indexBytes());
          List<String> answer = idsByQuery(out);
          if (s[0].equals("broadcast") && s[1].equals("flat")) {
            broadcastAnswer = answer;
          } else if (s[1].equals("flat")) {
            System.out.println("partitioned top-k equal to broadcast: " + answer.equals(broadcastAnswer));
          }
        }
        model.release();
      }
    }
    spark.stop();
  }

  /** Broadcast flat, then partitioned flat for each shard count of {@code shardList}; each partitioned answer is compared with the broadcast one. */
  private static void growth(Dataset<Row> itemDf, Dataset<Row> queryDf, int k, int rounds, String shardList) {
    List<String> broadcastAnswer = null;
    var runs = new ArrayList<Integer>();
    runs.add(0);
    for (String count : shardList.split(",")) {
      runs.add(Integer.parseInt(count.trim()));
    }
    for (int shards : runs) {
      String strategy = shards == 0 ? "broadcast" : "partitioned";
      for (int round = 0; round < rounds; round++) {
        long t0 = System.nanoTime();
        ArtsimKnnModel model = new ArtsimKnn().setFeaturesCol("features").setIdCol("values").setLabelCols(new String[] {"labels"})
            .setMetric("dot").setK(k).setIndexKind("flat").setStrategy(strategy).setSharding("kmeans").setNumShards(Math.max(1, shards)).setSeed(7).fit(itemDf);
        long t1 = System.nanoTime();
        List<Row> out = model.setConditionerCol("conditioner").transform(queryDf).select("qid", "neighbours").collectAsList();
        long t2 = System.nanoTime();
        if (round == rounds - 1) {
          List<String> answer = idsByQuery(out);
          String name = shards == 0 ? "artsim `ArtsimKnn` broadcast flat"
              : "artsim `ArtsimKnn` partitioned flat, " + shards + " k-means shards (equal to broadcast: " + answer.equals(broadcastAnswer) + ")";
          print(name, t0, t1, t2, out.size(), model.indexBytes());
          if (shards == 0) {
            broadcastAnswer = answer;
          }
        }
        model.release();
      }
    }
  }

  private static void print(String name, long t0, long t1, long t2, int answered, long indexBytes) {
    double qs = (t2 - t1) / 1e9;
    System.out.printf("| %s | %.2f | %.2f | %.0f | %d | %.0f |%n", name, (t1 - t0) / 1e9, qs, answered / qs, indexBytes, usedHeap() / 1e6);
  }

  private static List<String> idsByQuery(List<Row> rows) {
    String[] out = new String[rows.size()];
    for (Row row : rows) {
      var ids = new StringBuilder();
      for (Object o : row.getList(1)) {
        ids.append(((Row) o).get(0)).append(' ');
      }
      out[row.getInt(0)] = ids.toString();
    }
    return List.of(out);
  }

  private static void writeTopK(Path file, List<Row> rows) throws IOException {
    List<String> ids = idsByQuery(rows);
    try (var w = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int q = 0; q < ids.size(); q++) {
        w.println(q + "\t" + ids.get(q).strip());
      }
    }
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

  private static float[][] readFvecs(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(head, 0);
      int d = head.getInt(0);
      long row = 4L * (d + 1);
      int n = (int) (ch.size() / row);
      float[][] out = new float[n][d];
      ByteBuffer buf = ByteBuffer.allocate((int) row).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        buf.clear();
        ch.read(buf, i * row);
        buf.position(4);
        buf.asFloatBuffer().get(out[i]);
      }
      return out;
    }
  }
}
