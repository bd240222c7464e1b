package org.artsim.bench.index;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.bench.data.ClusteredRecipe;
import org.artsim.index.FlatConfig;
import org.artsim.index.FlatConfig.Int8Scale;
import org.artsim.index.FlatConfig.Quantization;
import org.artsim.index.FlatConfig.Storage;
import org.artsim.index.Verifiable;

/**
 * The flat index at scale: for clip512-style clustered unit vectors (the recipe of {@link
 * org.artsim.bench.data.ClusteredVectors}, streamed so the harness never holds the base set), it
 * saves the index in each setting (heap float32, mapped float32, mapped int8 scaled per vector and
 * per dimension), then for each file measures the time {@code Artsim.loadIndex} takes, the Java
 * heap it leaves in use (after a GC), the time of the deferred checksum check, and single-query
 * top-10 q/s on one thread; every setting's results are checked to equal the heap float32 results
 * exactly, and FAISS {@code IndexFlatIP} (via {@code python/flat_scale_reference.py}) runs on the
 * same vectors, with its ids compared. It also replays both int8 scalings' error bounds in plain
 * Java to count how many rows each leaves for the float32 re-rank (fewer is better).
 *
 * <pre>
 * java -Xmx6g --add-modules jdk.incubator.vector -cp ... org.artsim.bench.index.FlatScaleHarness \
 *   --n 1000000 --queries 200 --dir /tmp/artsim-scale --python /usr/bin/python3 [--settings mapped-fp32,mapped-fp32-int8-per-vector]
 *   [--faiss now|later] [--drop-base false|true]
 * </pre>
 *
 * <p>For sizes near the disk's or the RAM's limit (10M &times; 512 is 20 GB of vectors): {@code
 * --faiss later} does not start FAISS from this JVM but prints its command, to run after the JVM
 * has exited; {@code --drop-base true} (with {@code --faiss later} and one setting) deletes the
 * generated base file once the index is built and points FAISS at the saved index's vector section
 * instead, with {@code --no-copy}: FAISS then searches the mapped rows with {@code faiss.knn}, the
 * function {@code IndexFlatIP.search} runs on its own copy, since a 20 GB copy would not fit. Both
 * sides' top-10 ids are written ({@code artsim-ids.i64}, {@code faiss-ids.i64}) and compared by the
 * Python script.
 *
 * <p>{@code --settings} is checked before any data is written and keeps only the named settings
 * (the setting's name in lower case, runs of other characters as one {@code -}); the first one kept is the reference the others are compared
 * with. At 5M vectors and more, leave out the heap settings (they need 4 bytes a dimension of heap).
 */
public final class FlatScaleHarness {
  private static final int DIM = 512;

  private FlatScaleHarness() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int n = Integer.parseInt(opt.getOrDefault("n", "1000000"));
    int nq = Integer.parseInt(opt.getOrDefault("queries", "200"));
    int boundQueries = Integer.parseInt(opt.getOrDefault("bound-queries", "20"));
    Path dir = Path.of(opt.getOrDefault("dir", System.getProperty("java.io.tmpdir") + "/artsim-scale"));
    String python = opt.getOrDefault("python", "/usr/bin/python3");
    Files.createDirectories(dir);
    Path base = dir.resolve("base.f32");
    Path queries = dir.resolve("queries.f32");
    var settings = new LinkedHashMap<String, FlatConfig>();
    FlatConfig none = FlatConfig.defaults().withQuantization(Quantization.NONE).withInitialCapacity(n);
    settings.put("heap fp32", none);
    settings.put("heap fp32 + int8 per-vector (heap codes)", FlatConfig.defaults().withInitialCapacity(n));
    settings.put("mapped fp32", none.withStorage(Storage.MAPPED));
    settings.put("mapped fp32 + int8 per-vector", FlatConfig.defaults().withStorage(Storage.MAPPED).withInitialCapacity(n));
    settings.put("mapped fp32 + int8 per-dimension", FlatConfig.defaults().withStorage(Storage.MAPPED).withInt8Scale(Int8Scale.PER_DIMENSION).withInitialCapacity(n));

    String only = opt.get("settings");
    if (only != null) {
      var wanted = List.of(only.split(","));
      List<String> known = settings.keySet().stream().map(FlatScaleHarness::slug).toList();
      settings.keySet().removeIf(name -> !wanted.contains(slug(name)));
      if (settings.isEmpty()) {
        throw new IllegalArgumentException("--settings " + only + " names no setting; choose from " + String.join(", ", known));
      }
    }
    boolean faissNow = !"later".equals(opt.getOrDefault("faiss", "now"));
    boolean dropBase = Boolean.parseBoolean(opt.getOrDefault("drop-base", "false"));
    if (dropBase && (faissNow || settings.size() != 1)) {
      throw new IllegalArgumentException("--drop-base true needs --faiss later and exactly one --settings entry: FAISS then reads the vectors from that setting's saved file");
    }
    float[][] q = writeData(n, nq, base, queries);
    log("data: %,d x %d written to %s", n, DIM, dir);
    String bounds = bounds(base, n, q, boundQueries);
    byte[] firstRow = firstRow(base);
    String first = settings.keySet().iterator().next();

    var rows = new ArrayList<String>();
    List<List<Hit>> reference = null;
    Path vectors = base;
    long offset = 0;
    for (var e : settings.entrySet()) {
      Path file = dir.resolve(slug(e.getKey()) + ".idx");
      long t0 = System.nanoTime();
      double build;
      double saved;
      try (VectorIndex index = Artsim.index(e.getValue(), DIM, Metric.DOT)) {
        addFrom(index, base, n);
        build = (System.nanoTime() - t0) / 1e9;
        if (dropBase) {
          Files.delete(base);
          log("base file deleted to make room for the saved index (--drop-base)");
        }
        t0 = System.nanoTime();
        index.save(file);
        saved = (System.nanoTime() - t0) / 1e9;
        log("%s: built in %.1f s, saved in %.1f s (%,d bytes)", e.getKey(), build, saved, Files.size(file));
      }
      long heapBefore = usedHeap();
      t0 = System.nanoTime();
      VectorIndex index = Artsim.loadIndex(file);
      double open = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      ((Verifiable) index).verify();
      double verify = (System.nanoTime() - t0) / 1e9;
      long heap = usedHeap() - heapBefore;
      long warm = System.nanoTime();
      for (int i = 0; System.nanoTime() - warm < 3_000_000_000L || i < 10; i++) {
        index.search(q[i % nq], 10);
      }
      var results = new ArrayList<List<Hit>>(nq);
      double best = Double.MAX_VALUE;
      for (int rep = 0; rep < 2; rep++) {
        results.clear();
        t0 = System.nanoTime();
        for (float[] query : q) {
          results.add(index.search(query, 10));
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      }
      if (reference == null) {
        reference = List.copyOf(results);
      }
      boolean same = results.equals(reference);
      String rss = rss();
      index.close();
      rows.add(String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.1f | %.3f | %.1f | %.1f | %s | %.1f | %s |", e.getKey(), n, Files.size(file), build, saved, open, verify, heap / 1048576.0, rss,
          nq / best, same ? "identical" : "DIFFERENT"));
      log("%s", rows.get(rows.size() - 1));
      if (dropBase) {
        vectors = file;
        offset = vectorOffset(file, firstRow);
      } else {
        Files.delete(file);
      }
    }

    Path ours = dir.resolve("artsim-ids.i64");
    writeIds(reference, ours);
    List<String> command = new ArrayList<>(faissCommand(python, vectors, offset, n, queries, dir, ours));
    if (dropBase) {
      command.add("--no-copy");
    }
    String faiss = faissNow ? faiss(command) : "FAISS not run yet (--faiss later); after this JVM exits run:\n\n    " + String.join(" ", command) + "\n";
    var report = new StringBuilder();
    report.append("| setting | n | file bytes | build s | save s | open s | checksum check s | heap after open MiB | RSS after queries | single top-10 q/s | results vs " + first + " |\n");
    report.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> report.append(r).append('\n'));
    report.append('\n').append(faiss).append('\n').append(bounds).append('\n');
    String out = report.toString();
    System.out.println(out);
    Files.writeString(dir.resolve("scale-flat.txt"), out);
  }

  private static String slug(String setting) {
    return setting.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private static void log(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String rss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return String.format(Locale.ROOT, "%.0f MiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
      }
    }
    return "?";
  }

  /** Streams the clip512 recipe (1,000 centres, sigma 0.6, seed 42: base first, then queries) to little-endian files; returns the queries. */
  private static float[][] writeData(int n, int nq, Path base, Path queries) throws IOException {
    var r = new SplittableRandom(42);
    float[][] c = ClusteredRecipe.centres(r, 1000, DIM);
    double scale = 0.6 / Math.sqrt(DIM);
    var buf = ByteBuffer.allocate(4 * DIM).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[DIM];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(base), 1 << 20)) {
      for (int p = 0; p < n; p++) {
        ClusteredRecipe.draw(r, c, scale, v);
        buf.clear();
        buf.asFloatBuffer().put(v);
        out.write(buf.array());
      }
    }
    float[][] q = new float[nq][DIM];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(queries))) {
      for (float[] query : q) {
        ClusteredRecipe.draw(r, c, scale, query);
        buf.clear();
        buf.asFloatBuffer().put(query);
        out.write(buf.array());
      }
    }
    return q;
  }

  /** Adds rows [0, n) of the base file in batches of 10,000, with ids {@code v0000000...}. */
  private static void addFrom(VectorIndex index, Path base, int n) throws IOException {
    try (FileChannel ch = FileChannel.open(base, StandardOpenOption.READ)) {
      var buf = ByteBuffer.allocate(4 * DIM * 10_000).order(ByteOrder.LITTLE_ENDIAN);
      for (int from = 0; from < n; from += 10_000) {
        int m = Math.min(10_000, n - from);
        buf.clear();
        buf.limit(4 * DIM * m);
        while (buf.hasRemaining()) {
          ch.read(buf, 4L * DIM * from + buf.position());
        }
        buf.flip();
        var batch = new ArrayList<VectorEntry>(m);
        var floats = buf.asFloatBuffer();
        for (int i = 0; i < m; i++) {
          float[] v = new float[DIM];
          floats.get(v);
          batch.add(new VectorEntry(String.format(Locale.ROOT, "v%07d", from + i), v, Labels.none()));
        }
        index.addAll(batch);
      }
    }
  }

  /** The {@code python/flat_scale_reference.py} command for these files: FAISS reads rows {@code [0, n)} at {@code offset} of {@code vectors}. */
  private static List<String> faissCommand(String python, Path vectors, long offset, int n, Path queries, Path dir, Path ours) {
    return List.of(python, "artsim-bench/python/flat_scale_reference.py", "--base", vectors.toString(), "--offset", String.valueOf(offset), "--n",
        String.valueOf(n), "--queries", queries.toString(), "--dim", String.valueOf(DIM), "--out", dir.resolve("faiss-ids.i64").toString(), "--compare",
        ours.toString());
  }

  /** Runs FAISS IndexFlatIP (it compares its ids with artsim's itself) and returns its JSON line. */
  private static String faiss(List<String> command) throws Exception {
    var pb = new ProcessBuilder(command);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return p.waitFor() == 0 ? "FAISS " + json : "FAISS failed: " + json;
  }

  /** Writes each query's top-10 ids (the number after the {@code v}) as little-endian int64, row-major. */
  private static void writeIds(List<List<Hit>> results, Path file) throws IOException {
    var buf = ByteBuffer.allocate(8 * 10 * results.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (List<Hit> hits : results) {
      for (int j = 0; j < 10; j++) {
        buf.putLong(j < hits.size() ? Long.parseLong(hits.get(j).id().substring(1)) : -1);
      }
    }
    Files.write(file, buf.array());
  }

  private static byte[] firstRow(Path base) throws IOException {
    try (var in = Files.newInputStream(base)) {
      return in.readNBytes(4 * DIM);
    }
  }

  /** Where the first row's bytes start in a saved flat file (its vector section is 64-byte aligned, near the start). */
  private static long vectorOffset(Path file, byte[] firstRow) throws IOException {
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(4096 + firstRow.length);
    }
    for (int at = 0; at + firstRow.length <= head.length; at += 64) {
      if (Arrays.equals(head, at, at + firstRow.length, firstRow, 0, firstRow.length)) {
        return at;
      }
    }
    throw new IllegalStateException(file + ": the first vector was not found in its first 4 KiB; was it saved by the flat index?");
  }

  /**
   * Replays both int8 scalings' bounds (error norm times the query norm, without the float
   * rounding terms, which are orders of magnitude smaller) over the first {@code rows} base rows
   * and reports the mean number of rows whose upper bound reaches the 10th-best lower bound (the
   * rows re-ranked in float32) and the recall@10 of the int8 scores alone.
   */
  private static String bounds(Path base, int n, float[][] q, int nQueries) throws IOException {
    int rows = Math.min(n, 200_000);
    float[] data = new float[rows * DIM];
    try (FileChannel ch = FileChannel.open(base, StandardOpenOption.READ)) {
      var buf = ByteBuffer.allocate(4 * DIM * rows).order(ByteOrder.LITTLE_ENDIAN);
      while (buf.hasRemaining()) {
        if (ch.read(buf, buf.position()) < 0) {
          break;
        }
      }
      buf.flip();
      buf.asFloatBuffer().get(data);
    }
    float[] lo = new float[DIM];
    float[] step = new float[DIM];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    float[] hi = new float[DIM];
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < rows; r++) {
      for (int d = 0; d < DIM; d++) {
        lo[d] = Math.min(lo[d], data[r * DIM + d]);
        hi[d] = Math.max(hi[d], data[r * DIM + d]);
      }
    }
    for (int d = 0; d < DIM; d++) {
      step[d] = (hi[d] - lo[d]) / 255f;
    }
    var sb = new StringBuilder("int8 bounds over " + rows + " rows, " + nQueries + " queries, k = 10:\n\n");
    sb.append("| scale | mean error norm | mean rows re-ranked | recall@10 of int8 scores alone |\n|---|---|---|---|\n");
    for (String mode : new String[] {"per-vector", "per-dimension"}) {
      double[] approx = new double[rows];
      double[] err = new double[rows];
      float[][] rec = new float[rows][];
      double errSum = 0;
      for (int r = 0; r < rows; r++) {
        float[] x = new float[DIM];
        double e = 0;
        float maxAbs = 0;
        for (int d = 0; d < DIM; d++) {
          maxAbs = Math.max(maxAbs, Math.abs(data[r * DIM + d]));
        }
        float s = maxAbs / 127f;
        for (int d = 0; d < DIM; d++) {
          float v = data[r * DIM + d];
          double a = mode.equals("per-vector") ? s * (double) Math.round(v / s) : lo[d] + step[d] * (double) Math.round((v - lo[d]) / step[d]);
          x[d] = (float) a;
          e += (v - a) * (v - a);
        }
        rec[r] = x;
        err[r] = Math.sqrt(e);
        errSum += err[r];
      }
      long reranked = 0;
      int hits = 0;
      for (int qi = 0; qi < nQueries; qi++) {
        float[] query = q[qi];
        double[] exact = new double[rows];
        for (int r = 0; r < rows; r++) {
          double a = 0;
          double b = 0;
          for (int d = 0; d < DIM; d++) {
            a += query[d] * (double) rec[r][d];
            b += query[d] * (double) data[r * DIM + d];
          }
          approx[r] = a;
          exact[r] = b;
        }
        double[] lower = new double[rows];
        for (int r = 0; r < rows; r++) {
          lower[r] = approx[r] - err[r];
        }
        double t = kth(lower, 10);
        for (int r = 0; r < rows; r++) {
          reranked += approx[r] + err[r] >= t ? 1 : 0;
        }
        hits += overlap(top(approx, 10), top(exact, 10));
      }
      sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.1f | %.3f |\n", mode, errSum / rows, reranked / (double) nQueries, hits / (10.0 * nQueries)));
    }
    return sb.toString();
  }

  private static double kth(double[] v, int k) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c[c.length - k];
  }

  private static int[] top(double[] v, int k) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[b], v[a]));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  private static int overlap(int[] a, int[] b) {
    int n = 0;
    for (int x : a) {
      for (int y : b) {
        n += x == y ? 1 : 0;
      }
    }
    return n;
  }
}
