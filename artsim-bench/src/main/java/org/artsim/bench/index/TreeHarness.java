package org.artsim.bench.index;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;

/**
 * Ball-tree build and exact query rates on Fashion-MNIST (L2), and conditional queries at 50%,
 * 10% and 1% selectivity on clustered 512-d unit vectors (cosine) against post-filtering an
 * unconditioned exact search; written as CSV ({@code data,what,selectivity,labels,qps,qps_cpu}).
 * One query per call on one thread; {@code qps_cpu} divides by the thread's CPU time.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp artsim-bench/target/benchmarks.jar \
 *   org.artsim.bench.index.TreeHarness --n 60000 --queries 200 --cn 100000 --out trees.csv
 * </pre>
 *
 * {@code --n 0} skips the Fashion-MNIST part; {@code --selectivity 1} and {@code --labels random}
 * restrict the conditional part.
 */
public final class TreeHarness {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private TreeHarness() {}

  /** Runs the measurements; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int n = Integer.parseInt(opt.getOrDefault("n", "60000"));
    int nq = Integer.parseInt(opt.getOrDefault("queries", "200"));
    int cn = Integer.parseInt(opt.getOrDefault("cn", "100000"));
    var rows = new ArrayList<String>();
    rows.add("data,what,selectivity,labels,qps,qps_cpu,build_s");

    int[] selectivities = java.util.Arrays.stream(opt.getOrDefault("selectivity", "50,10,1").split(",")).mapToInt(Integer::parseInt).toArray();
    List<String> labelModes = List.of(opt.getOrDefault("labels", "cluster,random").split(","));
    var fm = BenchData.fashionMnist(n, n == 0 ? 0 : nq);
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      entries.add(VectorEntry.of(String.format("%07d", i), fm.base()[i]));
    }
    for (String kind : n == 0 ? List.<String>of() : List.of("balltree", "flat")) {
      long t0 = System.nanoTime();
      try (VectorIndex index = Artsim.index(kind, 784, Metric.L2)) {
        index.addAll(entries);
        double build = (System.nanoTime() - t0) / 1e9;
        double[] r = rate(nq, i -> index.search(fm.queries()[i], 10));
        rows.add(String.format(Locale.ROOT, "fmnist,%s-query,100,-,%.1f,%.1f,%.2f", kind, r[0], r[1], build));
        System.err.println(rows.get(rows.size() - 1));
      }
    }

    var clip = BenchData.clustered(cn, nq, 512, 42);
    for (String labels : labelModes) {
      for (int selectivity : selectivities) {
        int buckets = 100 / selectivity;
        var rnd = new SplittableRandom(7);
        var ce = new ArrayList<VectorEntry>(cn);
        for (int i = 0; i < cn; i++) {
          int bucket = labels.equals("cluster") ? clip.baseLabels()[i] % buckets : rnd.nextInt(buckets);
          ce.add(new VectorEntry(String.format("%07d", i), clip.base()[i], Labels.of("culture", "c" + bucket)));
        }
        var filter = LabelFilter.anyOf("culture", "c0");
        try (VectorIndex tree = Artsim.index("balltree", 512, Metric.COSINE); VectorIndex flat = Artsim.index("flat", 512, Metric.COSINE)) {
          long t0 = System.nanoTime();
          tree.addAll(ce);
          double build = (System.nanoTime() - t0) / 1e9;
          flat.addAll(ce);
          int kPost = 10 * 100 / selectivity;
          var measures = new LinkedHashMap<String, IntFunction<List<Hit>>>();
          measures.put("balltree-conditional", i -> tree.search(clip.queries()[i], 10, filter));
          measures.put("flat-conditional", i -> flat.search(clip.queries()[i], 10, filter));
          measures.put("postfilter-flat-exact", i -> postFilter(flat.search(clip.queries()[i], kPost), filter));
          measures.put("postfilter-balltree-exact", i -> postFilter(tree.search(clip.queries()[i], kPost), filter));
          measures.put("balltree-unconditioned", i -> tree.search(clip.queries()[i], 10));
          for (var m : measures.entrySet()) {
            double[] r = rate(nq, m.getValue());
            rows.add(String.format(Locale.ROOT, "clip512-%d,%s,%d,%s,%.1f,%.1f,%.2f", cn, m.getKey(), selectivity, labels, r[0], r[1], build));
            System.err.println(rows.get(rows.size() - 1));
          }
        }
      }
    }
    Files.write(Path.of(opt.getOrDefault("out", "trees.csv")), rows);
  }

  private static List<Hit> postFilter(List<Hit> hits, LabelFilter filter) {
    var out = new ArrayList<Hit>(10);
    for (Hit h : hits) {
      if (out.size() < 10 && filter.test(h.labels())) {
        out.add(h);
      }
    }
    return out;
  }

  /** Best of two passes over the queries: {wall q/s, CPU q/s}, after one warm-up pass. */
  private static double[] rate(int nq, IntFunction<List<Hit>> query) {
    double best = 0;
    double bestCpu = 0;
    for (int pass = 0; pass < 3; pass++) {
      long c = CPU.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      for (int i = 0; i < nq; i++) {
        query.apply(i);
      }
      if (pass > 0) {
        best = Math.max(best, nq / ((System.nanoTime() - s) / 1e9));
        bestCpu = Math.max(bestCpu, nq / ((CPU.getCurrentThreadCpuTime() - c) / 1e9));
      }
    }
    return new double[] {best, bestCpu};
  }
}
