package org.artsim.spark;

import org.apache.spark.sql.SparkSession;

/** The one local[2] Spark session the module's tests share (started on first use). */
final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  static synchronized SparkSession session() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("artsim-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.driver.host", "127.0.0.1")
              .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }

  /** Stops the shared session (a test that needs another master); the next call starts a new one. */
  static synchronized void stop() {
    if (session != null) {
      session.stop();
      session = null;
    }
  }
}
