package org.artsim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.ClosedException;
import org.artsim.DuplicateIdException;
import org.artsim.FileFormatException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link TextIndex} must show, as JUnit tests. An implementation's test class
 * extends this and says how to make an index with its default settings.
 *
 * <p>The documents are made of invented words (never stop words, never stems of one another), so
 * a keyword index must find every document holding a query word, wherever the word occurs once. The
 * contract fixes: id rules (add refuses a present id, put replaces, remove and contains), exact
 * filters applied during the search, label field names matched exactly with an error for a field no
 * document carries, order (score descending, then id ascending), a save/load round trip that
 * answers identically, concurrent adds and searches, typed errors naming the bad argument, a huge
 * {@code k} clamped to the documents present.
 */
public abstract class TextIndexContract {

  /** A new, empty index with the implementation's default settings. */
  protected abstract TextIndex newIndex();

  @TempDir protected Path tmp;

  private static final String[] SYLLABLES = {"zor", "quen", "blat", "vix", "drum", "pel", "kaz", "tiv", "mox", "runo", "fel", "gash"};

  /** An invented word (2 to 3 syllables) that no stop-word list holds. */
  protected static String word(SplittableRandom r) {
    var sb = new StringBuilder();
    for (int i = 0, n = 2 + r.nextInt(2); i < n; i++) {
      sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
    }
    return sb.toString();
  }

  private static Map<String, TextDocument> corpus(SplittableRandom r, int n, int vocabulary) {
    var words = new ArrayList<String>();
    while (words.size() < vocabulary) {
      String w = word(r);
      if (!words.contains(w)) {
        words.add(w);
      }
    }
    var docs = new LinkedHashMap<String, TextDocument>();
    for (int i = 0; i < n; i++) {
      var sb = new StringBuilder();
      for (int j = 0, len = 1 + r.nextInt(6); j < len; j++) {
        sb.append(words.get(r.nextInt(words.size()))).append(' ');
      }
      docs.put(String.format("doc%04d", i), TextDocument.of("title", sb.toString().trim()).withLabels(Labels.of("colour", "c" + r.nextInt(4))));
    }
    return docs;
  }

  private static List<String> ids(TextSearchResult r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  private static Set<String> holding(Map<String, TextDocument> docs, String word, LabelFilter filter) {
    var out = new TreeSet<String>();
    docs.forEach(
        (id, d) -> {
          if (List.of(d.field("title").split(" ")).contains(word) && filter.test(d.labels())) {
            out.add(id);
          }
        });
    return out;
  }

  @Test
  void aWordThatOccursOnceFindsItsDocument() {
    try (TextIndex index = newIndex()) {
      index.add("a", TextDocument.of("title", "Still life with a zorblat"));
      index.add("b", TextDocument.of("title", "Portrait, dated 1613"));
      index.add("c", TextDocument.of("title", "Still life with flowers"));
      assertThat(ids(index.search("1613", 5))).containsExactly("b");
      assertThat(ids(index.search("zorblat", 5))).containsExactly("a");
      assertThat(index.size()).isEqualTo(3);
      assertThat(index.contains("a")).isTrue();
      assertThat(index.contains("z")).isFalse();
    }
  }

  @Test
  void everyDocumentHoldingTheWordIsFoundAndFiltersAreExact() {
    Seeds.stream("text-contract-filter", 8)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              var docs = corpus(r, 20 + r.nextInt(80), 6 + r.nextInt(20));
              try (TextIndex index = newIndex()) {
                index.addAll(docs);
                for (int q = 0; q < 6; q++) {
                  String w = docs.values().stream().skip(r.nextInt(docs.size())).findFirst().orElseThrow().field("title").split(" ")[0];
                  LabelFilter filter = q % 2 == 0 ? LabelFilter.none() : LabelFilter.anyOf("colour", "c" + r.nextInt(4), "c9");
                  var result = index.search(w, docs.size() + 5, filter);
                  String why = Seeds.reproduce(seed) + " query '" + w + "' " + filter;
                  assertThat(new TreeSet<>(ids(result))).as(why).containsAll(holding(docs, w, filter));
                  assertThat(result.hits()).as(why).allSatisfy(h -> assertThat(filter.test(h.labels())).isTrue());
                  assertOrdered(result.hits(), why);
                }
              }
            });
  }

  /** Hits are ordered by score descending, then id ascending. */
  protected static void assertOrdered(List<Hit> hits, String why) {
    for (int i = 1; i < hits.size(); i++) {
      Hit a = hits.get(i - 1);
      Hit b = hits.get(i);
      assertThat(a.score() > b.score() || (a.score() == b.score() && a.id().compareTo(b.id()) < 0))
          .as("%s: %s before %s", why, a, b)
          .isTrue();
    }
  }

  @Test
  void removedAndReplacedDocumentsNeverComeBack() {
    try (TextIndex index = newIndex()) {
      index.add("a", TextDocument.of("title", "zorblat quenvix"));
      index.add("b", TextDocument.of("title", "zorblat drumpel"));
      assertThat(index.remove("a")).isTrue();
      assertThat(index.remove("a")).isFalse();
      assertThat(index.contains("a")).isFalse();
      assertThat(ids(index.search("zorblat", 10))).containsExactly("b");
      assertThat(index.search("quenvix", 10).hits()).isEmpty();
      assertThat(index.put("b", TextDocument.of("title", "kaztiv"))).isTrue();
      assertThat(index.put("c", TextDocument.of("title", "kaztiv moxruno"))).isFalse();
      assertThat(index.search("zorblat", 10).hits()).isEmpty();
      assertThat(new TreeSet<>(ids(index.search("kaztiv", 10)))).containsExactly("b", "c");
      assertThat(index.size()).isEqualTo(2);
    }
  }

  @Test
  void presentIdsAreRefusedAndABatchWithOneIsNotAdded() {
    try (TextIndex index = newIndex()) {
      index.add("a", TextDocument.of("title", "zorblat"));
      assertThatThrownBy(() -> index.add("a", TextDocument.of("title", "quenvix"))).isInstanceOf(DuplicateIdException.class).hasMessageContaining("'a'");
      var batch = new LinkedHashMap<String, TextDocument>();
      batch.put("b", TextDocument.of("title", "drumpel"));
      batch.put("a", TextDocument.of("title", "kaztiv"));
      assertThatThrownBy(() -> index.addAll(batch)).isInstanceOf(DuplicateIdException.class).hasMessageContaining("'a'");
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.contains("b")).isFalse();
    }
  }

  @Test
  void aSavedIndexLoadsAndAnswersIdentically() {
    var r = new SplittableRandom(Seeds.stream("text-contract-save", 1).findFirst().orElseThrow());
    var docs = corpus(r, 60, 15);
    try (TextIndex index = newIndex()) {
      index.addAll(docs);
      index.remove("doc0003");
      Path file = tmp.resolve("text.artsim");
      index.save(file);
      try (TextIndex loaded = Artsim.loadTextIndex(file)) {
        assertThat(loaded.kind()).isEqualTo(index.kind());
        assertThat(loaded.size()).isEqualTo(index.size());
        assertThat(loaded.contains("doc0003")).isFalse();
        for (int q = 0; q < 10; q++) {
          String w = word(r) + " " + docs.get(String.format("doc%04d", r.nextInt(60))).field("title");
          assertThat(loaded.search(w, 7)).as(w).isEqualTo(index.search(w, 7));
          var f = LabelFilter.anyOf("colour", "c1");
          assertThat(loaded.search(w, 7, f)).as(w).isEqualTo(index.search(w, 7, f));
        }
      }
    }
  }

  @Test
  void aFileThatIsNotAnIndexIsRefused() throws IOException {
    Path notes = tmp.resolve("notes.txt");
    Files.writeString(notes, "not an index");
    assertThatThrownBy(() -> Artsim.loadTextIndex(notes)).isInstanceOf(FileFormatException.class);
  }

  @Test
  void searchesRunWhileDocumentsAreAdded() throws Exception {
    var r = new SplittableRandom(Seeds.stream("text-contract-concurrent", 1).findFirst().orElseThrow());
    var docs = corpus(r, 300, 25);
    var ids = new ArrayList<>(docs.keySet());
    try (TextIndex index = newIndex()) {
      var failures = new ConcurrentLinkedQueue<Throwable>();
      var done = new CountDownLatch(4);
      for (int t = 0; t < 2; t++) {
        int part = t;
        new Thread(
                () -> {
                  try {
                    for (int i = part; i < ids.size(); i += 2) {
                      index.add(ids.get(i), docs.get(ids.get(i)));
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  } finally {
                    done.countDown();
                  }
                })
            .start();
        new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 200; i++) {
                      var hits = index.search(docs.get(ids.get(i)).field("title"), 5, LabelFilter.none()).hits();
                      assertThat(hits.size()).isLessThanOrEqualTo(5);
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  } finally {
                    done.countDown();
                  }
                })
            .start();
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).as("writers and readers finished").isTrue();
      assertThat(failures).isEmpty();
      assertThat(index.size()).isEqualTo(docs.size());
      for (String id : ids.subList(0, 30)) {
        String first = docs.get(id).field("title").split(" ")[0];
        assertThat(ids(index.search(first, docs.size()))).as(first).contains(id);
      }
    }
  }

  @Test
  void badArgumentsAreRefusedNamingTheArgument() {
    try (TextIndex index = newIndex()) {
      index.add("a", TextDocument.of("title", "zorblat").withLabels(Labels.of("culture", "dutch")));
      assertThatThrownBy(() -> index.search(null, 5)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("query");
      assertThatThrownBy(() -> index.search("zorblat", 0)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("k");
      assertThatThrownBy(() -> index.search("zorblat", -3)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("-3");
      assertThatThrownBy(() -> index.search("zorblat", 5, null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("filter");
      assertThatThrownBy(() -> index.add(null, TextDocument.of("x"))).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id");
      assertThatThrownBy(() -> index.add("b", null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("document");
      assertThatThrownBy(() -> index.put("b", null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("document");
      assertThatThrownBy(() -> index.addAll(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("documents");
      assertThatThrownBy(() -> index.remove(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id");
      assertThatThrownBy(() -> index.contains(null)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("id");
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void aHugeKIsClampedToTheDocumentsPresent() {
    try (TextIndex index = newIndex()) {
      index.add("a", TextDocument.of("title", "zorblat quenvix"));
      index.add("b", TextDocument.of("title", "zorblat"));
      assertThat(ids(index.search("zorblat", Integer.MAX_VALUE))).containsExactlyInAnyOrder("a", "b");
      assertThat(index.search("zorblat", Integer.MAX_VALUE, LabelFilter.none()).hits()).hasSize(2);
    }
  }

  @Test
  void emptyQueriesFindNothingAndSayWhy() {
    try (TextIndex index = newIndex()) {
      assertThat(index.search("zorblat", 3).hits()).isEmpty();
      assertThat(index.search("zorblat", 3).explanation().message()).isNotBlank();
      index.add("a", TextDocument.of("title", "zorblat"));
      var empty = index.search("   ", 3);
      assertThat(empty.hits()).isEmpty();
      assertThat(empty.explanation().message()).isNotBlank();
    }
  }

  @Test
  void labelFieldNamesAreMatchedExactlyAndAnUnknownFieldIsAnError() {
    try (TextIndex index = newIndex()) {
      assertThat(index.search("zorblat", 3, LabelFilter.anyOf("anything", "x")).hits()).as("an empty index refuses no field").isEmpty();
      index.add("a", TextDocument.of("title", "zorblat").withLabels(Labels.of("culture", "dutch", "medium", "oil")));
      index.add("b", TextDocument.of("title", "zorblat").withLabels(Labels.of("culture", "french")));
      index.add("c", TextDocument.of("title", "zorblat").withLabels(Labels.of("period", "qing")));
      assertThat(ids(index.search("zorblat", 5, LabelFilter.anyOf("culture", "dutch")))).containsExactly("a");
      assertThat(index.search("zorblat", 5, LabelFilter.anyOf("culture", "Dutch")).hits()).as("values are case-sensitive too").isEmpty();
      assertThatThrownBy(() -> index.search("zorblat", 5, LabelFilter.anyOf("Culture", "dutch")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("no document has label field 'Culture'; fields present: [culture, medium, period]")
          .hasMessageContaining("'culture'");
      assertThatThrownBy(() -> index.search("zorblat", 5, LabelFilter.anyOf("culture", "dutch").and("colour", "red")))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("no document has label field 'colour'");
      index.remove("c");
      assertThatThrownBy(() -> index.search("zorblat", 5, LabelFilter.anyOf("period", "qing")))
          .as("only the fields of documents still present count")
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("no document has label field 'period'; fields present: [culture, medium]");
    }
  }

  @Test
  void afterCloseEveryOperationOnContentThrowsClosedException() {
    TextIndex index = newIndex();
    index.add("a", TextDocument.of("title", "zorblat"));
    String kind = index.kind();
    index.close();
    index.close();
    assertThat(index.kind()).isEqualTo(kind);
    List<Runnable> operations =
        List.of(
            () -> index.search("zorblat", 3),
            () -> index.search("zorblat", 3, LabelFilter.none()),
            () -> index.add("b", TextDocument.of("title", "quenvix")),
            () -> index.addAll(Map.of("c", TextDocument.of("title", "quenvix"))),
            () -> index.put("a", TextDocument.of("title", "quenvix")),
            () -> index.remove("a"),
            () -> index.contains("a"),
            index::size,
            () -> index.save(tmp.resolve("closed.artsim")));
    for (Runnable op : operations) {
      assertThatThrownBy(op::run).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    }
    assertThat(Files.exists(tmp.resolve("closed.artsim"))).isFalse();
  }
}
