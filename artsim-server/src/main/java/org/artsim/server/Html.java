package org.artsim.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * HTML and URL escaping for the pages. Every catalogue string reaches a page through {@link
 * #text}, and every id in a link through {@link #segment} (then {@link #text}), so that a hostile
 * catalogue row ({@code <script>}, quotes that would end an attribute) is shown as text and never
 * becomes markup.
 */
final class Html {
  private Html() {}

  /** Escapes {@code & < > " '} (null becomes the empty string): safe in element text and in quoted attributes. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    var out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** Encodes one URL path segment or query value ({@code /}, {@code ..}, spaces and all reserved characters percent-encoded). */
  static String segment(String s) {
    String e = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    return e.replace(".", "%2E");
  }
}
