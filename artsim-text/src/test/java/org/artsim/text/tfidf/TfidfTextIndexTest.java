package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.DuplicateIdException;
import org.artsim.FileFormatException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.TermRewrite;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.TextSearchResult;
import org.artsim.text.TfidfConfig;
import org.artsim.text.TfidfConfig.Stemming;
import org.artsim.text.TfidfConfig.StopWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfidfTextIndexTest {
  /** Literal English settings without corpus-size limits, for small test corpora. */
  private static final TfidfConfig LITERAL = TfidfConfig.sklearnDefaults().withStopWords(StopWords.ENGLISH).withNgramRange(1, 2);
  /** The same with every forgiving option on. */
  private static final TfidfConfig FORGIVING =
      LITERAL.withTypoMaxEdits(2).withTypoPrefixLength(1).withStemming(Stemming.ENGLISH).withPrefixMinLength(5);

  private static final Map<String, TextDocument> MUSEUM = museum();

  private static Map<String, TextDocument> museum() {
    var m = new LinkedHashMap<String, TextDocument>();
    m.put("p1", TextDocument.of("title", "Still Life with a Guitar", "artist", "Pablo Picasso", "culture", "Spanish").withLabels(Labels.of("culture", "spanish")));
    m.put("p2", TextDocument.of("title", "Les Demoiselles d'Avignon", "artist", "Pablo Picasso").withLabels(Labels.of("culture", "spanish")));
    m.put("b1", TextDocument.of("title", "Violin and Candlestick", "artist", "Georges Braque").withLabels(Labels.of("culture", "french")));
    m.put("ph1", TextDocument.of("title", "Photograph of the harbour", "medium", "gelatin silver photograph").withLabels(Labels.of("culture", "american")));
    m.put("ph2", TextDocument.of("title", "Photographs of Paris streets", "medium", "albumen print").withLabels(Labels.of("culture", "french")));
    m.put("ph3", TextDocument.of("title", "Photographer at work", "medium", "photography").withLabels(Labels.of("culture", "american")));
    m.put("v1", TextDocument.of("title", "Vase", "culture", "Chinese", "period", "Qing dynasty").withLabels(Labels.of("culture", "chinese")));
    m.put("v2", TextDocument.of("title", "Ancient vase with dragons", "culture", "Chinese").withLabels(Labels.of("culture", "chinese")));
    m.put("j1", TextDocument.of("title", "Great Wave", "artist", "Hokusai", "medium", "woodblock print").withLabels(Labels.of("culture", "japanese")));
    m.put("j2", TextDocument.of("title", "Plum Garden", "artist", "Hiroshige", "medium", "woodblock print").withLabels(Labels.of("culture", "japanese")));
    m.put("c1", TextDocument.of("title", "胡正言 十竹齋書畫譜", "medium", "woodblock print").withLabels(Labels.of("culture", "chinese")));
    m.put("u1", TextDocument.of("title", "Area x² diagram", "place", "İstanbul", "note", "cafe\u0301 au lait, snake_case_name 🎨"));
    return m;
  }

  private static TextIndex index(TfidfConfig config) {
    TextIndex index = new TfidfIndexProvider().create(config);
    index.addAll(MUSEUM);
    return index;
  }

  private static List<String> ids(TextSearchResult r) {
    return r.hits().stream().map(Hit::id).toList();
  }

  @Test
  void typoIsRewrittenToTheClosestVocabularyWord() {
    var r = index(FORGIVING).search("picaso", 10);
    assertThat(ids(r)).containsExactlyInAnyOrder("p1", "p2");
    assertThat(r.explanation().rewrites()).containsExactly(new TermRewrite("picaso", List.of("picasso"), "typo"));
    assertThat(r.explanation().message()).contains("picaso -> [picasso] (typo)");
    var twoEdits = index(FORGIVING).search("hokusia woodblok", 10);
    assertThat(ids(twoEdits)).first().isEqualTo("j1");
  }

  @Test
  void wordsPrunedFromTheVocabularyAreNotTreatedAsTypos() {
    var index = index(FORGIVING.withMinDf(TfidfConfig.DocumentFrequency.count(2)));
    var r = index.search("hokusai", 10);
    assertThat(r.hits()).isEmpty();
    assertThat(r.explanation().rewrites()).isEmpty();
    assertThat(r.explanation().ignoredTerms()).containsExactly("hokusai");
    assertThat(r.explanation().message()).isEqualTo("no usable term: 'hokusai' occurs in the documents but not in the vocabulary (pruned by min_df=2, max_df=1.0)");
    var typo = index.search("woodblok", 10);
    assertThat(typo.explanation().rewrites()).containsExactly(new TermRewrite("woodblok", List.of("woodblock"), "typo"));
  }

  @Test
  void theDefaultsFindAWordThatOccursOnceAndTheReferencePresetPrunesIt() {
    var docs = new LinkedHashMap<String, TextDocument>();
    docs.put("a", TextDocument.of("title", "Portrait of a man, dated 1613"));
    docs.put("b", TextDocument.of("title", "Portrait of a woman"));
    docs.put("c", TextDocument.of("title", "Still life"));
    var defaults = new TfidfIndexProvider().create(TfidfConfig.defaults());
    defaults.addAll(docs);
    assertThat(ids(defaults.search("1613", 5))).containsExactly("a");
    var reference = new TfidfIndexProvider().create(TfidfConfig.reference());
    reference.addAll(docs);
    var pruned = reference.search("1613", 5);
    assertThat(pruned.hits()).isEmpty();
    assertThat(pruned.explanation().message())
        .isEqualTo("no usable term: '1613' occurs in the documents but not in the vocabulary (pruned by min_df=2, max_df=1.0, max_features=15000)");
  }

  @Test
  void literalQueriesDoNotForgiveTypos() {
    var r = index(LITERAL).search("picaso", 10);
    assertThat(r.hits()).isEmpty();
    assertThat(r.explanation().ignoredTerms()).containsExactly("picaso");
    assertThat(r.explanation().message()).isEqualTo("no usable term: 'picaso' is not in the vocabulary");
  }

  @Test
  void shortWordsAreNotTypoCorrected() {
    var index = index(FORGIVING);
    assertThat(index.search("vas", 10).explanation().rewrites()).containsExactly(new TermRewrite("vas", List.of("vase"), "typo"));
    var twoEditsInFourLetters = index.search("vxsx", 10);
    assertThat(twoEditsInFourLetters.hits()).isEmpty();
    assertThat(twoEditsInFourLetters.explanation().rewrites()).isEmpty();
    assertThat(index.search("wa", 10).explanation().rewrites()).isEmpty();
  }

  @Test
  void stemmingMakesPhotographVariantsMeet() {
    var index = index(FORGIVING);
    var r = index.search("photographs", 10);
    assertThat(ids(r)).contains("ph1", "ph2");
    assertThat(ids(r).get(0)).isEqualTo("ph2");
    assertThat(r.explanation().rewrites()).anySatisfy(w -> {
      assertThat(w.term()).isEqualTo("photographs");
      assertThat(w.reason()).isEqualTo("stem");
      assertThat(w.replacements()).contains("photograph");
    });
    var photo = index.search("photo", 10);
    assertThat(ids(photo)).contains("ph1", "ph2", "ph3");
    assertThat(photo.explanation().rewrites()).extracting(TermRewrite::reason).contains("prefix");
    var literal = index(LITERAL).search("photographs", 10);
    assertThat(ids(literal)).containsExactly("ph2");
  }

  @Test
  void emptyAndStopWordOnlyQueriesSayWhy() {
    var index = index(FORGIVING);
    var empty = index.search("   ", 5);
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.explanation().message()).isEqualTo("the query is empty; type one or more words");
    var stop = index.search("the THE of", 5);
    assertThat(stop.hits()).isEmpty();
    assertThat(stop.explanation().ignoredTerms()).containsExactly("the", "of");
    assertThat(stop.explanation().message()).isEqualTo("no usable term: 'the', 'of' are stop words");
    var punctuation = index.search("?!… — 🎨", 5);
    assertThat(punctuation.hits()).isEmpty();
    assertThat(punctuation.explanation().message()).isEqualTo("the query has no words");
    var single = index.search("a I x", 5);
    assertThat(single.explanation().message()).contains("too short to be a word");
    var unknown = index.search("qwzxv", 5);
    assertThat(unknown.explanation().message()).isEqualTo("no usable term: 'qwzxv' is not in the vocabulary and nothing close is");
  }

  @Test
  void emptyIndexSaysSo() {
    var r = new TfidfIndexProvider().create(FORGIVING).search("vase", 3);
    assertThat(r.hits()).isEmpty();
    assertThat(r.explanation().message()).isEqualTo("the index is empty; add documents before searching");
  }

  @Test
  void unicodeWordsFollowPythonsRules() {
    var index = index(LITERAL);
    assertThat(ids(index.search("x²", 5))).containsExactly("u1");
    assertThat(ids(index.search("İstanbul", 5))).containsExactly("u1");
    assertThat(index.search("İstanbul", 5).explanation().matchedTerms()).containsExactly("stanbul");
    assertThat(ids(index.search("cafe", 5))).containsExactly("u1");
    assertThat(ids(index.search("snake_case_name", 5))).containsExactly("u1");
    assertThat(ids(index.search("胡正言", 5))).containsExactly("c1");
    assertThat(ids(index.search("十竹齋書畫譜 woodblock", 5))).first().isEqualTo("c1");
  }

  @Test
  void tokenizerMatchesPythonOnKnownCorners() {
    var a = new SklearnAnalyzer(TfidfConfig.sklearnDefaults());
    assertThat(a.tokens("Murphy's law")).containsExactly("murphy", "law");
    assertThat(a.tokens("x² + y²")).containsExactly("x²", "y²");
    assertThat(a.tokens("cafe\u0301 café")).containsExactly("cafe", "café");
    assertThat(a.tokens("İstanbul")).containsExactly("stanbul");
    assertThat(a.tokens("__init__ a_b 𝔄𝔯𝔱 Ⅻ½")).containsExactly("__init__", "a_b", "𝔄𝔯𝔱", "ⅻ½");
    var bigrams = new SklearnAnalyzer(TfidfConfig.reference());
    var terms = new java.util.ArrayList<String>();
    bigrams.analyze("Bank of America", terms::add);
    assertThat(terms).containsExactly("bank", "america", "bank america");
  }

  @Test
  void codePointOrderDiffersFromUtf16OrderOnlyWhereItShould() {
    for (long seed : org.artsim.testing.Seeds.stream("codepoints", 20).toArray()) {
      var rnd = new java.util.SplittableRandom(seed);
      int[] pool = {'a', 'z', 0xE9, 0xFB01, 0xFF21, 0x1D504, 0x1F3A8, 0x10400, 0xD7FF};
      for (int i = 0; i < 200; i++) {
        String x = randomString(rnd, pool);
        String y = randomString(rnd, pool);
        int expected = Integer.signum(compareByCodePoints(x, y));
        assertThat(Integer.signum(CodePoints.compare(x, y))).as("%s vs %s, seed %d", x, y, seed).isEqualTo(expected);
      }
    }
  }

  private static String randomString(java.util.SplittableRandom rnd, int[] pool) {
    var sb = new StringBuilder();
    int n = rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(pool[rnd.nextInt(pool.length)]);
    }
    return sb.toString();
  }

  private static int compareByCodePoints(String x, String y) {
    int[] a = x.codePoints().toArray();
    int[] b = y.codePoints().toArray();
    return java.util.Arrays.compare(a, b);
  }

  @Test
  void veryLongDocumentsAreIndexed() {
    var index = new TfidfIndexProvider().create(LITERAL.withMaxQueryChars(300_000));
    var sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("word").append(i % 5000).append(' ');
    }
    sb.append("needle");
    index.add("long", TextDocument.of(sb.toString()));
    index.add("huge-token", TextDocument.of("x".repeat(200_000) + " needle"));
    index.add("short", TextDocument.of("haystack word17"));
    var r = index.search("needle", 5);
    assertThat(ids(r)).containsExactlyInAnyOrder("long", "huge-token");
    assertThat(ids(index.search("word17", 5))).containsExactly("short", "long");
    assertThat(ids(index.search("x".repeat(200_000), 5))).containsExactly("huge-token");
  }

  @Test
  void fieldWeightsRankTheWeightedFieldFirst() {
    var docs = new LinkedHashMap<String, TextDocument>();
    docs.put("a", TextDocument.of("title", "Picasso", "description", "a blue vase"));
    docs.put("b", TextDocument.of("title", "A blue vase", "description", "after Picasso"));
    docs.put("c", TextDocument.of("title", "Unrelated landscape", "description", "hills"));
    var together = new TfidfIndexProvider().create(LITERAL);
    together.addAll(docs);
    var weighted = new TfidfIndexProvider().create(LITERAL.withFieldWeights(Map.of("title", 3.0)));
    weighted.addAll(docs);
    var t1 = together.search("picasso", 5).hits();
    var w1 = weighted.search("picasso", 5).hits();
    assertThat(w1).extracting(Hit::id).containsExactly("a", "b");
    assertThat(w1.get(0).score()).isGreaterThan(w1.get(1).score());
    assertThat(weighted.search("vase", 5).hits()).extracting(Hit::id).containsExactly("b", "a");
    // together, both documents hold picasso once: equal term weight, ranked by their other words
    assertThat(t1).extracting(Hit::id).containsExactlyInAnyOrder("a", "b");
    // analysed together, a bigram crosses the field boundary; weighted fields never do
    assertThat(together.search("picasso blue", 5).explanation().matchedTerms()).contains("picasso blue");
    assertThat(weighted.search("picasso blue", 5).explanation().matchedTerms()).doesNotContain("picasso blue");
  }

  @Test
  void onlyTheConfiguredFieldsAreRead() {
    var index = new TfidfIndexProvider().create(LITERAL.withFields("title", "artist"));
    index.addAll(MUSEUM);
    assertThat(ids(index.search("picasso", 5))).containsExactlyInAnyOrder("p1", "p2");
    assertThat(index.search("gelatin", 5).hits()).isEmpty();
  }

  @Test
  void labelFilterIsAppliedDuringTheSearch() {
    var index = index(FORGIVING);
    var r = index.search("woodblock print", 2, LabelFilter.anyOf("culture", "japanese"));
    assertThat(ids(r)).containsExactlyInAnyOrder("j1", "j2");
    assertThat(r.hits()).allSatisfy(h -> assertThat(h.label("culture")).isEqualTo("japanese"));
    var chinese = index.search("woodblock print", 5, LabelFilter.anyOf("culture", "chinese"));
    assertThat(ids(chinese)).containsExactly("c1");
    var none = index.search("woodblock", 5, LabelFilter.anyOf("culture", "martian"));
    assertThat(none.hits()).isEmpty();
    assertThat(none.explanation().message()).startsWith("3 document(s) contain the query terms but none passes LabelFilter{culture=[martian]}");
  }

  @Test
  void aWronglyCasedLabelFieldIsRefusedWithTheNearMatch() {
    var index = index(FORGIVING);
    assertThatThrownBy(() -> index.search("woodblock", 5, LabelFilter.anyOf("Culture", "japanese")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no document has label field 'Culture'; fields present: [culture]; did you mean 'culture'? Label field names are case-sensitive");
    assertThatThrownBy(() -> index.search("woodblock", 5, LabelFilter.anyOf("medium", "oil")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no document has label field 'medium'; fields present: [culture]");
  }

  @Test
  void useAfterCloseSaysTheIndexIsClosed() {
    var index = index(FORGIVING);
    index.close();
    assertThatThrownBy(() -> index.search("vase", 5))
        .isInstanceOf(org.artsim.ClosedException.class)
        .hasMessage("text index 'tfidf' is closed; create or load a new one to go on");
  }

  @Test
  void tiesAreOrderedById() {
    var index = new TfidfIndexProvider().create(LITERAL);
    for (String id : List.of("d", "b", "a", "c")) {
      index.add(id, TextDocument.of("same words here"));
    }
    index.add("e", TextDocument.of("other text"));
    assertThat(ids(index.search("words", 3))).containsExactly("a", "b", "c");
  }

  @Test
  void duplicateIdsAreRejectedAndNothingIsAdded() {
    var index = index(LITERAL);
    assertThatThrownBy(() -> index.add("p1", TextDocument.of("x")))
        .isInstanceOf(DuplicateIdException.class)
        .hasMessage("id 'p1' is already in the text index; use put(...) to replace it or remove it first");
    var batch = new LinkedHashMap<String, TextDocument>();
    batch.put("new1", TextDocument.of("fresh words"));
    batch.put("p2", TextDocument.of("again"));
    int before = index.size();
    assertThatThrownBy(() -> index.addAll(batch)).isInstanceOf(DuplicateIdException.class).hasMessageContaining("'p2'");
    assertThat(index.size()).isEqualTo(before);
    assertThat(index.contains("new1")).isFalse();
    assertThat(index.put("p1", TextDocument.of("replaced entirely"))).isTrue();
    assertThat(index.search("guitar", 5).hits()).isEmpty();
    assertThat(ids(index.search("replaced", 5))).containsExactly("p1");
  }

  @Test
  void badArgumentsAreRejected() {
    var index = index(LITERAL);
    assertThatThrownBy(() -> index.search(null, 5))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("query is null; pass the words to search for (an empty string finds nothing)");
    assertThatThrownBy(() -> index.search("vase", 0)).isInstanceOf(InvalidArgumentException.class).hasMessage("k must be at least 1, got 0; ask for one or more hits");
    assertThatThrownBy(() -> index.add(null, TextDocument.of("x"))).isInstanceOf(InvalidArgumentException.class).hasMessage("id is null; give every document an id");
    assertThatThrownBy(() -> index.add("z", null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("document for 'z' is null; pass a TextDocument (TextDocument.of(\"text\"))");
    assertThatThrownBy(() -> index.search("vase", 5, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("filter is null; pass LabelFilter.none() to search every document");
    assertThatThrownBy(() -> index.remove(null)).isInstanceOf(InvalidArgumentException.class).hasMessage("id is null; pass the id of a document");
    assertThatThrownBy(() -> index.contains(null)).isInstanceOf(InvalidArgumentException.class).hasMessage("id is null; pass the id of a document");
    assertThatThrownBy(() -> index.addAll(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("documents is null; pass a map from id to TextDocument");
    var withNull = new java.util.HashMap<String, TextDocument>();
    withNull.put("n", null);
    assertThatThrownBy(() -> index.addAll(withNull))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("document for 'n' is null; pass a TextDocument (TextDocument.of(\"text\"))");
    assertThat(ids(index.search("vase", Integer.MAX_VALUE))).containsExactlyInAnyOrder("v1", "v2");
  }

  @Test
  void removedDocumentsNeverComeBack() {
    var index = index(FORGIVING);
    assertThat(index.remove("p1")).isTrue();
    assertThat(index.remove("p1")).isFalse();
    assertThat(index.remove("never")).isFalse();
    assertThat(index.contains("p1")).isFalse();
    assertThat(ids(index.search("picasso guitar", 10))).containsExactly("p2");
    assertThat(index.size()).isEqualTo(MUSEUM.size() - 1);
  }

  @Test
  void saveAndLoadGiveIdenticalResults(@TempDir Path dir) {
    var index = index(FORGIVING);
    index.remove("b1");
    Path file = dir.resolve("museum.artsim");
    index.save(file);
    assertThat(org.artsim.io.ArtsimFiles.peek(file).format()).isEqualTo(new TfidfIndexProvider().formatName()).isEqualTo("artsim.text.tfidf");
    assertThat(new TfidfIndexProvider().module()).isEqualTo("org.artsim:artsim-text");
    TextIndex loaded = Artsim.loadTextIndex(file);
    assertThat(loaded.kind()).isEqualTo("tfidf");
    assertThat(loaded.size()).isEqualTo(index.size());
    for (String q : List.of("picaso", "photographs", "woodblock print", "胡正言", "vase chinese", "the")) {
      assertThat(loaded.search(q, 5)).as(q).isEqualTo(index.search(q, 5));
    }
    assertThat(loaded.search("print", 5, LabelFilter.anyOf("culture", "japanese"))).isEqualTo(index.search("print", 5, LabelFilter.anyOf("culture", "japanese")));
    loaded.add("b1", MUSEUM.get("b1"));
    var fresh = index(FORGIVING);
    for (String q : List.of("braque violin", "picasso", "print")) {
      assertThat(loaded.search(q, 5).hits()).as(q).isEqualTo(fresh.search(q, 5).hits());
    }
  }

  @Test
  void aFixedVocabularySurvivesSaveAndLoad(@TempDir Path dir) {
    var index = new TfidfTextIndex(LITERAL);
    index.addAll(MUSEUM);
    index.useVocabulary(new String[] {"picasso", "vase"}, new double[] {2.0, 3.0});
    index.save(dir.resolve("fixed"));
    var loaded = (TfidfTextIndex) new TfidfIndexProvider().load(dir.resolve("fixed"));
    assertThat(loaded.fittedModel().terms).containsExactly("picasso", "vase");
    loaded.add("extra", TextDocument.of("guitar vase"));
    assertThat(loaded.fittedModel().idf).containsExactly(2.0, 3.0);
  }

  @Test
  void corruptFilesAreRefused(@TempDir Path dir) throws IOException {
    var index = index(LITERAL);
    Path file = dir.resolve("t.artsim");
    index.save(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x40;
    Path bad = dir.resolve("bad.artsim");
    Files.write(bad, bytes);
    assertThatThrownBy(() -> Artsim.loadTextIndex(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("is corrupted: its checksum does not match");
    Path cut = dir.resolve("cut.artsim");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(file), bytes.length - 20));
    assertThatThrownBy(() -> Artsim.loadTextIndex(cut)).isInstanceOf(FileFormatException.class).hasMessageContaining("is truncated");
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "hello, not an index");
    assertThatThrownBy(() -> new TfidfIndexProvider().load(text)).isInstanceOf(FileFormatException.class).hasMessageContaining("is not an artsim file");
  }

  @Test
  void createdByNameThroughTheRegistry() {
    TextIndex byName = Artsim.textIndex("tfidf", Map.of("preset", "sklearn", "stop_words", "english"));
    byName.addAll(MUSEUM);
    assertThat(byName.kind()).isEqualTo("tfidf");
    assertThat(ids(byName.search("guitar", 3))).containsExactly("p1");
    assertThat(Artsim.textIndex("tfidf").toString()).startsWith("TfidfTextIndex[size=0");
  }
}
