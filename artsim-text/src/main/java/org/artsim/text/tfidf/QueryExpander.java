package org.artsim.text.tfidf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.apache.lucene.util.automaton.Operations;
import org.artsim.text.TfidfConfig;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * Finds vocabulary words close to a query word: typo corrections within a few edits (Lucene's
 * {@link LevenshteinAutomata}, Schulz &amp; Mihov 2002, "Fast string correction with
 * Levenshtein automata", doi:10.1007/s10032-002-0082-8, run over the vocabulary's single words),
 * words with the same Snowball stem, and words the query word begins.
 *
 * <p>Built once per fitted vocabulary; immutable and thread-safe (stemmers are created per call).
 * Candidates are ranked by document frequency (descending), then alphabetically.
 */
final class QueryExpander {
  private final TfidfConfig config;
  /** The vocabulary's single words in code-point order, and their document frequencies. */
  private final String[] words;
  private final int[] wordDf;
  /** Stem to the vocabulary words with that stem, most frequent first; null without stemming. */
  private final Map<String, List<String>> stems;
  private final Comparator<String> byFrequency;

  QueryExpander(TfidfConfig config, String[] sortedTerms, int[] df) {
    this.config = config;
    var w = new ArrayList<String>();
    var d = new ArrayList<Integer>();
    for (int i = 0; i < sortedTerms.length; i++) {
      if (sortedTerms[i].indexOf(' ') < 0) {
        w.add(sortedTerms[i]);
        d.add(df[i]);
      }
    }
    this.words = w.toArray(String[]::new);
    this.wordDf = d.stream().mapToInt(Integer::intValue).toArray();
    var dfOf = new HashMap<String, Integer>(words.length * 2);
    for (int i = 0; i < words.length; i++) {
      dfOf.put(words[i], wordDf[i]);
    }
    this.byFrequency = Comparator.<String>comparingInt(dfOf::get).reversed().thenComparing(CodePoints::compare);
    if (config.stemming() == TfidfConfig.Stemming.NONE) {
      this.stems = null;
    } else {
      var map = new HashMap<String, List<String>>();
      SnowballStemmer stemmer = stemmer();
      for (String word : words) {
        map.computeIfAbsent(stem(stemmer, word), k -> new ArrayList<>()).add(word);
      }
      map.values().forEach(l -> l.sort(byFrequency));
      this.stems = map;
    }
  }

  private SnowballStemmer stemmer() {
    return config.stemming() == TfidfConfig.Stemming.PORTER ? new PorterStemmer() : new EnglishStemmer();
  }

  private static String stem(SnowballStemmer stemmer, String word) {
    stemmer.setCurrent(word);
    stemmer.stem();
    return stemmer.getCurrent();
  }

  /** Vocabulary words with the same stem as {@code word} (not the word itself), at most {@code max_expansions}. */
  List<String> stemVariants(String word) {
    if (stems == null) {
      return List.of();
    }
    List<String> same = stems.getOrDefault(stem(stemmer(), word), List.of());
    return limit(same.stream().filter(s -> !s.equals(word)).toList());
  }

  /** Vocabulary words that begin with {@code word} (not the word itself), when it is long enough. */
  List<String> prefixVariants(String word) {
    int min = config.prefixMinLength();
    if (min == 0 || word.codePointCount(0, word.length()) < min) {
      return List.of();
    }
    int from = Arrays.binarySearch(words, word, CodePoints::compare);
    from = from < 0 ? -from - 1 : from;
    var out = new ArrayList<String>();
    for (int i = from; i < words.length && words[i].startsWith(word); i++) {
      if (!words[i].equals(word)) {
        out.add(words[i]);
      }
    }
    out.sort(byFrequency);
    return limit(out);
  }

  /**
   * Vocabulary words within the allowed edits of {@code word}, the closest distance first found
   * (all words at one edit if any, else at two): words of at most 2 characters get none, of 3 to 5
   * characters at most one edit, longer ones up to {@code typo_max_edits}. Candidates must begin
   * with the word's first {@code typo_prefix_length} characters.
   */
  List<String> typoCorrections(String word) {
    int len = word.codePointCount(0, word.length());
    int maxEdits = len <= 2 ? 0 : len <= 5 ? Math.min(1, config.typoMaxEdits()) : config.typoMaxEdits();
    int prefixChars = Math.min(config.typoPrefixLength(), len);
    int prefixEnd = word.offsetByCodePoints(0, prefixChars);
    String prefix = word.substring(0, prefixEnd);
    var levenshtein = maxEdits == 0 ? null : new LevenshteinAutomata(word, true);
    for (int edits = 1; edits <= maxEdits; edits++) {
      Automaton a = levenshtein.toAutomaton(edits);
      if (!a.isDeterministic()) {
        a = Operations.determinize(a, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
      }
      var run = new CharacterRunAutomaton(a);
      var out = new ArrayList<String>();
      int from = prefix.isEmpty() ? 0 : lowerBound(prefix);
      for (int i = from; i < words.length; i++) {
        String w = words[i];
        if (!w.startsWith(prefix)) {
          break;
        }
        if (Math.abs(w.codePointCount(0, w.length()) - len) <= edits && run.run(w)) {
          out.add(w);
        }
      }
      if (!out.isEmpty()) {
        out.sort(byFrequency);
        return limit(out);
      }
    }
    return List.of();
  }

  private int lowerBound(String prefix) {
    int i = Arrays.binarySearch(words, prefix, CodePoints::compare);
    return i < 0 ? -i - 1 : i;
  }

  private List<String> limit(List<String> list) {
    return list.size() <= config.maxExpansions() ? list : List.copyOf(list.subList(0, config.maxExpansions()));
  }
}
