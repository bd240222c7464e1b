package org.artsim.text.tfidf;

import java.util.List;
import java.util.Map;

/**
 * A query as the analyser reads it, before it meets a vocabulary: made without the index lock.
 *
 * @param text the query as typed
 * @param termCounts each n-gram term (stop words removed, as documents are analysed) and its count,
 *     in scikit-learn's order
 * @param wordCounts each single word that is not a stop word, and its count, in order of appearance
 * @param stopWords the distinct stop words, in order of appearance
 * @param shortRuns the distinct runs of word characters too short to be tokens
 */
record AnalysedQuery(
    String text,
    Map<String, Integer> termCounts,
    Map<String, Integer> wordCounts,
    List<String> stopWords,
    List<String> shortRuns) {}
