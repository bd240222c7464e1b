package org.artsim.text.tfidf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.artsim.TextDocument;
import org.artsim.text.TfidfConfig;

/** Reads the scikit-learn parity fixtures: the committed small one and the shared fortunes one. */
final class SklearnFixture {
  private SklearnFixture() {}

  /** A vocabulary in column order with idf. */
  record Vocabulary(String[] terms, double[] idf) {}

  /** One ranked reference hit. */
  record Ranked(int doc, double score) {}

  /** The shared fixture folder, {@code ../shared/data/tfidf-sklearn} beside the repository root, or null. */
  static Path shared() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("artsim-api"))) {
        Path d = p.resolve("../shared/data/tfidf-sklearn").normalize();
        return Files.isRegularFile(d.resolve("corpus.txt.gz")) ? d : null;
      }
    }
    return null;
  }

  static String resource(String name) {
    try (InputStream in = SklearnFixture.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String file(Path p) {
    try {
      byte[] b = Files.readAllBytes(p);
      if (p.toString().endsWith(".gz")) {
        try (var in = new GZIPInputStream(Files.newInputStream(p))) {
          b = in.readAllBytes();
        }
      }
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines split on '\n' only (documents may hold other line separators). */
  static List<String> lines(String text) {
    var out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** Zero-padded ids, so that id order (String.compareTo) is document-index order, as scikit-learn breaks ties. */
  static String id(int doc) {
    return String.format("%06d", doc);
  }

  static Map<String, TextDocument> documents(List<String> docs) {
    var map = new LinkedHashMap<String, TextDocument>();
    for (int i = 0; i < docs.size(); i++) {
      map.put(id(i), TextDocument.of(docs.get(i)));
    }
    return map;
  }

  static Vocabulary vocabulary(String tsv) {
    var terms = new ArrayList<String>();
    var idf = new ArrayList<Double>();
    for (String line : lines(tsv)) {
      if (line.startsWith("column\t")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (Integer.parseInt(f[0]) != terms.size()) {
        throw new IllegalStateException("columns out of order at " + line);
      }
      terms.add(f[1]);
      idf.add(Double.parseDouble(f[2]));
    }
    return new Vocabulary(terms.toArray(String[]::new), idf.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static TfidfConfig params(String text) {
    var map = new LinkedHashMap<String, String>();
    for (String line : lines(text)) {
      int eq = line.indexOf('=');
      map.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return TfidfConfig.parse(map);
  }

  /** query index -> ranked hits, from a {@code query rank doc score} TSV. */
  static Map<Integer, List<Ranked>> topTsv(String tsv) {
    var out = new LinkedHashMap<Integer, List<Ranked>>();
    for (String line : lines(tsv)) {
      String[] f = line.split("\t");
      out.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(new Ranked(Integer.parseInt(f[2]), Double.parseDouble(f[3])));
    }
    return out;
  }

  /** Per query (in file order), the top10 list of a top10_*.json file of the shared fixture. */
  static List<List<Ranked>> top10Json(String json) {
    var out = new ArrayList<List<Ranked>>();
    var m = java.util.regex.Pattern.compile("\"top10\": \\[(.*?)\\]\\}").matcher(json);
    var pair = java.util.regex.Pattern.compile("\\[(\\d+), ([-0-9.eE+]+)\\]");
    while (m.find()) {
      var list = new ArrayList<Ranked>();
      var p = pair.matcher(m.group(1));
      while (p.find()) {
        list.add(new Ranked(Integer.parseInt(p.group(1)), Double.parseDouble(p.group(2))));
      }
      out.add(list);
    }
    return out;
  }
}
