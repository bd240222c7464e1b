package org.artsim.text.tfidf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.artsim.Artsim;
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
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.text.TfidfConfig;

/**
 * TF-IDF keyword search that reproduces scikit-learn's {@code TfidfVectorizer} (Salton &amp;
 * Buckley 1988, "Term-weighting approaches in automatic text retrieval",
 * doi:10.1016/0306-4573(88)90021-0) and scores with an inverted index.
 *
 * <p>Each document is kept as its analysed term counts (every candidate n-gram, before vocabulary
 * pruning). The fitted model &mdash; vocabulary, idf and the L2-normalised document rows stored as
 * postings per column &mdash; is rebuilt from those counts lazily, by the first search after any
 * change, so a search always sees exactly what a fresh fit over the current documents gives.
 * Batch changes with {@link #addAll}: interleaving single adds and searches refits each time
 * (O(total term occurrences) per refit). A search touches only the postings of its query terms.
 *
 * <p>A read-write lock lets searches run in parallel; changes and the refit take the write lock.
 */
final class TfidfTextIndex implements TextIndex {
  static final String FORMAT = Artsim.TEXT_INDEX_FORMAT_PREFIX + TfidfIndexProvider.NAME;
  static final int FORMAT_VERSION = 1;

  private final TfidfConfig config;
  private final SklearnAnalyzer analyzer;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private String[] ids = new String[16];
  private Labels[] labels = new Labels[16];
  /** Per document: candidate-term ids, term frequency (after binary/sublinear and field weights), and count for max_features. */
  private int[][] docTerms = new int[16][];
  private double[][] docTf = new double[16][];
  private double[][] docTotal = new double[16][];
  private int size;
  private final Map<String, Integer> ordinals = new HashMap<>();

  /** Every candidate term seen (terms of removed documents stay until a refit finds most terms dead and compacts). */
  private TermDictionary dict;
  /** Per-term scratch for counting one document; all zero between documents. */
  private int[] scratchCount = new int[0];
  private double[] scratchTf = new double[0];
  private double[] scratchTotal = new double[0];
  private int[] fieldTouched = new int[64];
  private int[] docTouched = new int[64];

  /** A vocabulary and idf given from outside (a loaded file or a test), used instead of fitting while set. */
  private String[] fixedTerms;
  private double[] fixedIdf;

  /** The fitted model, or null when documents changed since the last fit. */
  private Model model;

  TfidfTextIndex(TfidfConfig config) {
    this.config = config;
    this.analyzer = new SklearnAnalyzer(config);
    this.dict = new TermDictionary(analyzer.stopWords());
  }

  TfidfConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return TfidfIndexProvider.NAME;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  // ------------------------------------------------------------------ analysis

  /** A document's analysed fields (pre-processed: lower-cased when configured) and their weights; made outside the lock. */
  private record Analysed(List<String> fields, double[] weights) {}

  private Analysed analyse(String id, TextDocument document) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give every document an id");
    }
    if (document == null) {
      throw new InvalidArgumentException("document for '" + id + "' is null; pass a TextDocument (TextDocument.of(\"text\"))");
    }
    List<String> names = config.fields().isEmpty() ? List.copyOf(document.fields().keySet()) : config.fields();
    if (config.fieldWeights().isEmpty()) {
      var sb = new StringBuilder();
      for (String f : names) {
        String text = document.field(f);
        if (text != null) {
          if (!sb.isEmpty()) {
            sb.append(' ');
          }
          sb.append(text);
        }
      }
      return new Analysed(List.of(analyzer.preprocess(sb.toString())), new double[] {1.0});
    }
    var fields = new ArrayList<String>();
    var weights = new double[names.size()];
    for (String f : names) {
      String text = document.field(f);
      if (text != null) {
        weights[fields.size()] = config.weightOf(f);
        fields.add(analyzer.preprocess(text));
      }
    }
    return new Analysed(fields, Arrays.copyOf(weights, fields.size()));
  }

  /** scikit-learn's term-frequency transform: binary, then sublinear {@code 1 + ln(tf)}. */
  private double tfWeight(double count) {
    double c = config.binary() ? 1 : count;
    return config.sublinearTf() ? 1 + Math.log(c) : c;
  }

  // ------------------------------------------------------------------ changes

  @Override
  public void add(String id, TextDocument document) {
    Analysed a = analyse(id, document);
    lock.writeLock().lock();
    try {
      if (ordinals.containsKey(id)) {
        throw duplicate(id);
      }
      append(id, a, document.labels());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static DuplicateIdException duplicate(String id) {
    return new DuplicateIdException("id '" + id + "' is already in the text index; use put(...) to replace it or remove it first");
  }

  @Override
  public void addAll(Map<String, TextDocument> documents) {
    if (documents == null) {
      throw new InvalidArgumentException("documents is null; pass a map from id to TextDocument");
    }
    var ids = new ArrayList<String>(documents.size());
    var analysed = new ArrayList<Analysed>(documents.size());
    var docs = new ArrayList<TextDocument>(documents.size());
    for (var e : documents.entrySet()) {
      ids.add(e.getKey());
      analysed.add(analyse(e.getKey(), e.getValue()));
      docs.add(e.getValue());
    }
    lock.writeLock().lock();
    try {
      for (String id : ids) {
        if (ordinals.containsKey(id)) {
          throw duplicate(id);
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        append(ids.get(i), analysed.get(i), docs.get(i).labels());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean put(String id, TextDocument document) {
    Analysed a = analyse(id, document);
    lock.writeLock().lock();
    try {
      boolean replaced = removeLocked(id);
      append(id, a, document.labels());
      return replaced;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean remove(String id) {
    if (id == null) {
      return false;
    }
    lock.writeLock().lock();
    try {
      return removeLocked(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private boolean removeLocked(String id) {
    Integer boxed = ordinals.remove(id);
    if (boxed == null) {
      return false;
    }
    int ord = boxed;
    int last = size - 1;
    if (ord != last) {
      ids[ord] = ids[last];
      labels[ord] = labels[last];
      docTerms[ord] = docTerms[last];
      docTf[ord] = docTf[last];
      docTotal[ord] = docTotal[last];
      ordinals.put(ids[ord], ord);
    }
    ids[last] = null;
    labels[last] = null;
    docTerms[last] = null;
    docTf[last] = null;
    docTotal[last] = null;
    size = last;
    model = null;
    return true;
  }

  /**
   * Counts a document's n-grams into term ids (under the write lock) and appends it: per field,
   * {@code tf += weight * g(count)} and {@code total += weight * (binary ? 1 : count)}.
   */
  private void append(String id, Analysed a, Labels l) {
    int nDoc = 0;
    int min = config.ngramMin();
    int max = config.ngramMax();
    for (int f = 0; f < a.fields().size(); f++) {
      int n = tokenize(a.fields().get(f));
      int[] toks = tokenBuffer;
      int nField = 0;
      for (int i = 0; i < n; i++) {
        int t = -1;
        for (int len = 1; len <= max && i + len <= n; len++) {
          t = dict.gram(t, toks[i + len - 1]);
          if (len >= min) {
            if (t >= scratchCount.length) {
              growScratch(dict.size());
            }
            if (scratchCount[t]++ == 0) {
              if (nField == fieldTouched.length) {
                fieldTouched = Arrays.copyOf(fieldTouched, nField * 2);
              }
              fieldTouched[nField++] = t;
            }
          }
        }
      }
      double w = a.weights()[f];
      for (int j = 0; j < nField; j++) {
        int t = fieldTouched[j];
        int c = scratchCount[t];
        scratchCount[t] = 0;
        if (scratchTf[t] == 0) {
          if (nDoc == docTouched.length) {
            docTouched = Arrays.copyOf(docTouched, nDoc * 2);
          }
          docTouched[nDoc++] = t;
        }
        scratchTf[t] += w * tfWeight(c);
        scratchTotal[t] += w * (config.binary() ? 1 : c);
      }
    }
    int[] terms = Arrays.copyOf(docTouched, nDoc);
    double[] tf = new double[nDoc];
    double[] total = new double[nDoc];
    for (int j = 0; j < nDoc; j++) {
      int t = terms[j];
      tf[j] = scratchTf[t];
      total[j] = scratchTotal[t];
      scratchTf[t] = 0;
      scratchTotal[t] = 0;
    }
    appendCounted(id, l, terms, tf, total);
  }

  private int[] tokenBuffer = new int[256];
  private int tokenBufferSize;

  /** Token ids of a pre-processed text, stop words left out, into {@link #tokenBuffer}; returns the count. */
  private int tokenize(String text) {
    tokenBufferSize = 0;
    int minLength = analyzer.minTokenLength();
    SklearnAnalyzer.runs(
        text,
        (t, s, e, cps) -> {
          if (cps >= minLength) {
            int id = dict.token(t, s, e);
            if (!dict.isStopWord(id)) {
              if (tokenBufferSize == tokenBuffer.length) {
                tokenBuffer = Arrays.copyOf(tokenBuffer, tokenBufferSize * 2);
              }
              tokenBuffer[tokenBufferSize++] = id;
            }
          }
        });
    return tokenBufferSize;
  }

  private void growScratch(int terms) {
    int cap = Math.max(terms, scratchCount.length * 2);
    scratchCount = Arrays.copyOf(scratchCount, cap);
    scratchTf = Arrays.copyOf(scratchTf, cap);
    scratchTotal = Arrays.copyOf(scratchTotal, cap);
  }

  private void appendCounted(String id, Labels l, int[] terms, double[] tf, double[] total) {
    if (size == ids.length) {
      int cap = ids.length + (ids.length >> 1) + 16;
      ids = Arrays.copyOf(ids, cap);
      labels = Arrays.copyOf(labels, cap);
      docTerms = Arrays.copyOf(docTerms, cap);
      docTf = Arrays.copyOf(docTf, cap);
      docTotal = Arrays.copyOf(docTotal, cap);
    }
    ids[size] = id;
    labels[size] = l == null ? Labels.none() : l;
    docTerms[size] = terms;
    docTf[size] = tf;
    docTotal[size] = total;
    ordinals.put(id, size);
    size++;
    model = null;
  }

  @Override
  public boolean contains(String id) {
    lock.readLock().lock();
    try {
      return id != null && ordinals.containsKey(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many candidate terms the dictionary holds (dead ones included until compaction). */
  int dictionarySize() {
    lock.readLock().lock();
    try {
      return dict.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The corpus-wide count {@code max_features} ranks each term by (0 for an unknown term). */
  double[] corpusCounts(String[] terms) {
    lock.readLock().lock();
    try {
      double[] total = new double[dict.size()];
      for (int d = 0; d < size; d++) {
        for (int j = 0; j < docTerms[d].length; j++) {
          total[docTerms[d][j]] += docTotal[d][j];
        }
      }
      double[] out = new double[terms.length];
      for (int i = 0; i < terms.length; i++) {
        int t = dict.find(terms[i]);
        out[i] = t < 0 ? 0 : total[t];
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Uses this vocabulary (in column order) and idf instead of fitting one, until cleared with
   * nulls. For loading a vocabulary fitted elsewhere (scikit-learn's {@code vocabulary_} and {@code
   * idf_}).
   */
  void useVocabulary(String[] terms, double[] idf) {
    if ((terms == null) != (idf == null) || (terms != null && terms.length != idf.length)) {
      throw new InvalidArgumentException("a fixed vocabulary needs one idf per term");
    }
    if (terms != null && new HashSet<>(Arrays.asList(terms)).size() != terms.length) {
      throw new InvalidArgumentException("a fixed vocabulary lists a term twice; give each term one column");
    }
    lock.writeLock().lock();
    try {
      fixedTerms = terms == null ? null : terms.clone();
      fixedIdf = idf == null ? null : idf.clone();
      model = null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ------------------------------------------------------------------ fitting

  /** The fitted state; immutable, rebuilt after changes. */
  static final class Model {
    final String[] terms;
    final Map<String, Integer> columns;
    final double[] idf;
    final int[] df;
    final int[][] postDocs;
    final double[][] postWeights;
    final QueryExpander expander;
    /** The dictionary the model was fitted with, and the document frequency of each of its terms. */
    final TermDictionary dictionary;
    final int[] termDf;

    Model(String[] terms, Map<String, Integer> columns, double[] idf, int[] df, int[][] postDocs, double[][] postWeights, QueryExpander expander,
        TermDictionary dictionary, int[] termDf) {
      this.terms = terms;
      this.columns = columns;
      this.idf = idf;
      this.df = df;
      this.postDocs = postDocs;
      this.postWeights = postWeights;
      this.expander = expander;
      this.dictionary = dictionary;
      this.termDf = termDf;
    }

    /** Whether a word occurs as a unigram in some current document (vocabulary or not); the caller holds the read lock. */
    boolean inCorpus(String word) {
      int t = dictionary.find(word);
      return t >= 0 && t < termDf.length && termDf[t] > 0;
    }
  }

  /** The current model, fitting it first if documents changed. Caller holds the read lock; may briefly take the write lock. */
  private Model modelForRead() {
    Model m = model;
    if (m != null) {
      return m;
    }
    lock.readLock().unlock();
    lock.writeLock().lock();
    try {
      if (model == null) {
        model = fit();
      }
      m = model;
    } finally {
      lock.readLock().lock();
      lock.writeLock().unlock();
    }
    return m;
  }

  /** The model under the write lock (tests, save). */
  Model fittedModel() {
    lock.readLock().lock();
    try {
      return modelForRead();
    } finally {
      lock.readLock().unlock();
    }
  }

  private Model fit() {
    int n = size;
    int nTerms = dict.size();
    int[] df = new int[nTerms];
    double[] total = new double[nTerms];
    for (int d = 0; d < n; d++) {
      int[] t = docTerms[d];
      double[] c = docTotal[d];
      for (int j = 0; j < t.length; j++) {
        df[t[j]]++;
        total[t[j]] += c[j];
      }
    }
    if (nTerms > 4096 && countLive(df) * 4 < nTerms) {
      compactTerms(df);
      return fit();
    }
    if (fixedTerms != null) {
      int[] termOf = new int[fixedTerms.length];
      for (int c = 0; c < fixedTerms.length; c++) {
        termOf[c] = dict.find(fixedTerms[c]);
      }
      return build(fixedTerms, termOf, fixedIdf, df);
    }
    double low = config.minDf().documents(n);
    double high = config.maxDf().documents(n);
    int kept = 0;
    Integer[] cand = new Integer[nTerms];
    for (int t = 0; t < nTerms; t++) {
      if (df[t] > 0 && df[t] >= low && df[t] <= high) {
        cand[kept++] = t;
      }
    }
    cand = Arrays.copyOf(cand, kept);
    java.util.Comparator<Integer> alphabetical =
        dict.hasSurrogates() ? (a, b) -> compareCodePoints(dict.term(a), dict.term(b)) : (a, b) -> dict.term(a).compareTo(dict.term(b));
    if (config.maxFeatures() > 0 && kept > config.maxFeatures()) {
      Arrays.sort(cand, (a, b) -> {
        int c = Double.compare(total[b], total[a]);
        return c != 0 ? c : alphabetical.compare(a, b);
      });
      cand = Arrays.copyOf(cand, config.maxFeatures());
    }
    Arrays.sort(cand, alphabetical);
    String[] vocab = new String[cand.length];
    int[] termOf = new int[cand.length];
    double[] idf = new double[cand.length];
    for (int c = 0; c < cand.length; c++) {
      termOf[c] = cand[c];
      vocab[c] = dict.term(cand[c]);
      idf[c] = idf(n, df[cand[c]]);
    }
    return build(vocab, termOf, idf, df);
  }

  private static int countLive(int[] df) {
    int live = 0;
    for (int d : df) {
      if (d > 0) {
        live++;
      }
    }
    return live;
  }

  /** Rebuilds the dictionary from the terms documents still hold (after many removals). */
  private void compactTerms(int[] df) {
    var fresh = new TermDictionary(dict.stopWords());
    int[] remap = new int[df.length];
    Arrays.fill(remap, -1);
    for (int d = 0; d < size; d++) {
      int[] t = docTerms[d];
      for (int j = 0; j < t.length; j++) {
        if (remap[t[j]] < 0) {
          remap[t[j]] = fresh.intern(dict.term(t[j]));
        }
        t[j] = remap[t[j]];
      }
    }
    dict = fresh;
    scratchCount = new int[0];
    scratchTf = new double[0];
    scratchTotal = new double[0];
  }

  /** scikit-learn's idf: {@code ln((1+n)/(1+df)) + 1} smoothed, {@code ln(n/df) + 1} otherwise, 1 without idf. */
  private double idf(int n, int df) {
    if (!config.useIdf()) {
      return 1.0;
    }
    return config.smoothIdf() ? Math.log((double) (n + 1) / (df + 1)) + 1.0 : Math.log((double) n / df) + 1.0;
  }

  /** Builds columns, normalised rows and postings for a vocabulary (column order) and its idf. */
  private Model build(String[] vocab, int[] termOf, double[] idf, int[] termDf) {
    int nCols = vocab.length;
    var columns = new HashMap<String, Integer>(nCols * 2);
    int[] colOfTerm = new int[dict.size()];
    Arrays.fill(colOfTerm, -1);
    int[] df = new int[nCols];
    for (int c = 0; c < nCols; c++) {
      if (columns.put(vocab[c], c) != null) {
        throw new InvalidArgumentException("vocabulary term '" + vocab[c] + "' appears twice; give each term one column");
      }
      int t = termOf[c];
      if (t >= 0) {
        colOfTerm[t] = c;
        df[c] = termDf[t];
      }
    }
    int[][] postDocs = new int[nCols][];
    double[][] postWeights = new double[nCols][];
    for (int c = 0; c < nCols; c++) {
      postDocs[c] = new int[df[c]];
      postWeights[c] = new double[df[c]];
    }
    int[] fill = new int[nCols];
    long[] row = new long[64];
    double[] values = new double[64];
    for (int d = 0; d < size; d++) {
      int[] t = docTerms[d];
      double[] tf = docTf[d];
      if (row.length < t.length) {
        row = new long[t.length];
        values = new double[t.length];
      }
      int nnz = 0;
      for (int j = 0; j < t.length; j++) {
        int c = colOfTerm[t[j]];
        if (c >= 0) {
          row[nnz++] = ((long) c << 32) | j;
        }
      }
      Arrays.sort(row, 0, nnz);
      double norm = 0;
      for (int i = 0; i < nnz; i++) {
        int c = (int) (row[i] >>> 32);
        double v = tf[(int) row[i]] * idf[c];
        values[i] = v;
        norm += config.norm() == TfidfConfig.Norm.L1 ? Math.abs(v) : v * v;
      }
      if (config.norm() == TfidfConfig.Norm.L2) {
        norm = Math.sqrt(norm);
      }
      boolean scale = config.norm() != TfidfConfig.Norm.NONE && norm != 0;
      for (int i = 0; i < nnz; i++) {
        int c = (int) (row[i] >>> 32);
        postDocs[c][fill[c]] = d;
        postWeights[c][fill[c]] = scale ? values[i] / norm : values[i];
        fill[c]++;
      }
    }
    QueryExpander expander = config.literalQueries() ? null : new QueryExpander(config, vocab, df);
    return new Model(vocab, columns, idf, df, postDocs, postWeights, expander, dict, termDf);
  }

  /** Compares strings by code point (Python's str order), not by UTF-16 unit as {@link String#compareTo} does. */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          return fixup(x) - fixup(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code-point order. */
  private static int fixup(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  // ------------------------------------------------------------------ search

  @Override
  public TextSearchResult search(String query, int k, LabelFilter filter) {
    if (query == null) {
      throw new InvalidArgumentException("query is null; pass the words to search for (an empty string finds nothing)");
    }
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    LabelFilter f = filter == null ? LabelFilter.none() : filter;
    lock.readLock().lock();
    try {
      return searchLocked(query, k, f, modelForRead());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A query read into weighted columns, with what was matched, rewritten and ignored. */
  private record ReadQuery(Map<Integer, Double> weights, List<String> matched, List<TermRewrite> rewrites, List<String> ignored, List<String> reasons) {}

  private ReadQuery read(String query, Model m) {
    var weights = new LinkedHashMap<Integer, Double>();
    var matched = new ArrayList<String>();
    var rewrites = new ArrayList<TermRewrite>();
    var ignored = new LinkedHashSet<String>();
    var reasons = new ArrayList<String>();
    var counts = new LinkedHashMap<String, int[]>();
    analyzer.analyze(query, t -> counts.computeIfAbsent(t, x -> new int[1])[0]++);
    var used = new HashSet<String>();
    for (var e : counts.entrySet()) {
      Integer c = m.columns.get(e.getKey());
      if (c != null) {
        weights.merge(c, tfWeight(e.getValue()[0]) * m.idf[c], Double::sum);
        matched.add(e.getKey());
        used.addAll(Arrays.asList(e.getKey().split(" ")));
      }
    }
    var stop = new ArrayList<String>();
    var unknown = new ArrayList<String>();
    var pruned = new ArrayList<String>();
    var tokenCounts = new LinkedHashMap<String, int[]>();
    for (String t : analyzer.tokens(query)) {
      if (analyzer.isStopWord(t)) {
        if (!stop.contains(t)) {
          stop.add(t);
        }
      } else {
        tokenCounts.computeIfAbsent(t, x -> new int[1])[0]++;
      }
    }
    for (var e : tokenCounts.entrySet()) {
      String word = e.getKey();
      double tf = tfWeight(e.getValue()[0]);
      boolean known = m.columns.containsKey(word);
      boolean rewritten = false;
      if (m.expander != null) {
        var variants = new LinkedHashSet<String>(m.expander.stemVariants(word));
        var prefixed = new ArrayList<String>(m.expander.prefixVariants(word));
        prefixed.removeAll(variants);
        double w = known ? config.variantWeight() : 1.0;
        if (!variants.isEmpty()) {
          rewrites.add(new TermRewrite(word, List.copyOf(variants), "stem"));
          addAll(weights, m, variants, tf * w);
          rewritten = true;
        }
        if (!prefixed.isEmpty()) {
          rewrites.add(new TermRewrite(word, prefixed, "prefix"));
          addAll(weights, m, prefixed, tf * w);
          rewritten = true;
        }
        if (!known && !rewritten && !m.inCorpus(word)) {
          List<String> typos = m.expander.typoCorrections(word);
          if (!typos.isEmpty()) {
            rewrites.add(new TermRewrite(word, typos, "typo"));
            addAll(weights, m, typos, tf);
            rewritten = true;
          }
        }
      }
      if (!known && !rewritten && !used.contains(word)) {
        (m.inCorpus(word) ? pruned : unknown).add(word);
      }
    }
    var shortRuns = new ArrayList<String>();
    for (String s : analyzer.tooShort(query)) {
      if (!shortRuns.contains(s)) {
        shortRuns.add(s);
      }
    }
    if (!stop.isEmpty()) {
      reasons.add(quoteAll(stop) + (stop.size() == 1 ? " is a stop word" : " are stop words"));
    }
    if (!unknown.isEmpty()) {
      reasons.add(quoteAll(unknown) + (unknown.size() == 1 ? " is" : " are") + " not in the vocabulary"
          + (m.expander != null && config.typoMaxEdits() > 0 ? " and nothing close is" : ""));
    }
    if (!pruned.isEmpty()) {
      reasons.add(quoteAll(pruned) + (pruned.size() == 1 ? " occurs" : " occur") + " in the documents but not in the vocabulary (pruned by min_df="
          + config.minDf() + ", max_df=" + config.maxDf() + (config.maxFeatures() > 0 ? ", max_features=" + config.maxFeatures() : "") + ")");
    }
    if (!shortRuns.isEmpty()) {
      reasons.add(quoteAll(shortRuns) + (shortRuns.size() == 1 ? " is" : " are") + " too short to be a word (words need 2+ characters)");
    }
    ignored.addAll(stop);
    ignored.addAll(unknown);
    ignored.addAll(pruned);
    ignored.addAll(shortRuns);
    return new ReadQuery(weights, matched, rewrites, List.copyOf(ignored), reasons);
  }

  private static void addAll(Map<Integer, Double> weights, Model m, Iterable<String> terms, double tf) {
    for (String t : terms) {
      int c = m.columns.get(t);
      weights.merge(c, tf * m.idf[c], Double::sum);
    }
  }

  private static String quoteAll(List<String> words) {
    var sb = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(words.get(i)).append('\'');
    }
    return sb.toString();
  }

  private TextSearchResult searchLocked(String query, int k, LabelFilter filter, Model m) {
    if (query.isBlank()) {
      return empty(query, List.of(), List.of(), List.of(), "the query is empty; type one or more words");
    }
    ReadQuery q = read(query, m);
    if (q.weights().isEmpty()) {
      String why;
      if (size == 0) {
        why = "the index is empty; add documents before searching";
      } else if (m.terms.length == 0) {
        why = "the vocabulary is empty: no term of the " + size + " document(s) passes min_df=" + config.minDf() + " and max_df=" + config.maxDf();
      } else if (q.reasons().isEmpty()) {
        why = "the query has no words";
      } else {
        why = "no usable term: " + String.join("; ", q.reasons());
      }
      return empty(query, q.matched(), q.rewrites(), q.ignored(), why);
    }
    int nq = q.weights().size();
    int[] cols = new int[nq];
    double[] qw = new double[nq];
    int i = 0;
    for (var e : new TreeMap<>(q.weights()).entrySet()) {
      cols[i] = e.getKey();
      qw[i] = e.getValue();
      i++;
    }
    double norm = 0;
    for (double w : qw) {
      norm += config.norm() == TfidfConfig.Norm.L1 ? Math.abs(w) : w * w;
    }
    if (config.norm() == TfidfConfig.Norm.L2) {
      norm = Math.sqrt(norm);
    }
    if (config.norm() != TfidfConfig.Norm.NONE) {
      for (int j = 0; j < nq; j++) {
        qw[j] /= norm;
      }
    }
    double[] acc = new double[size];
    int[] touched = new int[64];
    int nTouched = 0;
    for (int j = 0; j < nq; j++) {
      int[] docs = m.postDocs[cols[j]];
      double[] w = m.postWeights[cols[j]];
      double x = qw[j];
      for (int p = 0; p < docs.length; p++) {
        int d = docs[p];
        if (acc[d] == 0) {
          if (nTouched == touched.length) {
            touched = Arrays.copyOf(touched, nTouched * 2);
          }
          touched[nTouched++] = d;
        }
        acc[d] += x * w[p];
      }
    }
    var top = new Ranking(k);
    int passed = 0;
    for (int t = 0; t < nTouched; t++) {
      int d = touched[t];
      if (filter.isNone() || filter.test(labels[d])) {
        passed++;
        top.offer(acc[d], d);
      }
    }
    String summary = summary(q);
    if (passed == 0) {
      return empty(query, q.matched(), q.rewrites(), q.ignored(), nTouched + " document(s) contain the query terms but none passes " + filter + "; " + summary);
    }
    int[] best = top.drain();
    var hits = new ArrayList<Hit>(best.length);
    for (int d : best) {
      hits.add(new Hit(ids[d], (float) acc[d], labels[d]));
    }
    String message = passed + " document(s) match; " + summary;
    return new TextSearchResult(hits, new QueryExplanation(query, q.matched(), q.rewrites(), q.ignored(), message));
  }

  private static String summary(ReadQuery q) {
    var parts = new ArrayList<String>();
    parts.add(q.matched().isEmpty() ? "no term matched as typed" : "matched " + q.matched());
    if (!q.rewrites().isEmpty()) {
      parts.add("rewrote " + q.rewrites());
    }
    if (!q.reasons().isEmpty()) {
      parts.add("ignored " + String.join("; ", q.reasons()));
    }
    return String.join("; ", parts);
  }

  private static TextSearchResult empty(String query, List<String> matched, List<TermRewrite> rewrites, List<String> ignored, String message) {
    return new TextSearchResult(List.of(), new QueryExplanation(query, matched, rewrites, ignored, message));
  }

  /** The k best (score, document) pairs, a min-heap on primitive arrays: score descending, then id ascending. */
  private final class Ranking {
    private final int k;
    private double[] s;
    private int[] o;
    private int n;

    Ranking(int k) {
      this.k = k;
      int cap = Math.min(k, 1024);
      this.s = new double[cap];
      this.o = new int[cap];
    }

    /** Whether (sa, a) ranks below (sb, b). */
    private boolean below(double sa, int a, double sb, int b) {
      return sa < sb || (sa == sb && ids[a].compareTo(ids[b]) > 0);
    }

    void offer(double score, int doc) {
      if (n < k) {
        if (n == s.length) {
          int cap = (int) Math.min(k, 2L * s.length);
          s = Arrays.copyOf(s, cap);
          o = Arrays.copyOf(o, cap);
        }
        s[n] = score;
        o[n] = doc;
        int i = n++;
        while (i > 0) {
          int p = (i - 1) >>> 1;
          if (!below(s[i], o[i], s[p], o[p])) {
            break;
          }
          swap(i, p);
          i = p;
        }
      } else if (below(s[0], o[0], score, doc)) {
        s[0] = score;
        o[0] = doc;
        int i = 0;
        while (true) {
          int l = 2 * i + 1;
          if (l >= n) {
            break;
          }
          int r = l + 1;
          int w = r < n && below(s[r], o[r], s[l], o[l]) ? r : l;
          if (!below(s[w], o[w], s[i], o[i])) {
            break;
          }
          swap(i, w);
          i = w;
        }
      }
    }

    private void swap(int i, int j) {
      double ts = s[i];
      s[i] = s[j];
      s[j] = ts;
      int to = o[i];
      o[i] = o[j];
      o[j] = to;
    }

    /** The held documents, best first (empties the heap). */
    int[] drain() {
      int[] out = new int[n];
      for (int i = n - 1; i >= 0; i--) {
        out[i] = o[0];
        n--;
        s[0] = s[n];
        o[0] = o[n];
        int p = 0;
        while (true) {
          int l = 2 * p + 1;
          if (l >= n) {
            break;
          }
          int r = l + 1;
          int w = r < n && below(s[r], o[r], s[l], o[l]) ? r : l;
          if (!below(s[w], o[w], s[p], o[p])) {
            break;
          }
          swap(p, w);
          p = w;
        }
      }
      return out;
    }
  }

  // ------------------------------------------------------------------ persistence

  @Override
  public void save(Path path) {
    lock.readLock().lock();
    try {
      Model m = modelForRead();
      ArtsimFiles.write(path, FORMAT, FORMAT_VERSION, out -> writePayload(out, m));
    } finally {
      lock.readLock().unlock();
    }
  }

  private void writePayload(BinaryOut out, Model m) throws IOException {
    Map<String, String> settings = config.toSettings();
    out.writeInt(settings.size());
    for (var e : settings.entrySet()) {
      out.writeString(e.getKey());
      out.writeString(e.getValue());
    }
    int[] remap = new int[dict.size()];
    Arrays.fill(remap, -1);
    var live = new ArrayList<String>();
    for (int d = 0; d < size; d++) {
      for (int t : docTerms[d]) {
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
    out.writeInt(size);
    int[] mapped = new int[0];
    for (int d = 0; d < size; d++) {
      out.writeString(ids[d]);
      out.writeLabels(labels[d]);
      int[] t = docTerms[d];
      out.writeInt(t.length);
      if (mapped.length < t.length) {
        mapped = new int[t.length];
      }
      for (int j = 0; j < t.length; j++) {
        mapped[j] = remap[t[j]];
      }
      out.writeInts(mapped, 0, t.length);
      for (int j = 0; j < t.length; j++) {
        out.writeDouble(docTf[d][j]);
      }
      for (int j = 0; j < t.length; j++) {
        out.writeDouble(docTotal[d][j]);
      }
    }
    out.writeBoolean(fixedTerms != null);
    out.writeInt(m.terms.length);
    for (int c = 0; c < m.terms.length; c++) {
      out.writeString(m.terms[c]);
      out.writeDouble(m.idf[c]);
    }
  }

  static TfidfTextIndex read(BinaryIn in, int version) throws IOException {
    int nSettings = in.readCount("setting", 1024, 8);
    var settings = new LinkedHashMap<String, String>();
    for (int i = 0; i < nSettings; i++) {
      String k = in.readString();
      String v = in.readString();
      if (k == null || v == null) {
        throw in.corrupt("a setting is missing");
      }
      settings.put(k, v);
    }
    TfidfConfig config;
    try {
      config = TfidfConfig.parse(settings);
    } catch (RuntimeException e) {
      throw in.corrupt("its settings are invalid (" + e.getMessage() + ")");
    }
    var index = new TfidfTextIndex(config);
    int nTerms = in.readCount("term", Integer.MAX_VALUE - 16, 4);
    int[] termIdOf = new int[nTerms];
    var seenTerms = new HashSet<String>();
    for (int i = 0; i < nTerms; i++) {
      String t = in.readString();
      if (t == null || t.isEmpty() || !seenTerms.add(t)) {
        throw in.corrupt("term " + i + " is missing or repeated");
      }
      termIdOf[i] = index.dict.intern(t);
    }
    int nDocs = in.readCount("document", Integer.MAX_VALUE - 16, 8);
    for (int d = 0; d < nDocs; d++) {
      String id = in.readString();
      if (id == null || index.ordinals.containsKey(id)) {
        throw in.corrupt("document id " + d + " is missing or repeated");
      }
      Labels l = in.readLabels();
      int n = in.readCount("document term", nTerms, 20);
      int[] terms = new int[n];
      in.readInts(terms, 0, n);
      var seen = new HashSet<Integer>();
      for (int j = 0; j < n; j++) {
        if (terms[j] < 0 || terms[j] >= nTerms || !seen.add(terms[j])) {
          throw in.corrupt("document '" + id + "' refers to term " + terms[j] + " of " + nTerms + " or repeats it");
        }
        terms[j] = termIdOf[terms[j]];
      }
      double[] tf = new double[n];
      double[] total = new double[n];
      for (int j = 0; j < n; j++) {
        tf[j] = in.readDouble();
      }
      for (int j = 0; j < n; j++) {
        total[j] = in.readDouble();
      }
      for (int j = 0; j < n; j++) {
        if (!(tf[j] > 0) || !(total[j] > 0) || Double.isInfinite(tf[j]) || Double.isInfinite(total[j])) {
          throw in.corrupt("document '" + id + "' has a bad term frequency");
        }
      }
      index.appendCounted(id, l, terms, tf, total);
    }
    boolean fixed = in.readBoolean();
    int nCols = in.readCount("vocabulary term", Integer.MAX_VALUE - 16, 12);
    String[] vocab = new String[nCols];
    double[] idf = new double[nCols];
    var seen = new HashSet<String>();
    for (int c = 0; c < nCols; c++) {
      vocab[c] = in.readString();
      idf[c] = in.readDouble();
      if (vocab[c] == null || !seen.add(vocab[c]) || !(idf[c] > 0) || Double.isInfinite(idf[c])) {
        throw in.corrupt("vocabulary column " + c + " is missing, repeated or has a bad idf");
      }
    }
    int[] df = new int[index.dict.size()];
    for (int d = 0; d < index.size; d++) {
      for (int t : index.docTerms[d]) {
        df[t]++;
      }
    }
    int[] termOf = new int[nCols];
    for (int c = 0; c < nCols; c++) {
      termOf[c] = index.dict.find(vocab[c]);
    }
    if (fixed) {
      index.fixedTerms = vocab;
      index.fixedIdf = idf;
    }
    index.model = index.build(vocab, termOf, idf, df);
    return index;
  }

  @Override
  public String toString() {
    lock.readLock().lock();
    try {
      Model m = model;
      return "TfidfTextIndex[size=" + size + ", vocabulary=" + (m == null ? "not fitted" : Integer.toString(m.terms.length))
          + ", ngram=" + config.ngramMin() + ".." + config.ngramMax() + ", stop_words=" + config.stopWords() + "]";
    } finally {
      lock.readLock().unlock();
    }
  }
}
