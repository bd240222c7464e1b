package org.artsim.bench.recommend;

import java.util.Locale;
import org.artsim.Metric;
import org.artsim.recommend.cluster.Dissimilarity;
import org.artsim.recommend.cluster.KMedoids;
import org.artsim.recommend.cluster.KMedoidsConfig;
import org.artsim.recommend.cluster.KMedoidsResult;

/**
 * artsim's FasterPAM beside ELKI 0.8.0's FasterPAM on the same data, from the same starting
 * medoids (artsim's seeded LAB), in one JVM: times of the distance matrix and of the swap phase, and
 * the loss of both results (computed by artsim from the medoid indices, since ELKI does not report
 * it). Prints one markdown table row per configuration.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp artsim-bench/target/benchmarks.jar \
 *   org.artsim.bench.recommend.KMedoidsSideBySide fmnist 10000 10,100 matrix
 * </pre>
 *
 * Arguments: data ({@code fmnist} or {@code blobsD}), n, comma-separated k values, {@code matrix}
 * (both precompute a distance matrix), {@code onthefly} (both compute distances on demand) or
 * {@code clara} (artsim's CLARA beside ELKI's FasterCLARA, 5 samples of 80 + 4k, BUILD).
 */
public final class KMedoidsSideBySide {
  private KMedoidsSideBySide() {}

  public static void main(String[] args) {
    String data = args.length > 0 ? args[0] : "fmnist";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String[] ks = (args.length > 2 ? args[2] : "10,100").split(",");
    boolean matrix = args.length <= 3 || args[3].equals("matrix");
    float[][] vectors = BenchData.load(data, n);
    var elki = new ElkiFasterPam(vectors);
    if (args.length > 3 && args[3].equals("clara")) {
      clara(data, n, ks, vectors, elki);
      return;
    }

    long t0 = System.nanoTime();
    Dissimilarity d = matrix ? Dissimilarity.precomputed(vectors, Metric.L2) : Dissimilarity.vectors(vectors, Metric.L2);
    double artsimMatrix = seconds(t0);
    t0 = System.nanoTime();
    var dq = matrix ? elki.precomputed() : elki.onTheFly();
    double elkiMatrix = seconds(t0);
    System.out.printf(Locale.ROOT, "# %s n=%d %s: distance matrix artsim %.2f s, ELKI %.2f s (ratio ELKI/artsim %.2f)%n",
        data, n, matrix ? "precomputed" : "on the fly", artsimMatrix, elkiMatrix, elkiMatrix / artsimMatrix);
    System.out.println("| data | n | k | init (LAB) s | artsim swap s | ELKI swap s | ELKI/artsim | artsim loss | ELKI loss | loss ratio | artsim iterations/swaps |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    Dissimilarity lossD = matrix ? d : Dissimilarity.vectors(vectors, Metric.L2);
    for (String kText : ks) {
      int k = Integer.parseInt(kText.trim());
      var config = KMedoidsConfig.of(k).withInit(KMedoidsConfig.Initialization.LAB).withSeed(42);
      t0 = System.nanoTime();
      int[] init = KMedoids.initialMedoids(d, config);
      double initS = seconds(t0);
      t0 = System.nanoTime();
      KMedoidsResult ours = KMedoids.fitFrom(d, init, 100);
      double oursS = seconds(t0);
      System.out.printf(Locale.ROOT, "# artsim k=%d: swap %.2f s, loss %.6g, %d iterations, %d swaps%n", k, oursS, ours.loss(), ours.iterations(), ours.swaps());
      System.out.flush();
      t0 = System.nanoTime();
      int[] theirs = elki.run(dq, init, 100);
      double theirsS = seconds(t0);
      double ourLoss = KMedoids.loss(lossD, ours.medoids());
      double theirLoss = KMedoids.loss(lossD, theirs);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.6g | %.6g | %.6f | %d/%d |%n",
          data, n, k, initS, oursS, theirsS, theirsS / oursS, ourLoss, theirLoss, ourLoss / theirLoss, ours.iterations(), ours.swaps());
    }
  }

  /** CLARA: 5 samples of 80 + 4k, BUILD then FasterPAM on each, in both libraries (different random samples). */
  private static void clara(String data, int n, String[] ks, float[][] vectors, ElkiFasterPam elki) {
    Dissimilarity d = Dissimilarity.vectors(vectors, Metric.L2);
    System.out.println("| data | n | k | samples × size | artsim CLARA s | ELKI FasterCLARA s | ELKI/artsim | artsim loss | ELKI loss | loss ratio |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String kText : ks) {
      int k = Integer.parseInt(kText.trim());
      var config = KMedoidsConfig.of(k).withInit(KMedoidsConfig.Initialization.BUILD).withSeed(42).withClara(5, 0);
      long t0 = System.nanoTime();
      KMedoidsResult ours = KMedoids.clara(d, config);
      double oursS = seconds(t0);
      t0 = System.nanoTime();
      int[] theirs = elki.clara(k, 5, config.effectiveClaraSampleSize(n), 42);
      double theirsS = seconds(t0);
      double ourLoss = KMedoids.loss(d, ours.medoids());
      double theirLoss = KMedoids.loss(d, theirs);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | 5 × %d | %.2f | %.2f | %.2f | %.6g | %.6g | %.4f |%n",
          data, n, k, config.effectiveClaraSampleSize(n), oursS, theirsS, theirsS / oursS, ourLoss, theirLoss, ourLoss / theirLoss);
      System.out.flush();
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
