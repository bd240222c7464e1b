package org.artsim.bench.flat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.bench.data.ClusteredVectors;

/**
 * Flat batch search on clip512 timed by wall clock and by process CPU time, for a loaded machine
 * where JMH's wall-clock throughput mostly measures the other processes: {@code n dim batch
 * threads reps}. Prints one line per thread count with queries per wall second and queries per
 * CPU second (process CPU time, all threads; JIT and GC are idle after the warm-up batches). A
 * thread count of {@code -} leaves {@code search_threads} unset (for builds that predate it).
 * Compare with the {@code *_q_per_cpu_s} figures of {@code python/flat_reference.py}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp artsim-bench/target/benchmarks.jar \
 *     org.artsim.bench.flat.FlatBatchCpuTime 100000 512 1000 1,2 5
 * </pre>
 */
public final class FlatBatchCpuTime {
  private FlatBatchCpuTime() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    String[] threadCounts = args[3].split(",");
    int reps = Integer.parseInt(args[4]);
    var data = ClusteredVectors.generate(n, batch, dim, 42);
    var entries = new ArrayList<VectorEntry>(n);
    for (int i = 0; i < n; i++) {
      entries.add(new VectorEntry("v" + i, data.base()[i], Labels.of()));
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (String t : threadCounts) {
      Map<String, String> settings = t.trim().equals("-") ? Map.of() : Map.of("search_threads", t.trim());
      try (VectorIndex index = Artsim.index("flat", dim, Metric.COSINE, settings)) {
        index.addAll(entries);
        for (int w = 0; w < 3; w++) {
          index.searchBatch(data.queries(), 10, LabelFilter.none());
        }
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
          long c0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          index.searchBatch(data.queries(), 10, LabelFilter.none());
          bestWall = Math.min(bestWall, (System.nanoTime() - t0) / 1e9);
          bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - c0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "threads=%s kernels=%s q_per_wall_s=%.1f q_per_cpu_s=%.1f%n",
            t.trim(), index.toString().replaceAll(".*kernels=([a-z]+).*", "$1") + "/" + org.artsim.vector.VectorKernels.get().lanes(), batch / bestWall, batch / bestCpu);
      }
    }
  }
}
