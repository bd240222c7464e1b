package org.artsim.text.tfidf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.artsim.text.TfidfConfig;

/**
 * scikit-learn's word analyzer, reproduced exactly: {@code str.lower()}, the token pattern {@code
 * (?u)\b\w\w+\b} matched by a code-point walk with Python's definition of {@code \w}, stop-word
 * removal, then word n-grams over the remaining tokens (unigrams first, joined by one space).
 *
 * <p>{@code java.util.regex} is not used: its {@code \w}, even with {@code UNICODE_CHARACTER_CLASS},
 * drops {@code x²}, keeps combining marks ({@code cafe\u0301}) and so splits differently. Python's
 * {@code \w} for str patterns is {@code str.isalnum()} or {@code _}: general categories Lu, Ll, Lt,
 * Lm, Lo, Nd, Nl, No (not the marks Mn/Mc/Me). Immutable and thread-safe.
 */
final class SklearnAnalyzer {
  /** scikit-learn's {@code ENGLISH_STOP_WORDS} (318 words), loaded from the resource beside this class. */
  static final Set<String> ENGLISH_STOP_WORDS = loadStopWords();

  private final boolean lowercase;
  private final int minTokenLength;
  private final Set<String> stopWords;
  private final int ngramMin;
  private final int ngramMax;

  SklearnAnalyzer(TfidfConfig config) {
    this.lowercase = config.lowercase();
    this.minTokenLength = config.tokenPattern() == TfidfConfig.TokenPattern.TWO_OR_MORE_CHARS ? 2 : 1;
    this.stopWords = config.stopWords() == TfidfConfig.StopWords.ENGLISH ? ENGLISH_STOP_WORDS : Set.of();
    this.ngramMin = config.ngramMin();
    this.ngramMax = config.ngramMax();
  }

  private static Set<String> loadStopWords() {
    try (InputStream in = SklearnAnalyzer.class.getResourceAsStream("stop_words_english.txt")) {
      if (in == null) {
        throw new IllegalStateException("artsim-text is missing its resource stop_words_english.txt; rebuild the jar");
      }
      var words = new HashSet<String>();
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          words.add(line.strip());
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Python's {@code \w} for a str pattern: {@code isalnum()} or underscore. */
  static boolean isWordChar(int cp) {
    if (cp == '_') {
      return true;
    }
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  /** The stop words removed before n-grams (empty for none). */
  Set<String> stopWords() {
    return stopWords;
  }

  /** The fewest code points a token has (2 for scikit-learn's default pattern). */
  int minTokenLength() {
    return minTokenLength;
  }

  /** Lower-cases like Python's {@code str.lower()} when the config asks for it. */
  String preprocess(String text) {
    return lowercase ? text.toLowerCase(Locale.ROOT) : text;
  }

  /** Receives the maximal runs of word characters of a text. */
  interface RunSink {
    /** The run {@code text[start, end)}, {@code codePoints} long. */
    void run(String text, int start, int end, int codePoints);
  }

  /** Walks the maximal runs of word characters of an already pre-processed text. */
  static void runs(String text, RunSink sink) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int cp = text.codePointAt(i);
      if (!isWordChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int count = 0;
      while (i < n) {
        cp = text.codePointAt(i);
        if (!isWordChar(cp)) {
          break;
        }
        i += Character.charCount(cp);
        count++;
      }
      sink.run(text, start, i, count);
    }
  }

  /** The tokens of a text, before stop-word removal ({@code build_tokenizer()(preprocess(text))}). */
  List<String> tokens(String text) {
    var out = new ArrayList<String>();
    runs(
        preprocess(text),
        (t, s, e, cps) -> {
          if (cps >= minTokenLength) {
            out.add(t.substring(s, e));
          }
        });
    return out;
  }

  /** Whether a token is a stop word. */
  boolean isStopWord(String token) {
    return stopWords.contains(token);
  }

  /** The runs of a pre-processed text too short to be tokens (explanations name them). */
  List<String> tooShort(String text) {
    var out = new ArrayList<String>();
    runs(
        preprocess(text),
        (t, s, e, cps) -> {
          if (cps < minTokenLength) {
            out.add(t.substring(s, e));
          }
        });
    return out;
  }

  /** Receives the terms of a text in scikit-learn's order. */
  interface TermSink {
    /** One occurrence of a term. */
    void term(String term);
  }

  /** The tokens of a text without stop words: what n-grams are built from. */
  List<String> words(String text) {
    var out = new ArrayList<String>();
    runs(
        preprocess(text),
        (t, s, e, cps) -> {
          if (cps >= minTokenLength) {
            String w = t.substring(s, e);
            if (!stopWords.contains(w)) {
              out.add(w);
            }
          }
        });
    return out;
  }

  /** Emits every term occurrence of a text: {@code build_analyzer()(text)}. */
  void analyze(String text, TermSink sink) {
    ngrams(words(text), sink);
  }

  /** scikit-learn's {@code _word_ngrams}: unigrams (if wanted), then n = 2.. in order of position. */
  void ngrams(List<String> tokens, TermSink sink) {
    int n = tokens.size();
    int min = ngramMin;
    if (min == 1) {
      for (String t : tokens) {
        sink.term(t);
      }
      min = 2;
    }
    var sb = new StringBuilder();
    for (int size = min; size <= Math.min(ngramMax, n); size++) {
      for (int i = 0; i + size <= n; i++) {
        sb.setLength(0);
        sb.append(tokens.get(i));
        for (int j = 1; j < size; j++) {
          sb.append(' ').append(tokens.get(i + j));
        }
        sink.term(sb.toString());
      }
    }
  }
}
