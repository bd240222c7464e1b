package org.artsim.bench.quality;

import java.util.List;
import java.util.Random;

/**
 * One seeded typing error in a query: in one word of four or more letters (chosen at random), one
 * letter is replaced by another, dropped, doubled-in by a random letter, or swapped with its
 * neighbour, never the first letter (people rarely miss it). The result always differs from the
 * input by exactly one such edit.
 */
final class Typos {
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private Typos() {}

  /** {@code text} with one typo in one of its words of 4+ letters; the text unchanged if it has none. */
  static String oneTypo(String text, Random random) {
    List<String> words = TextQuality.longWords(text);
    if (words.isEmpty()) {
      return text;
    }
    String word = words.get(random.nextInt(words.size()));
    int at = text.indexOf(word);
    String typo = typo(word, random);
    return text.substring(0, at) + typo + text.substring(at + word.length());
  }

  /** One edit of {@code word} (length 4 or more) at a position after the first letter. */
  static String typo(String word, Random random) {
    int i = 1 + random.nextInt(word.length() - 1);
    return switch (random.nextInt(4)) {
      case 0 -> word.substring(0, i) + other(word.charAt(i), random) + word.substring(i + 1);
      case 1 -> word.substring(0, i) + word.substring(i + 1);
      case 2 -> word.substring(0, i) + LETTERS.charAt(random.nextInt(LETTERS.length())) + word.substring(i);
      default -> {
        if (i == word.length() - 1) {
          i--;
        }
        if (word.charAt(i) == word.charAt(i + 1)) {
          yield word.substring(0, i) + other(word.charAt(i), random) + word.substring(i + 1);
        }
        yield word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
      }
    };
  }

  private static char other(char c, Random random) {
    char lower = Character.toLowerCase(c);
    char r;
    do {
      r = LETTERS.charAt(random.nextInt(LETTERS.length()));
    } while (r == lower);
    return Character.isUpperCase(c) ? Character.toUpperCase(r) : r;
  }
}
