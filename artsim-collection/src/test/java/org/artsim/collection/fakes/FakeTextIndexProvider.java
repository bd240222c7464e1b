package org.artsim.collection.fakes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.artsim.Artsim;
import org.artsim.ClosedException;
import org.artsim.DuplicateIdException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.QueryExplanation;
import org.artsim.TermRewrite;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.artsim.io.ArtsimFiles;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.TextIndexProvider;

/**
 * Test-only text index {@code "test-text"}: the score is the number of query words a document
 * contains; a query word not in any document is replaced by a vocabulary word one edit away.
 */
public final class FakeTextIndexProvider implements TextIndexProvider<FakeTextIndexProvider.Config> {
  static final String FORMAT = Artsim.TEXT_INDEX_FORMAT_PREFIX + "test-text";

  /** No settings. */
  public record Config() {}

  @Override
  public String name() {
    return "test-text";
  }

  @Override
  public String description() {
    return "test fake: word overlap";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config();
  }

  @Override
  public Config parse(Map<String, String> settings) {
    ConfigMap.of("test-text", settings).finish();
    return new Config();
  }

  @Override
  public TextIndex create(Config config) {
    return new Fake();
  }

  @Override
  public TextIndex load(Path path) {
    return ArtsimFiles.read(
        path,
        FORMAT,
        1,
        (in, v) -> {
          var f = new Fake();
          int n = in.readInt();
          for (int i = 0; i < n; i++) {
            String id = in.readString();
            int nf = in.readInt();
            var fields = new LinkedHashMap<String, String>();
            for (int j = 0; j < nf; j++) {
              fields.put(in.readString(), in.readString());
            }
            int nl = in.readInt();
            var labels = new LinkedHashMap<String, String>();
            for (int j = 0; j < nl; j++) {
              labels.put(in.readString(), in.readString());
            }
            f.put(id, new TextDocument(fields, Labels.of(labels)));
          }
          return f;
        });
  }

  static List<String> words(String s) {
    var out = new ArrayList<String>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 1) {
        out.add(w);
      }
    }
    return out;
  }

  static final class Fake implements TextIndex {
    private final Map<String, TextDocument> docs = new LinkedHashMap<>();
    private boolean closed;

    private void checkOpen() {
      if (closed) {
        throw new ClosedException("text index 'test-text'");
      }
    }

    private static void checkNotNull(Object value, String what) {
      if (value == null) {
        throw new InvalidArgumentException(what + " is null; pass a value");
      }
    }

    @Override
    public String kind() {
      return "test-text";
    }

    @Override
    public synchronized void close() {
      closed = true;
    }

    @Override
    public synchronized int size() {
      checkOpen();
      return docs.size();
    }

    @Override
    public synchronized void add(String id, TextDocument document) {
      checkOpen();
      checkNotNull(id, "id");
      checkNotNull(document, "document");
      if (docs.containsKey(id)) {
        throw new DuplicateIdException("id '" + id + "' is already present; use put to replace it");
      }
      docs.put(id, document);
    }

    @Override
    public synchronized void addAll(Map<String, TextDocument> documents) {
      checkOpen();
      checkNotNull(documents, "documents");
      for (var e : documents.entrySet()) {
        checkNotNull(e.getKey(), "an id in documents");
        checkNotNull(e.getValue(), "the document of '" + e.getKey() + "'");
        if (docs.containsKey(e.getKey())) {
          throw new DuplicateIdException("id '" + e.getKey() + "' is already present; nothing of the batch was added");
        }
      }
      docs.putAll(documents);
    }

    @Override
    public synchronized boolean put(String id, TextDocument document) {
      checkOpen();
      checkNotNull(id, "id");
      checkNotNull(document, "document");
      return docs.put(id, document) != null;
    }

    @Override
    public synchronized boolean remove(String id) {
      checkOpen();
      checkNotNull(id, "id");
      return docs.remove(id) != null;
    }

    @Override
    public synchronized boolean contains(String id) {
      checkOpen();
      checkNotNull(id, "id");
      return docs.containsKey(id);
    }

    /** Refuses a filter on a label field no document carries (names are matched exactly). */
    private void checkLabelFields(LabelFilter filter) {
      if (docs.isEmpty()) {
        return;
      }
      var fields = new TreeSet<String>();
      docs.values().forEach(d -> fields.addAll(d.labels().values().keySet()));
      for (String field : filter.allowed().keySet()) {
        if (!fields.contains(field)) {
          String near = fields.stream().filter(f -> f.equalsIgnoreCase(field)).findFirst().orElse(null);
          throw new InvalidArgumentException(
              "no document has label field '" + field + "'; fields present: " + fields + (near == null ? "" : "; did you mean '" + near + "'?"));
        }
      }
    }

    @Override
    public synchronized TextSearchResult search(String query, int k, LabelFilter filter) {
      checkOpen();
      checkNotNull(query, "query");
      if (k <= 0) {
        throw new InvalidArgumentException("k must be positive, got " + k);
      }
      checkNotNull(filter, "filter");
      checkLabelFields(filter);
      var vocab = new TreeSet<String>();
      var docWords = new HashMap<String, List<String>>();
      docs.forEach(
          (id, d) -> {
            var w = words(String.join(" ", d.fields().values()));
            docWords.put(id, w);
            vocab.addAll(w);
          });
      var terms = new ArrayList<String>();
      var rewrites = new ArrayList<TermRewrite>();
      var ignored = new ArrayList<String>();
      for (String w : words(query)) {
        if (vocab.contains(w)) {
          terms.add(w);
        } else {
          String near = vocab.stream().filter(v -> editDistance(v, w) == 1).findFirst().orElse(null);
          if (near != null) {
            terms.add(near);
            rewrites.add(new TermRewrite(w, List.of(near), "typo"));
          } else {
            ignored.add(w);
          }
        }
      }
      var hits = new ArrayList<Hit>();
      docs.forEach(
          (id, d) -> {
            if (filter.test(d.labels())) {
              long score = terms.stream().filter(docWords.get(id)::contains).count();
              if (score > 0) {
                hits.add(new Hit(id, score, d.labels()));
              }
            }
          });
      hits.sort(Comparator.comparingDouble((Hit h) -> -h.score()).thenComparing(Hit::id));
      var top = hits.subList(0, Math.min(k, hits.size()));
      return new TextSearchResult(top, new QueryExplanation(query, terms, rewrites, ignored, top.isEmpty() ? "no document matches" : "ok"));
    }

    @Override
    public synchronized void save(Path path) {
      checkOpen();
      checkNotNull(path, "path");
      var copy = new LinkedHashMap<>(docs);
      ArtsimFiles.write(
          path,
          FORMAT,
          1,
          out -> {
            out.writeInt(copy.size());
            for (var e : copy.entrySet()) {
              out.writeString(e.getKey());
              out.writeInt(e.getValue().fields().size());
              for (var f : e.getValue().fields().entrySet()) {
                out.writeString(f.getKey());
                out.writeString(f.getValue());
              }
              out.writeInt(e.getValue().labels().values().size());
              for (var f : e.getValue().labels().values().entrySet()) {
                out.writeString(f.getKey());
                out.writeString(f.getValue());
              }
            }
          });
    }

    private static int editDistance(String a, String b) {
      int[][] d = new int[a.length() + 1][b.length() + 1];
      for (int i = 0; i <= a.length(); i++) {
        d[i][0] = i;
      }
      for (int j = 0; j <= b.length(); j++) {
        d[0][j] = j;
      }
      for (int i = 1; i <= a.length(); i++) {
        for (int j = 1; j <= b.length(); j++) {
          d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        }
      }
      return d[a.length()][b.length()];
    }
  }
}
