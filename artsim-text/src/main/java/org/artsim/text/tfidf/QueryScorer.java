package org.artsim.text.tfidf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.QueryExplanation;
import org.artsim.TermRewrite;
import org.artsim.TextSearchResult;
import org.artsim.text.TfidfConfig;
import org.artsim.vector.TopK;

/**
 * Scores a read query against a fitted model: normalises the query vector like the document rows,
 * accumulates dot products over the postings of the query's columns only, keeps the {@code k} best
 * documents passing the label filter ({@link TopK}: score descending, then id ascending) and
 * explains the result. Reads only the immutable model, so it runs without the index lock.
 */
final class QueryScorer {
  private final TfidfConfig config;

  QueryScorer(TfidfConfig config) {
    this.config = config;
  }

  /** The k best documents for a query read against {@code m}; {@code k} is at least 1. */
  TextSearchResult search(AnalysedQuery analysed, ReadQuery q, int k, LabelFilter filter, FittedModel m) {
    String query = analysed.text();
    if (query.isBlank()) {
      return empty(query, List.of(), List.of(), List.of(), "the query is empty; type one or more words");
    }
    if (q.weights().isEmpty()) {
      return empty(query, q.matched(), q.rewrites(), q.ignored(), whyNoTerm(q, m));
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
    double norm = TermWeighting.norm(config, qw, nq);
    if (config.norm() != TfidfConfig.Norm.NONE) {
      for (int j = 0; j < nq; j++) {
        qw[j] /= norm;
      }
    }
    double[] acc = new double[m.documents()];
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
    var top = new TopK(Math.min(k, Math.max(1, nTouched)), d -> m.ids[d]);
    int passed = 0;
    for (int t = 0; t < nTouched; t++) {
      int d = touched[t];
      if (filter.isNone() || filter.test(m.labels[d])) {
        passed++;
        top.offer((float) acc[d], d);
      }
    }
    String summary = summary(q);
    if (passed == 0) {
      return empty(query, q.matched(), q.rewrites(), q.ignored(),
          nTouched + " document(s) contain the query terms but none passes " + filter + "; " + summary);
    }
    float[] scores = new float[top.size()];
    int[] best = top.drainBestFirst(scores);
    var hits = new ArrayList<Hit>(best.length);
    for (int b = 0; b < best.length; b++) {
      hits.add(new Hit(m.ids[best[b]], scores[b], m.labels[best[b]]));
    }
    String message = passed + " document(s) match; " + summary;
    return new TextSearchResult(hits, new QueryExplanation(query, q.matched(), q.rewrites(), q.ignored(), message));
  }

  private String whyNoTerm(ReadQuery q, FittedModel m) {
    if (m.documents() == 0) {
      return "the index is empty; add documents before searching";
    }
    if (m.terms.length == 0) {
      return "the vocabulary is empty: no term of the " + m.documents() + " document(s) passes min_df=" + config.minDf()
          + " and max_df=" + config.maxDf();
    }
    if (q.reasons().isEmpty()) {
      return "the query has no words";
    }
    return "no usable term: " + String.join("; ", q.reasons());
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
}
