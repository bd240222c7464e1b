package org.artsim.text.tfidf;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.artsim.InvalidArgumentException;
import org.artsim.text.TfidfConfig;

/**
 * Fits a {@link FittedModel} over a {@link DocumentStore} as scikit-learn's {@code
 * TfidfVectorizer.fit_transform} does: document frequencies, the {@code min_df}/{@code max_df}
 * window, the {@code max_features} cut by corpus count (ties at the cut kept alphabetically),
 * columns in code-point order, idf, and L1/L2-normalised rows stored as postings per column.
 *
 * <p>Stateless; the caller holds the index's write lock while it reads the store.
 */
final class ModelFitter {
  private final TfidfConfig config;

  ModelFitter(TfidfConfig config) {
    this.config = config;
  }

  /** Fits the store's documents, or uses {@code fixed} (may be null) as the vocabulary and idf. */
  FittedModel fit(DocumentStore store, FixedVocabulary fixed) {
    int[] df = store.documentFrequencies();
    if (store.compactIfSparse(df)) {
      df = store.documentFrequencies();
    }
    TermDictionary dict = store.dictionary();
    if (fixed != null) {
      int[] termOf = new int[fixed.terms().length];
      for (int c = 0; c < termOf.length; c++) {
        termOf[c] = dict.find(fixed.terms()[c]);
      }
      return build(store, fixed.terms(), termOf, fixed.idf(), df);
    }
    int n = store.size();
    double low = config.minDf().documents(n);
    double high = config.maxDf().documents(n);
    int kept = 0;
    Integer[] cand = new Integer[df.length];
    for (int t = 0; t < df.length; t++) {
      if (df[t] > 0 && df[t] >= low && df[t] <= high) {
        cand[kept++] = t;
      }
    }
    cand = Arrays.copyOf(cand, kept);
    Comparator<Integer> alphabetical =
        dict.hasSurrogates()
            ? (a, b) -> CodePoints.compare(dict.term(a), dict.term(b))
            : (a, b) -> dict.term(a).compareTo(dict.term(b));
    if (config.maxFeatures() > 0 && kept > config.maxFeatures()) {
      double[] total = store.corpusCounts();
      Arrays.sort(
          cand,
          (a, b) -> {
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
      idf[c] = TermWeighting.idf(config, n, df[cand[c]]);
    }
    return build(store, vocab, termOf, idf, df);
  }

  /**
   * Builds columns, normalised rows and postings for a vocabulary (column order) and its idf.
   *
   * @param termOf the dictionary term of each column, -1 for a term no document holds
   * @param termDf the document frequency of every dictionary term
   */
  FittedModel build(DocumentStore store, String[] vocab, int[] termOf, double[] idf, int[] termDf) {
    TermDictionary dict = store.dictionary();
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
    fillPostings(store, idf, colOfTerm, postDocs, postWeights);
    QueryExpander expander = config.literalQueries() ? null : new QueryExpander(config, vocab, df);
    return new FittedModel(
        vocab, columns, idf, df, postDocs, postWeights, expander, store.ids(), store.labels(),
        prunedWords(dict, termDf, columns), store.labelFields());
  }

  private void fillPostings(DocumentStore store, double[] idf, int[] colOfTerm, int[][] postDocs, double[][] postWeights) {
    int[] fill = new int[postDocs.length];
    long[] row = new long[64];
    double[] values = new double[64];
    for (int d = 0; d < store.size(); d++) {
      int[] t = store.terms(d);
      double[] tf = store.tf(d);
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
      for (int i = 0; i < nnz; i++) {
        int c = (int) (row[i] >>> 32);
        values[i] = tf[(int) row[i]] * idf[c];
      }
      double norm = TermWeighting.norm(config, values, nnz);
      boolean scale = config.norm() != TfidfConfig.Norm.NONE && norm != 0;
      for (int i = 0; i < nnz; i++) {
        int c = (int) (row[i] >>> 32);
        postDocs[c][fill[c]] = d;
        postWeights[c][fill[c]] = scale ? values[i] / norm : values[i];
        fill[c]++;
      }
    }
  }

  /** Unigram terms some document holds that are not columns. */
  private static Set<String> prunedWords(TermDictionary dict, int[] termDf, java.util.Map<String, Integer> columns) {
    var out = new HashSet<String>();
    for (int t = 0; t < termDf.length && t < dict.size(); t++) {
      if (termDf[t] > 0) {
        String term = dict.term(t);
        if (term.indexOf(' ') < 0 && !columns.containsKey(term)) {
          out.add(term);
        }
      }
    }
    return out;
  }
}
