package org.artsim.text.tfidf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.Labels;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.text.TfidfConfig;

/**
 * Writes and reads the payload of format {@value #FORMAT} (layout in {@link TfidfIndexProvider}).
 *
 * <p>Reading trusts nothing: every count and length is checked against the bytes that remain and
 * against a sane maximum before anything is allocated for it, every number must be finite and
 * positive where the format says so, and every reference (a document's term, a repeated id or term)
 * is checked, so a crafted file with a valid checksum still gives a {@link
 * org.artsim.FileFormatException}, never an unchecked JDK exception or an {@link OutOfMemoryError}.
 */
final class TfidfFileCodec {
  /** The container format name. */
  static final String FORMAT = Artsim.TEXT_INDEX_FORMAT_PREFIX + TfidfIndexProvider.NAME;
  /** The newest payload version this codec writes and reads. */
  static final int VERSION = 1;
  /** At most this many settings (a config has about 25). */
  static final int MAX_SETTINGS = 1024;
  /** At most this many candidate terms, documents or vocabulary columns. */
  static final int MAX_TERMS = 1 << 28;
  /**
   * The largest term frequency or corpus count a file may hold: far above any real one (2^31
   * occurrences times the largest field weight, 1e6) and far below where squares overflow.
   */
  static final double MAX_FREQUENCY = 1e18;
  /** The largest idf a file may hold ({@code ln(n) + 1} is below 23 for any int n). */
  static final double MAX_IDF = 1e6;
  /** At most this many words in one term (n-grams are 1 to 3 words). */
  static final int MAX_TERM_WORDS = 3;

  private TfidfFileCodec() {}

  /** Writes the config, candidate terms, documents and the model's vocabulary with idf. */
  static void write(BinaryOut out, TfidfConfig config, DocumentStore store, boolean fixed, FittedModel m) throws IOException {
    Map<String, String> settings = config.toSettings();
    out.writeInt(settings.size());
    for (var e : settings.entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
    TermDictionary dict = store.dictionary();
    int[] remap = new int[dict.size()];
    java.util.Arrays.fill(remap, -1);
    var live = new ArrayList<String>();
    for (int d = 0; d < store.size(); d++) {
      for (int t : store.terms(d)) {
        if (remap[t] < 0) {
          remap[t] = live.size();
          live.add(dict.term(t));
        }
      }
    }
    out.writeInt(live.size());
    for (String t : live) {
      out.writeString(t);
    }
    out.writeInt(store.size());
    int[] mapped = new int[0];
    for (int d = 0; d < store.size(); d++) {
      out.writeString(store.id(d));
      out.writeLabels(store.labels(d));
      int[] t = store.terms(d);
      out.writeInt(t.length);
      if (mapped.length < t.length) {
        mapped = new int[t.length];
      }
      for (int j = 0; j < t.length; j++) {
        mapped[j] = remap[t[j]];
      }
      out.writeInts(mapped, 0, t.length);
      for (double v : store.tf(d)) {
        out.writeDouble(v);
      }
      for (double v : store.total(d)) {
        out.writeDouble(v);
      }
    }
    out.writeBoolean(fixed);
    out.writeInt(m.terms.length);
    for (int c = 0; c < m.terms.length; c++) {
      out.writeString(m.terms[c]);
      out.writeDouble(m.idf[c]);
    }
  }

  /** Reads an index written by {@link #write}. */
  static TfidfTextIndex read(BinaryIn in, int version) throws IOException {
    TfidfConfig config = readConfig(in);
    var analyzer = new SklearnAnalyzer(config);
    var store = new DocumentStore(config, analyzer);
    int nTerms = in.readCount("term", MAX_TERMS, 4);
    int[] termIdOf = new int[nTerms];
    var seenTerms = new HashSet<String>();
    for (int i = 0; i < nTerms; i++) {
      String t = in.readString();
      if (!wellFormedTerm(t) || !seenTerms.add(t)) {
        throw in.corrupt("term " + i + " of " + nTerms + " is missing, malformed or repeated");
      }
      termIdOf[i] = store.dictionary().intern(t);
    }
    int nDocs = in.readCount("document", MAX_TERMS, 12);
    for (int d = 0; d < nDocs; d++) {
      readDocument(in, store, d, termIdOf);
    }
    boolean fixed = in.readBoolean();
    int nCols = in.readCount("vocabulary term", MAX_TERMS, 12);
    String[] vocab = new String[nCols];
    double[] idf = new double[nCols];
    var seen = new HashSet<String>();
    for (int c = 0; c < nCols; c++) {
      vocab[c] = in.readString();
      idf[c] = in.readDouble();
      if (!wellFormedTerm(vocab[c]) || !seen.add(vocab[c]) || !(idf[c] > 0 && idf[c] <= MAX_IDF)) {
        throw in.corrupt("vocabulary column " + c + " is missing, malformed, repeated or has an idf outside (0, " + MAX_IDF + "]");
      }
    }
    int[] termOf = new int[nCols];
    for (int c = 0; c < nCols; c++) {
      termOf[c] = store.dictionary().find(vocab[c]);
    }
    FixedVocabulary fixedVocabulary = fixed ? new FixedVocabulary(vocab, idf) : null;
    FittedModel model = new ModelFitter(config).build(store, vocab, termOf, idf, store.documentFrequencies());
    return new TfidfTextIndex(config, analyzer, store, fixedVocabulary, model);
  }

  private static TfidfConfig readConfig(BinaryIn in) throws IOException {
    int nSettings = in.readCount("setting", MAX_SETTINGS, 8);
    var settings = new LinkedHashMap<String, String>();
    for (int i = 0; i < nSettings; i++) {
      String k = in.readString();
      String v = in.readString();
      if (k == null || v == null || settings.put(k, v) != null) {
        throw in.corrupt("setting " + i + " is missing or repeated");
      }
    }
    try {
      return TfidfConfig.parse(settings);
    } catch (RuntimeException e) {
      throw in.corrupt("its settings are invalid (" + e.getMessage() + ")");
    }
  }

  private static void readDocument(BinaryIn in, DocumentStore store, int d, int[] termIdOf) throws IOException {
    String id = in.readString();
    if (id == null || store.contains(id)) {
      throw in.corrupt("the id of document " + d + " is missing or repeated");
    }
    Labels l = in.readLabels();
    int n = in.readCount("document term", termIdOf.length, 20);
    int[] terms = new int[n];
    in.readInts(terms, 0, n);
    var seen = new HashSet<Integer>();
    for (int j = 0; j < n; j++) {
      if (terms[j] < 0 || terms[j] >= termIdOf.length || !seen.add(terms[j])) {
        throw in.corrupt("document '" + id + "' refers to term " + terms[j] + " of " + termIdOf.length + " or repeats it");
      }
      terms[j] = termIdOf[terms[j]];
    }
    double[] tf = readPositive(in, n, id);
    double[] total = readPositive(in, n, id);
    store.addCounted(id, l, terms, tf, total);
  }

  private static double[] readPositive(BinaryIn in, int n, String id) throws IOException {
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      out[j] = in.readDouble();
      if (!(out[j] > 0 && out[j] <= MAX_FREQUENCY)) {
        throw in.corrupt("document '" + id + "' has a term frequency " + out[j] + " outside (0, " + MAX_FREQUENCY + "]");
      }
    }
    return out;
  }

  /** Whether a stored term is 1 to 3 non-empty words separated by single spaces. */
  private static boolean wellFormedTerm(String t) {
    if (t == null || t.isEmpty() || t.startsWith(" ") || t.endsWith(" ") || t.contains("  ")) {
      return false;
    }
    int words = 1;
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) == ' ' && ++words > MAX_TERM_WORDS) {
        return false;
      }
    }
    return true;
  }
}
