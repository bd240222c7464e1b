package org.artsim.spark.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.spark.ArtsimKnn;
import org.artsim.spark.ArtsimKnnModel;

/**
 * Benchmark (not a test): one machine, local[N], the same random vectors and queries answered by
 * (a) an artsim broadcast index, (b) artsim random shards, (c) artsim k-means shards probing all,
 * and (d) Spark brute force (crossJoin, dot-product UDF, top-k by window). Prints fit and query
 * wall times and queries/s. Arguments: items dim queries k shards cores (defaults 20000 128 1000 10 4 2).
 * Run as the module README says.
 */
public final class KnnStrategiesBench {
  private KnnStrategiesBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    int n = arg(args, 0, 20_000);
    int dim = arg(args, 1, 128);
    int q = arg(args, 2, 1_000);
    int k = arg(args, 3, 10);
    int shards = arg(args, 4, 4);
    int cores = arg(args, 5, 2);
    SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("artsim-knn-bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(cores * 2))
        .config("spark.driver.memory", "4g").getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    var schema = new StructType().add("id", DataTypes.StringType).add("features", DataTypes.createArrayType(DataTypes.FloatType, false));
    Dataset<Row> items = spark.createDataFrame(rows(n, dim, 1, "item-"), schema).repartition(cores * 2).cache();
    Dataset<Row> queries = spark.createDataFrame(rows(q, dim, 2, "q-"), schema).withColumnRenamed("id", "qid").repartition(cores * 2).cache();
    items.count();
    queries.count();
    System.out.printf("items=%d dim=%d queries=%d k=%d shards=%d cores=%d metric=dot%n", n, dim, q, k, shards, cores);
    System.out.println("| strategy | fit s | query s | queries/s |");
    System.out.println("|---|---|---|---|");
    String[][] strategies = {{"broadcast", "random"}, {"partitioned", "random"}, {"partitioned", "kmeans"}};
    for (String[] s : strategies) {
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        ArtsimKnnModel model = new ArtsimKnn().setMetric("dot").setK(k).setStrategy(s[0]).setSharding(s[1]).setNumShards(shards).fit(items);
        long t1 = System.nanoTime();
        long answered = model.transform(queries).filter(col("neighbours").isNotNull()).count();
        long t2 = System.nanoTime();
        if (round == 1) {
          print("artsim " + s[0] + (s[0].equals("broadcast") ? "" : " " + s[1]), t1 - t0, t2 - t1, answered);
        }
        model.release();
      }
    }
    UDF2<scala.collection.Seq<Float>, scala.collection.Seq<Float>, Float> dot = (a, b) -> {
      float sum = 0;
      for (int i = 0; i < a.length(); i++) {
        sum += a.apply(i) * b.apply(i);
      }
      return sum;
    };
    var dotUdf = udf(dot, DataTypes.FloatType);
    long t0 = System.nanoTime();
    long answered = queries.crossJoin(items.withColumnRenamed("features", "item"))
        .withColumn("score", dotUdf.apply(col("features"), col("item")))
        .withColumn("rank", row_number().over(Window.partitionBy("qid").orderBy(col("score").desc(), col("id"))))
        .filter(col("rank").leq(k))
        .select("qid").distinct().count();
    print("spark crossJoin + window", 0, System.nanoTime() - t0, answered);
    spark.stop();
  }

  private static void print(String name, long fitNanos, long queryNanos, long answered) {
    double qs = queryNanos / 1e9;
    System.out.printf("| %s | %.2f | %.2f | %.0f |%n", name, fitNanos / 1e9, qs, answered / qs);
  }

  private static ArrayList<Row> rows(int count, int dim, long seed, String prefix) {
    var r = new SplittableRandom(seed);
    var out = new ArrayList<Row>(count);
    for (int i = 0; i < count; i++) {
      Float[] v = new Float[dim];
      for (int d = 0; d < dim; d++) {
        v[d] = (float) r.nextGaussian();
      }
      out.add(RowFactory.create(prefix + i, v));
    }
    return out;
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
