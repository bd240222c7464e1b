package org.artsim.text.tfidf;

import java.util.List;
import java.util.Map;
import org.artsim.TermRewrite;

/**
 * A query read against a fitted vocabulary: weighted columns and what was matched, rewritten and
 * ignored, with the reasons.
 *
 * @param weights column to query weight (tf times idf, before normalisation)
 * @param matched the terms found in the vocabulary as typed
 * @param rewrites the typo, stem and prefix rewrites applied
 * @param ignored the words that contributed nothing
 * @param reasons why each group of ignored words was ignored
 */
record ReadQuery(
    Map<Integer, Double> weights,
    List<String> matched,
    List<TermRewrite> rewrites,
    List<String> ignored,
    List<String> reasons) {}
