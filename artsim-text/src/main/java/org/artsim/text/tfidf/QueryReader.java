package org.artsim.text.tfidf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.artsim.InvalidArgumentException;
import org.artsim.TermRewrite;
import org.artsim.text.TfidfConfig;

/**
 * Reads a query in two steps, neither under the index lock: {@link #analyse} tokenises it (within
 * the {@code max_query_chars} and {@code max_query_terms} limits), {@link #read} matches it against
 * a fitted model: exact terms and n-grams first, then, for forgiving configurations, stem and
 * prefix variants and typo corrections of words no document holds, explaining each rewrite and
 * each ignored word. Immutable and thread-safe.
 */
final class QueryReader {
  private final TfidfConfig config;
  private final SklearnAnalyzer analyzer;

  QueryReader(TfidfConfig config, SklearnAnalyzer analyzer) {
    this.config = config;
    this.analyzer = analyzer;
  }

  /**
   * Tokenises a query.
   *
   * @throws InvalidArgumentException if it is longer than {@code max_query_chars} or holds more
   *     distinct words (stop words aside) than {@code max_query_terms}
   */
  AnalysedQuery analyse(String query) {
    if (query.length() > config.maxQueryChars()) {
      throw new InvalidArgumentException(
          "the query has " + query.length() + " characters, more than the limit of " + config.maxQueryChars()
              + " (max_query_chars); shorten it, or raise the limit with TfidfConfig.withMaxQueryChars(...)"
              + " or the setting 'max_query_chars'");
    }
    var stop = new LinkedHashSet<String>();
    var words = new ArrayList<String>();
    var wordCounts = new LinkedHashMap<String, Integer>();
    for (String t : analyzer.tokens(query)) {
      if (analyzer.isStopWord(t)) {
        stop.add(t);
      } else {
        words.add(t);
        wordCounts.merge(t, 1, Integer::sum);
      }
    }
    if (wordCounts.size() > config.maxQueryTerms()) {
      throw new InvalidArgumentException(
          "the query has " + wordCounts.size() + " distinct words (stop words aside), more than the limit of "
              + config.maxQueryTerms() + " (max_query_terms); use fewer words, or raise the limit with"
              + " TfidfConfig.withMaxQueryTerms(...) or the setting 'max_query_terms'");
    }
    var termCounts = new LinkedHashMap<String, Integer>();
    analyzer.ngrams(words, t -> termCounts.merge(t, 1, Integer::sum));
    var shortRuns = new LinkedHashSet<>(analyzer.tooShort(query));
    return new AnalysedQuery(query, termCounts, wordCounts, List.copyOf(stop), List.copyOf(shortRuns));
  }

  /** Matches an analysed query against a model. */
  ReadQuery read(AnalysedQuery query, FittedModel m) {
    var weights = new LinkedHashMap<Integer, Double>();
    var matched = new ArrayList<String>();
    var rewrites = new ArrayList<TermRewrite>();
    var used = new HashSet<String>();
    for (var e : query.termCounts().entrySet()) {
      Integer c = m.columns.get(e.getKey());
      if (c != null) {
        weights.merge(c, TermWeighting.tf(config, e.getValue()) * m.idf[c], Double::sum);
        matched.add(e.getKey());
        used.addAll(Arrays.asList(e.getKey().split(" ")));
      }
    }
    var unknown = new ArrayList<String>();
    var pruned = new ArrayList<String>();
    for (var e : query.wordCounts().entrySet()) {
      String word = e.getKey();
      double tf = TermWeighting.tf(config, e.getValue());
      boolean known = m.columns.containsKey(word);
      boolean rewritten = m.expander != null && expand(word, known, tf, m, weights, rewrites);
      if (!known && !rewritten && !used.contains(word)) {
        (m.occursOutsideVocabulary(word) ? pruned : unknown).add(word);
      }
    }
    var reasons = reasons(query.stopWords(), unknown, pruned, query.shortRuns(), m);
    var ignored = new LinkedHashSet<String>();
    ignored.addAll(query.stopWords());
    ignored.addAll(unknown);
    ignored.addAll(pruned);
    ignored.addAll(query.shortRuns());
    return new ReadQuery(weights, matched, rewrites, List.copyOf(ignored), reasons);
  }

  /** Adds stem, prefix and typo rewrites of one word; whether any applied. */
  private boolean expand(String word, boolean known, double tf, FittedModel m, Map<Integer, Double> weights, List<TermRewrite> rewrites) {
    var variants = new LinkedHashSet<String>(m.expander.stemVariants(word));
    var prefixed = new ArrayList<String>(m.expander.prefixVariants(word));
    prefixed.removeAll(variants);
    double w = known ? config.variantWeight() : 1.0;
    boolean rewritten = false;
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
    if (!known && !rewritten && !m.occursOutsideVocabulary(word)) {
      List<String> typos = m.expander.typoCorrections(word);
      if (!typos.isEmpty()) {
        rewrites.add(new TermRewrite(word, typos, "typo"));
        addAll(weights, m, typos, tf);
        rewritten = true;
      }
    }
    return rewritten;
  }

  private List<String> reasons(List<String> stop, List<String> unknown, List<String> pruned, List<String> shortRuns, FittedModel m) {
    var reasons = new ArrayList<String>();
    if (!stop.isEmpty()) {
      reasons.add(quoteAll(stop) + (stop.size() == 1 ? " is a stop word" : " are stop words"));
    }
    if (!unknown.isEmpty()) {
      reasons.add(quoteAll(unknown) + (unknown.size() == 1 ? " is" : " are") + " not in the vocabulary"
          + (m.expander != null && config.typoMaxEdits() > 0 ? " and nothing close is" : ""));
    }
    if (!pruned.isEmpty()) {
      reasons.add(quoteAll(pruned) + (pruned.size() == 1 ? " occurs" : " occur")
          + " in the documents but not in the vocabulary (pruned by min_df=" + config.minDf() + ", max_df=" + config.maxDf()
          + (config.maxFeatures() > 0 ? ", max_features=" + config.maxFeatures() : "") + ")");
    }
    if (!shortRuns.isEmpty()) {
      reasons.add(quoteAll(shortRuns) + (shortRuns.size() == 1 ? " is" : " are") + " too short to be a word (words need 2+ characters)");
    }
    return reasons;
  }

  private static void addAll(Map<Integer, Double> weights, FittedModel m, Iterable<String> terms, double tf) {
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
}
