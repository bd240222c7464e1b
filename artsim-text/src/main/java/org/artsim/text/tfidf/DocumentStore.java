package org.artsim.text.tfidf;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.artsim.Labels;
import org.artsim.text.TfidfConfig;

/**
 * The documents of a text index as counted terms: per document its id, labels, candidate-term ids
 * (every n-gram, before vocabulary pruning), term frequencies and corpus-count contributions; the
 * {@link TermDictionary} numbering the terms; and how many documents carry each label field.
 *
 * <p>Removal moves the last document into the freed slot, so ordinals are dense. Terms of removed
 * documents stay in the dictionary until {@link #compactIfSparse} renumbers it. Not thread-safe:
 * the owning index guards it with its lock.
 */
final class DocumentStore {
  private final NgramCounter counter;
  private TermDictionary dict;
  private String[] ids = new String[16];
  private Labels[] labels = new Labels[16];
  private int[][] terms = new int[16][];
  private double[][] tf = new double[16][];
  private double[][] total = new double[16][];
  private int size;
  private final Map<String, Integer> ordinals = new HashMap<>();
  private final Map<String, Integer> labelFields = new HashMap<>();

  DocumentStore(TfidfConfig config, SklearnAnalyzer analyzer) {
    this.counter = new NgramCounter(config, analyzer);
    this.dict = new TermDictionary(analyzer.stopWords());
  }

  int size() {
    return size;
  }

  boolean contains(String id) {
    return ordinals.containsKey(id);
  }

  TermDictionary dictionary() {
    return dict;
  }

  String id(int doc) {
    return ids[doc];
  }

  Labels labels(int doc) {
    return labels[doc];
  }

  int[] terms(int doc) {
    return terms[doc];
  }

  double[] tf(int doc) {
    return tf[doc];
  }

  double[] total(int doc) {
    return total[doc];
  }

  /** The ids of documents {@code 0..size-1} (a copy). */
  String[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /** The labels of documents {@code 0..size-1} (a copy). */
  Labels[] labels() {
    return Arrays.copyOf(labels, size);
  }

  /** The label field names at least one document carries, sorted. */
  Set<String> labelFields() {
    return new TreeSet<>(labelFields.keySet());
  }

  /** Counts an analysed document's terms and appends it; the caller checked the id is absent. */
  void add(String id, AnalysedDocument document, Labels l) {
    NgramCounter.Counted c = counter.count(dict, document);
    addCounted(id, l, c.terms(), c.tf(), c.total());
  }

  /** Appends a document whose terms are already counted (ids of this store's dictionary). */
  void addCounted(String id, Labels l, int[] termIds, double[] termTf, double[] termTotal) {
    if (size == ids.length) {
      int cap = ids.length + (ids.length >> 1) + 16;
      ids = Arrays.copyOf(ids, cap);
      labels = Arrays.copyOf(labels, cap);
      terms = Arrays.copyOf(terms, cap);
      tf = Arrays.copyOf(tf, cap);
      total = Arrays.copyOf(total, cap);
    }
    Labels given = l == null ? Labels.none() : l;
    ids[size] = id;
    labels[size] = given;
    terms[size] = termIds;
    tf[size] = termTf;
    total[size] = termTotal;
    ordinals.put(id, size);
    size++;
    for (String field : given.values().keySet()) {
      labelFields.merge(field, 1, Integer::sum);
    }
  }

  /** Removes a document; false if the id is absent. */
  boolean remove(String id) {
    Integer boxed = ordinals.remove(id);
    if (boxed == null) {
      return false;
    }
    int ord = boxed;
    for (String field : labels[ord].values().keySet()) {
      labelFields.computeIfPresent(field, (f, n) -> n == 1 ? null : n - 1);
    }
    int last = size - 1;
    if (ord != last) {
      ids[ord] = ids[last];
      labels[ord] = labels[last];
      terms[ord] = terms[last];
      tf[ord] = tf[last];
      total[ord] = total[last];
      ordinals.put(ids[ord], ord);
    }
    ids[last] = null;
    labels[last] = null;
    terms[last] = null;
    tf[last] = null;
    total[last] = null;
    size = last;
    return true;
  }

  /** The number of documents holding each dictionary term. */
  int[] documentFrequencies() {
    int[] df = new int[dict.size()];
    for (int d = 0; d < size; d++) {
      for (int t : terms[d]) {
        df[t]++;
      }
    }
    return df;
  }

  /** The corpus count of each dictionary term, which {@code max_features} ranks terms by. */
  double[] corpusCounts() {
    double[] out = new double[dict.size()];
    for (int d = 0; d < size; d++) {
      for (int j = 0; j < terms[d].length; j++) {
        out[terms[d][j]] += total[d][j];
      }
    }
    return out;
  }

  /** The corpus counts of the given terms (0 for a term never seen). */
  double[] corpusCounts(String[] termStrings) {
    double[] all = corpusCounts();
    double[] out = new double[termStrings.length];
    for (int i = 0; i < termStrings.length; i++) {
      int t = dict.find(termStrings[i]);
      out[i] = t < 0 ? 0 : all[t];
    }
    return out;
  }

  /**
   * Renumbers the dictionary from the terms documents still hold when a large dictionary is at
   * least three quarters dead (after many removals).
   *
   * @param df the document frequency of every dictionary term
   * @return whether the dictionary was rebuilt (term ids changed)
   */
  boolean compactIfSparse(int[] df) {
    int live = 0;
    for (int d : df) {
      if (d > 0) {
        live++;
      }
    }
    if (df.length <= 4096 || live * 4 >= df.length) {
      return false;
    }
    var fresh = new TermDictionary(dict.stopWords());
    int[] remap = new int[df.length];
    Arrays.fill(remap, -1);
    for (int d = 0; d < size; d++) {
      int[] t = terms[d];
      for (int j = 0; j < t.length; j++) {
        if (remap[t[j]] < 0) {
          remap[t[j]] = fresh.intern(dict.term(t[j]));
        }
        t[j] = remap[t[j]];
      }
    }
    dict = fresh;
    counter.reset();
    return true;
  }
}
