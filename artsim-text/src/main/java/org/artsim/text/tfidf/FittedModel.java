package org.artsim.text.tfidf;

import java.util.Map;
import java.util.Set;
import org.artsim.Labels;

/**
 * A fitted TF-IDF model and the documents it was fitted over: vocabulary (column order), idf,
 * normalised document rows as postings per column, the query expander, and a snapshot of the
 * documents' ids and labels. Immutable once built (its arrays are never written after the build),
 * so a search reads it without holding the index lock.
 */
final class FittedModel {
  final String[] terms;
  final Map<String, Integer> columns;
  final double[] idf;
  final int[] df;
  final int[][] postDocs;
  final double[][] postWeights;
  /** Null when queries are read literally. */
  final QueryExpander expander;
  /** Per document ordinal (as in the postings): its id and labels. */
  final String[] ids;
  final Labels[] labels;
  /** Single words that occur in some document but are not vocabulary columns (pruned by min_df, max_df, max_features). */
  private final Set<String> prunedWords;
  /** The label fields some document carries, sorted. */
  final Set<String> labelFields;

  FittedModel(
      String[] terms,
      Map<String, Integer> columns,
      double[] idf,
      int[] df,
      int[][] postDocs,
      double[][] postWeights,
      QueryExpander expander,
      String[] ids,
      Labels[] labels,
      Set<String> prunedWords,
      Set<String> labelFields) {
    this.terms = terms;
    this.columns = columns;
    this.idf = idf;
    this.df = df;
    this.postDocs = postDocs;
    this.postWeights = postWeights;
    this.expander = expander;
    this.ids = ids;
    this.labels = labels;
    this.prunedWords = prunedWords;
    this.labelFields = labelFields;
  }

  /** The number of documents fitted. */
  int documents() {
    return ids.length;
  }

  /** Whether a word that is not a vocabulary column still occurs (as a unigram) in some document. */
  boolean occursOutsideVocabulary(String word) {
    return prunedWords.contains(word);
  }
}
