package org.artsim.bench.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.FlatConfig;
import org.artsim.index.HnswConfig;

/**
 * Recall@10 against queries per second for the HNSW indexes over a sweep of {@code ef}, written
 * as CSV ({@code data,provider,n,dim,ef,recall10,qps,qps_cpu,build_s,build_cpu_s,index_heap_mib,items_heap_mib};
 * {@code index_heap_mib} is the heap the index holds after its build, used heap after full GCs
 * before and after; {@code items_heap_mib} is the same measure for a {@code flat} index with mapped
 * vectors and no codes over the same entries, which holds only the ids and labels, so the
 * difference is what the graph, its codes and any heap vectors cost). Ground truth comes from the exact flat index. Queries run one at a time on one thread, like the hnswlib reference;
 * {@code qps} divides by wall-clock time, {@code qps_cpu} by the thread's CPU time (steadier on a
 * shared machine); {@code build_cpu_s} is the process CPU time of the build (all threads, JIT and
 * GC included). Before timing, every ef is run for {@code --warmup-s} seconds (default 5), after a
 * full GC of the build's garbage, so the search is JIT-compiled; each figure is then the best of {@code --reps} passes.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp artsim-bench/target/benchmarks.jar \
 *   org.artsim.bench.index.RecallHarness --data fmnist --n 60000 --queries 1000 \
 *   --providers hnsw-lucene,hnsw --ef 10,20,40,80,160,320 --threads 2 --out recall.csv
 * </pre>
 *
 * A provider may carry a quantization and a storage, {@code hnsw-lucene+int8} (the int8 graph with
 * fp32 re-ranking), {@code hnsw-lucene+int8+mapped} (the same with the fp32 vectors memory-mapped
 * off the heap).
 *
 * <p>{@code --index-dir DIR} saves each built index as {@code DIR/<provider>-<n>.bin}, or, when that
 * file exists, loads it instead of building (build columns then print as NaN; the heap column is
 * then what the loaded index holds): a long build can be searched again later on a quiet machine.
 *
 * <p>{@code --data} is {@code fmnist} (L2), {@code clip512} (cosine) or a user file
 * {@code file:/path/x.npy} / {@code file:/path/x.fvecs} (first {@code n} rows indexed, next
 * {@code queries} rows queried; {@code --metric l2|cosine|dot}, default l2; {@code --label} names
 * the data column of the CSV).
 */
public final class RecallHarness {
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private RecallHarness() {}

  /** Runs the sweep; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String dataName = opt.getOrDefault("data", "fmnist");
    int n = Integer.parseInt(opt.getOrDefault("n", "60000"));
    int nq = Integer.parseInt(opt.getOrDefault("queries", "1000"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "2"));
    int reps = Integer.parseInt(opt.getOrDefault("reps", "2"));
    double warmupSeconds = Double.parseDouble(opt.getOrDefault("warmup-s", "5"));
    List<String> providers = List.of(opt.getOrDefault("providers", "hnsw-lucene,hnsw").split(","));
    int[] efs = java.util.Arrays.stream(opt.getOrDefault("ef", "10,20,40,80,160,320").split(",")).mapToInt(Integer::parseInt).toArray();
    Path out = Path.of(opt.getOrDefault("out", "recall-" + dataName + ".csv"));

    BenchData data = BenchData.named(dataName, n, nq);
    Metric metric = Metric.parse(opt.getOrDefault("metric", dataName.equals("clip512") ? "cosine" : "l2"));
    String label = opt.getOrDefault("label", dataName.startsWith("file:") ? "file" : dataName);
    int dim = data.base()[0].length;
    var entries = new ArrayList<VectorEntry>(data.base().length);
    for (int i = 0; i < data.base().length; i++) {
      entries.add(VectorEntry.of(String.format("%07d", i), data.base()[i]));
    }
    List<List<Hit>> truth;
    try (VectorIndex flat = Artsim.index("flat", dim, metric)) {
      flat.addAll(entries);
      truth = flat.searchBatch(data.queries(), 10, LabelFilter.none());
    }
    double itemsMib = itemsHeapMib(entries, dim, metric);
    System.err.printf(Locale.ROOT, "%s: ids and labels alone hold %.0f MiB of heap%n", dataName, itemsMib);
    var rows = new ArrayList<String>();
    rows.add("data,provider,n,dim,ef,recall10,qps,qps_cpu,build_s,build_cpu_s,index_heap_mib,items_heap_mib");
    for (String provider : providers) {
      long heapBefore = usedHeapAfterGc();
      long t0 = System.nanoTime();
      long p0 = processCpu();
      Path saved = opt.containsKey("index-dir") ? Path.of(opt.get("index-dir"), provider + "-" + entries.size() + ".bin") : null;
      boolean load = saved != null && Files.exists(saved);
      try (VectorIndex index = load ? Artsim.loadIndex(saved) : Artsim.index(config(provider).withThreads(threads).withMaxItems(Math.min(entries.size(), HnswConfig.MAX_ITEMS)), dim, metric)) {
        if (!load) {
          index.addAll(entries);
        }
        double build = load ? Double.NaN : (System.nanoTime() - t0) / 1e9;
        double buildCpu = load ? Double.NaN : (processCpu() - p0) / 1e9;
        if (saved != null && !load) {
          index.save(saved);
        }
        double heapMib = (usedHeapAfterGc() - heapBefore) / 1048576.0;
        System.err.printf(Locale.ROOT, "%s %s: built %d in %.1f s, %.0f MiB of heap%n", dataName, provider, entries.size(), build, heapMib);
        warmUp(index, data.queries(), nq, efs, warmupSeconds);
        for (int ef : efs) {
          double recall = 0;
          double best = 0;
          double bestCpu = 0;
          for (int rep = 0; rep < reps; rep++) {
            long c = CPU.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            double rsum = 0;
            for (int i = 0; i < nq; i++) {
              var hits = index.search(SearchRequest.of(data.queries()[i], 10).withEf(ef));
              rsum += recall(hits, truth.get(i));
            }
            best = Math.max(best, nq / ((System.nanoTime() - s) / 1e9));
            bestCpu = Math.max(bestCpu, nq / ((CPU.getCurrentThreadCpuTime() - c) / 1e9));
            recall = rsum / nq;
          }
          String row =
              String.format(
                  Locale.ROOT, "%s,%s,%d,%d,%d,%.4f,%.0f,%.0f,%.1f,%.1f,%.0f,%.0f", label, provider, entries.size(), dim, ef, recall, best, bestCpu, build, buildCpu, heapMib, itemsMib);
          System.err.println(row);
          rows.add(row);
        }
      }
    }
    Files.write(out, rows);
  }

  /**
   * The configuration a provider column names: {@code hnsw-lucene}, {@code hnsw}, then any of
   * {@code +int8}/{@code +none} (quantization) and {@code +mapped}/{@code +heap} (storage).
   */
  static HnswConfig config(String spec) {
    String[] parts = spec.split("\\+");
    HnswConfig config = HnswConfig.defaults(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      config =
          part.equalsIgnoreCase("mapped") || part.equalsIgnoreCase("heap")
              ? config.withStorage(HnswConfig.Storage.parse(parts[0], part))
              : config.withQuantization(HnswConfig.Quantization.parse(parts[0], part));
    }
    return config;
  }

  /** The heap a flat index with mapped vectors and no codes holds for the entries: their ids and labels. */
  private static double itemsHeapMib(List<VectorEntry> entries, int dim, Metric metric) {
    long before = usedHeapAfterGc();
    FlatConfig items = FlatConfig.defaults().withStorage(FlatConfig.Storage.MAPPED).withQuantization(FlatConfig.Quantization.NONE).withInitialCapacity(entries.size());
    try (VectorIndex flat = Artsim.index(items, dim, metric)) {
      flat.addAll(entries);
      return (usedHeapAfterGc() - before) / 1048576.0;
    }
  }

  /** Runs the queries at every ef for about {@code seconds} so that the JIT has compiled the search before timing. */
  private static void warmUp(VectorIndex index, float[][] queries, int nq, int[] efs, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    for (int i = 0; System.nanoTime() < end; i++) {
      index.search(SearchRequest.of(queries[i % nq], 10).withEf(efs[i % efs.length]));
    }
  }

  /** Used heap after full collections: the index's share is the difference across its build. */
  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double recall(List<Hit> actual, List<Hit> expected) {
    var ids = new HashSet<String>();
    actual.forEach(h -> ids.add(h.id()));
    return expected.stream().filter(h -> ids.contains(h.id())).count() / (double) expected.size();
  }
}
