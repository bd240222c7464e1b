package org.artsim.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.collection.ingest.VectorImportOptions;
import org.artsim.collection.ingest.VectorImportReport;
import org.artsim.collection.ingest.VectorImporter;

/**
 * How each cost of an index grows with n: for clip512-style clustered vectors at each size, the
 * harness writes the vectors once as {@code .npy} (or {@code .fvecs}), imports them into each index
 * the way a user would ({@link VectorImporter}, timing the import, which for HNSW is the build),
 * saves and loads the index, and reports import wall and CPU time, save and load time, disk bytes,
 * heap in use after GC with the index alive, process RSS, single-thread queries per second and
 * recall@10 against the exact flat index (queries per wall second and per CPU second of the query
 * thread, steadier on a shared machine). Rows are appended as a Markdown table to {@code --out}.
 *
 * <pre>
 * java -Xmx6g --add-modules jdk.incubator.vector -cp artsim-bench/target/benchmarks.jar \
 *   org.artsim.bench.scale.ScaleHarness --n 100000,1000000 --queries 100 \
 *   --index flat --index hnsw-lucene:m=16,ef_construction=100,ef=64,threads=2 \
 *   --work /tmp/scale --out artsim-bench/results/scale.md
 * </pre>
 *
 * Options: {@code --n} sizes (comma-separated); {@code --dim} (512); {@code --queries} (100);
 * {@code --warmup} queries run before timing (20); {@code --index} repeated, {@code
 * name[:key=value,...]} passed to {@code Artsim.index} as settings, so new providers and storage
 * modes plug in without a code change; {@code --format npy|fvecs}; {@code --seed} (42); {@code
 * --work} a directory for the vector and index files (deleted after each size); {@code --out} the
 * Markdown file appended to. Ground truth is the plain {@code flat} index: measured first when it is
 * in the list, else built unmeasured.
 */
public final class ScaleHarness {
  private static final java.lang.management.ThreadMXBean THREAD = java.lang.management.ManagementFactory.getThreadMXBean();

  private ScaleHarness() {}

  /** One measured index at one size. */
  record Row(int n, String index, String format, double importS, double importCpuS, double saveS, double loadS, double loadCpuS, long diskBytes, long heapBytes, long rssBytes,
      double qps, double qpsCpu, double recall) {}

  /** Runs the harness; see the class comment. */
  public static void main(String[] args) throws IOException {
    var indexes = new ArrayList<IndexSpec>();
    String sizes = "100000";
    int dim = 512;
    int queries = 100;
    int warmup = 20;
    long seed = 42;
    ClusteredStream.Format format = ClusteredStream.Format.NPY;
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "artsim-scale");
    Path out = Path.of("artsim-bench/results/scale.md");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--n" -> sizes = v;
        case "--dim" -> dim = Integer.parseInt(v);
        case "--queries" -> queries = Integer.parseInt(v);
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--index" -> indexes.add(IndexSpec.parse(v));
        case "--format" -> format = ClusteredStream.Format.valueOf(v.toUpperCase(Locale.ROOT));
        case "--seed" -> seed = Long.parseLong(v);
        case "--work" -> work = Path.of(v);
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment of ScaleHarness");
      }
    }
    if (indexes.isEmpty()) {
      indexes.add(IndexSpec.parse("flat"));
      indexes.add(IndexSpec.parse("hnsw-lucene"));
    }
    Files.createDirectories(work);
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String loadBefore = loadAverage();
    var rows = new ArrayList<Row>();
    for (String s : sizes.split(",")) {
      int n = Integer.parseInt(s.strip());
      rows.addAll(measureSize(n, dim, queries, warmup, seed, format, indexes, work));
    }
    write(out, String.join(" ", args), started, loadBefore, loadAverage(), rows);
  }

  private static List<Row> measureSize(int n, int dim, int queries, int warmup, long seed, ClusteredStream.Format format, List<IndexSpec> specs, Path work) {
    Path file = work.resolve("clip" + dim + "-" + n + format.extension);
    long t0 = System.nanoTime();
    float[][] q = ClusteredStream.write(file, format, n, queries, dim, 1000, 0.6, seed);
    log("n=%d: wrote %s (%.0f MB) in %.1f s", n, file, size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
    List<List<Hit>> truth = null;
    var rows = new ArrayList<Row>();
    for (IndexSpec spec : specs) {
      if (truth == null && !spec.plainFlat()) {
        try (VectorIndex flat = Artsim.index("flat", dim, Metric.COSINE)) {
          VectorImporter.importInto(file, flat, VectorImportOptions.defaults().withBatchSize(4096));
          truth = flat.searchBatch(q, 10, LabelFilter.none());
        }
      }
      Measured m = measure(n, spec, format, file, work, q, warmup, truth);
      rows.add(m.row());
      if (truth == null) {
        truth = m.results();
      }
    }
    delete(file);
    return rows;
  }

  /** A row and the hits it measured (the ground truth when the index is the plain flat one). */
  private record Measured(Row row, List<List<Hit>> results) {}

  private static Measured measure(int n, IndexSpec spec, ClusteredStream.Format format, Path file, Path work, float[][] q, int warmup, List<List<Hit>> truth) {
    int dim = q[0].length;
    long heap0 = ProcessMemory.heapAfterGc();
    Path saved = work.resolve("index-" + spec.name() + "-" + n + ".artsim");
    double importS;
    double importCpu;
    double saveS;
    long heap;
    long rss;
    try (VectorIndex index = Artsim.index(spec.name(), dim, Metric.COSINE, spec.settings())) {
      double cpu0 = ProcessMemory.processCpuSeconds();
      long t0 = System.nanoTime();
      VectorImportReport rep = VectorImporter.importInto(file, index, VectorImportOptions.defaults().withBatchSize(4096));
      importS = (System.nanoTime() - t0) / 1e9;
      importCpu = ProcessMemory.processCpuSeconds() - cpu0;
      if (rep.added() != n) {
        throw new IllegalStateException("imported " + rep.added() + " of " + n + ": " + rep);
      }
      heap = ProcessMemory.heapAfterGc() - heap0;
      rss = ProcessMemory.rss();
      log("n=%d %s: import %.1f s (%.1f CPU s), heap %.0f MB, RSS %.0f MB", n, spec.text(), importS, importCpu, heap / 1e6, rss / 1e6);
      t0 = System.nanoTime();
      index.save(saved);
      saveS = (System.nanoTime() - t0) / 1e9;
    }
    long disk = size(saved);
    ProcessMemory.heapAfterGc();
    long t0 = System.nanoTime();
    long c0 = THREAD.getCurrentThreadCpuTime();
    try (VectorIndex loaded = Artsim.loadIndex(saved)) {
      double loadS = (System.nanoTime() - t0) / 1e9;
      double loadCpu = (THREAD.getCurrentThreadCpuTime() - c0) / 1e9;
      for (int i = 0; i < Math.min(warmup, q.length); i++) {
        loaded.search(q[i], 10);
      }
      var results = new ArrayList<List<Hit>>(q.length);
      t0 = System.nanoTime();
      c0 = THREAD.getCurrentThreadCpuTime();
      for (float[] v : q) {
        results.add(loaded.search(v, 10));
      }
      double qps = q.length / ((System.nanoTime() - t0) / 1e9);
      double qpsCpu = q.length / ((THREAD.getCurrentThreadCpuTime() - c0) / 1e9);
      List<List<Hit>> reference = truth != null ? truth : results;
      double recall = recall(results, reference);
      log("n=%d %s: save %.1f s, load %.2f s (%.2f CPU s), disk %.0f MB, %.1f q/s (%.1f per CPU s), recall@10 %.4f", n, spec.text(), saveS, loadS, loadCpu, disk / 1e6, qps, qpsCpu,
          recall);
      delete(saved);
      return new Measured(new Row(n, spec.text(), format.extension, importS, importCpu, saveS, loadS, loadCpu, disk, heap, rss, qps, qpsCpu, recall), results);
    }
  }

  static double recall(List<List<Hit>> got, List<List<Hit>> truth) {
    long hit = 0;
    long all = 0;
    for (int i = 0; i < truth.size(); i++) {
      var want = new HashSet<String>();
      truth.get(i).forEach(h -> want.add(h.id()));
      for (Hit h : got.get(i)) {
        if (want.contains(h.id())) {
          hit++;
        }
      }
      all += want.size();
    }
    return all == 0 ? 1 : (double) hit / all;
  }

  private static void write(Path out, String command, String started, String loadBefore, String loadAfter, List<Row> rows) throws IOException {
    var sb = new StringBuilder();
    if (!Files.exists(out)) {
      sb.append("# Scale: how each cost grows with n\n\n");
    }
    sb.append("\n## Run of ").append(started).append("\n\n");
    sb.append("- command: `ScaleHarness ").append(command).append("`\n");
    sb.append("- CPU: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores; JVM ").append(Runtime.version())
        .append(", max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
    sb.append("- load average (1/5/15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter).append(" (a shared machine: wall-clock figures are inflated, CPU seconds less so)\n\n");
    sb.append("| n | index | file | import (= build) wall s | import CPU s | save s | load s | load CPU s | disk MB | heap MB after GC | RSS MB | q/s, 1 thread | q/s per CPU s | recall@10 |\n");
    sb.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %,d | `%s` | %s | %.1f | %.1f | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %.1f | %.1f | %.4f |%n", r.n(), r.index(), r.format(), r.importS(),
          r.importCpuS(), r.saveS(), r.loadS(), r.loadCpuS(), r.diskBytes() / 1e6, r.heapBytes() / 1e6, r.rssBytes() / 1e6, r.qps(), r.qpsCpu(), r.recall()));
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, sb.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    log("appended %d rows to %s", rows.size(), out);
  }

  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return p[0] + " / " + p[1] + " / " + p[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log("could not delete %s: %s", p, e);
    }
  }

  private static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
