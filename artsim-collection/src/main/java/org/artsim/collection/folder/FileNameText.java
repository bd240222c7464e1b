package org.artsim.collection.folder;

import java.util.Locale;

/**
 * Words from a file name, for a title when there is no better one: the extension dropped, split on
 * {@code -}, {@code _}, {@code .}, spaces and camelCase boundaries ({@code blueVase_02.png} becomes
 * {@code blue Vase 02}).
 */
final class FileNameText {
  private FileNameText() {}

  static String words(String fileName) {
    String s = fileName;
    int dot = s.lastIndexOf('.');
    if (dot > 0) {
      s = s.substring(0, dot);
    }
    var out = new StringBuilder();
    char prev = ' ';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '-' || c == '_' || c == '.' || Character.isWhitespace(c)) {
        c = ' ';
      } else if (Character.isUpperCase(c) && Character.isLowerCase(prev)
          || Character.isUpperCase(c) && Character.isUpperCase(prev) && i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1))
          || Character.isDigit(c) && Character.isLetter(prev)
          || Character.isLetter(c) && Character.isDigit(prev)) {
        out.append(' ');
      }
      if (c != ' ' || out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
        out.append(c);
      }
      prev = c;
    }
    return out.toString().strip();
  }

  /** Lower-case words, for keywords. */
  static String keywords(String name) {
    return words(name + ".x").toLowerCase(Locale.ROOT);
  }
}
