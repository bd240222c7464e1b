package org.artsim.text.tfidf;

/**
 * Python's string order (by code point) for Java strings, whose {@link String#compareTo} orders by
 * UTF-16 unit and so puts supplementary characters (emoji, 𝔄) before U+E000..U+FFFF. Vocabulary
 * columns follow Python's order to match scikit-learn.
 */
final class CodePoints {
  private CodePoints() {}

  /** Compares strings by code point, as Python compares {@code str}. */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          return fixup(x) - fixup(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF so UTF-16 units compare in code-point order. */
  private static int fixup(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
