package org.artsim.bench.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.artsim.Artsim;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.artsim.text.TfidfConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TF-IDF on the 15,217 fortunes documents of the shared scikit-learn fixture ({@code
 * ../shared/data/tfidf-sklearn}, found from the working directory or its parents, or {@code
 * -Dartsim.tfidf.fixture=DIR}): fit time (add every document, then the first search, which fits
 * vocabulary, idf and postings &mdash; the counterpart of {@code fit_transform}) and single
 * queries top-10 one at a time over the 100 {@code timing_queries.txt}. The scikit-learn side is
 * {@code artsim-bench/python/tfidf_reference.py}; run both in the same session.
 *
 * <p>Settings: {@code default} = {@code TfidfVectorizer()}, {@code bigram15k} = the reference
 * project's settings (literal queries, as scikit-learn's transform), {@code bigram15k-forgiving} =
 * the same with typo/stem/prefix expansion on (how artsim's default reads queries); {@code
 * bigram15k-forgiving-typos} = the same with the middle letter of every word of 4+ letters dropped, so that every such word is
 * typo-corrected (timing queries are drawn from the corpus, so otherwise no word is a typo).
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx3g"})
public class TfidfBenchmark {

  static Path fixture() {
    String p = System.getProperty("artsim.tfidf.fixture");
    if (p != null) {
      return Path.of(p);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path c = d.resolve("../shared/data/tfidf-sklearn").normalize();
      if (Files.isRegularFile(c.resolve("corpus.txt.gz"))) {
        return c;
      }
      c = d.resolve("shared/data/tfidf-sklearn");
      if (Files.isRegularFile(c.resolve("corpus.txt.gz"))) {
        return c;
      }
    }
    throw new IllegalStateException("no shared/data/tfidf-sklearn found from " + Path.of("").toAbsolutePath() + "; pass -Dartsim.tfidf.fixture=DIR");
  }

  static List<String> lines(Path file) {
    try {
      byte[] b;
      if (file.toString().endsWith(".gz")) {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
          b = in.readAllBytes();
        }
      } else {
        b = Files.readAllBytes(file);
      }
      var out = new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
      if (out.get(out.size() - 1).isEmpty()) {
        out.remove(out.size() - 1);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TfidfConfig config(String settings) {
    return switch (settings) {
      case "default" -> TfidfConfig.sklearnDefaults();
      case "bigram15k" -> TfidfConfig.reference();
      case "bigram15k-forgiving", "bigram15k-forgiving-typos" -> TfidfConfig.reference().withForgivingQueries();
      default -> throw new IllegalArgumentException(settings);
    };
  }

  static Map<String, TextDocument> documents(List<String> docs) {
    var map = new LinkedHashMap<String, TextDocument>(docs.size() * 2);
    for (int i = 0; i < docs.size(); i++) {
      map.put(Integer.toString(i), TextDocument.of(docs.get(i)));
    }
    return map;
  }

  static TextIndex fit(TfidfConfig config, Map<String, TextDocument> docs) {
    TextIndex index = Artsim.textIndex(config);
    index.addAll(docs);
    index.search("fit", 1);
    return index;
  }

  /** Fit: add the corpus and fit (the first search fits). */
  @State(Scope.Benchmark)
  public static class FitState {
    @Param({"default", "bigram15k"})
    public String settings;

    Map<String, TextDocument> docs;
    TfidfConfig config;

    @Setup(Level.Trial)
    public void setup() {
      docs = documents(lines(fixture().resolve("corpus.txt.gz")));
      config = config(settings);
    }
  }

  /** Seconds per fit of the 15,217 documents. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 8)
  @Measurement(iterations = 10)
  public TextIndex fit(FitState s) {
    return fit(s.config, s.docs);
  }

  /** A fitted index and the timing queries. */
  @State(Scope.Benchmark)
  public static class QueryState {
    @Param({"default", "bigram15k", "bigram15k-forgiving", "bigram15k-forgiving-typos"})
    public String settings;

    TextIndex index;
    String[] queries;
    int next;

    @Setup(Level.Trial)
    public void setup() {
      Path dir = fixture();
      index = fit(config(settings), documents(lines(dir.resolve("corpus.txt.gz"))));
      queries = lines(dir.resolve("timing_queries.txt")).toArray(String[]::new);
      if (settings.endsWith("-typos")) {
        for (int i = 0; i < queries.length; i++) {
          queries[i] = withTypos(queries[i]);
        }
      }
    }
  }

  /** Drops the middle letter of every word of 4+ letters ("people" becomes "peple"), so each word takes the typo path. */
  static String withTypos(String query) {
    var out = new StringBuilder();
    for (String w : query.split(" ")) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(w.length() >= 4 ? w.substring(0, w.length() / 2) + w.substring(w.length() / 2 + 1) : w);
    }
    return out.toString();
  }

  /** One query, top-10, one at a time (cycling through the 100 timing queries). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 8, time = 2)
  @Measurement(iterations = 5, time = 2)
  public TextSearchResult query(QueryState s) {
    String q = s.queries[s.next];
    s.next = s.next + 1 == s.queries.length ? 0 : s.next + 1;
    return s.index.search(q, 10);
  }
}
