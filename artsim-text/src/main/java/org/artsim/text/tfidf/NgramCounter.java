package org.artsim.text.tfidf;

import java.util.Arrays;
import org.artsim.text.TfidfConfig;

/**
 * Counts an analysed document's word n-grams into term ids of a {@link TermDictionary}, without
 * building n-gram strings for known terms: per field, {@code tf += weight * g(count)} and {@code
 * total += weight * (binary ? 1 : count)}, {@code g} the {@link TermWeighting#tf} transform.
 *
 * <p>Keeps per-term scratch arrays between calls (all zero between documents). Not thread-safe:
 * the owning store calls it under the index's write lock.
 */
final class NgramCounter {
  /** One document's counted terms: term ids, weighted term frequency and corpus-count contribution. */
  record Counted(int[] terms, double[] tf, double[] total) {}

  private final TfidfConfig config;
  private final int minTokenLength;
  private int[] scratchCount = new int[0];
  private double[] scratchTf = new double[0];
  private double[] scratchTotal = new double[0];
  private int[] fieldTouched = new int[64];
  private int[] docTouched = new int[64];
  private int[] tokenBuffer = new int[256];
  private int tokenBufferSize;

  NgramCounter(TfidfConfig config, SklearnAnalyzer analyzer) {
    this.config = config;
    this.minTokenLength = analyzer.minTokenLength();
  }

  /** Drops the scratch arrays (after the dictionary was renumbered by a compaction). */
  void reset() {
    scratchCount = new int[0];
    scratchTf = new double[0];
    scratchTotal = new double[0];
  }

  /** Counts a document's terms, making dictionary entries for new ones. */
  Counted count(TermDictionary dict, AnalysedDocument a) {
    int nDoc = 0;
    int min = config.ngramMin();
    int max = config.ngramMax();
    for (int f = 0; f < a.fields().size(); f++) {
      int n = tokenize(dict, a.fields().get(f));
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
        scratchTf[t] += w * TermWeighting.tf(config, c);
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
    return new Counted(terms, tf, total);
  }

  /** Token ids of a pre-processed text, stop words left out, into {@link #tokenBuffer}; returns the count. */
  private int tokenize(TermDictionary dict, String text) {
    tokenBufferSize = 0;
    SklearnAnalyzer.runs(
        text,
        (t, s, e, cps) -> {
          if (cps >= minTokenLength) {
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
}
