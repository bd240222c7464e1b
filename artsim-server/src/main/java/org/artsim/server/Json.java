package org.artsim.server;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small streaming JSON writer: objects, arrays, strings, numbers, booleans and null, with the
 * commas placed for the caller. Strings are escaped per RFC 8259, and {@code <}, {@code >}, {@code
 * &}, {@code '}, U+2028 and U+2029 are written as {@code \\uXXXX} too, so the output is safe to
 * embed in HTML. A lone surrogate is written as U+FFFD. Numbers keep 7 significant digits
 * (whole numbers below 10^15 all of them); non-finite numbers are written as {@code null}. Not
 * thread-safe: one writer per response.
 */
final class Json {
  private static final MathContext SIGNIFICANT = new MathContext(7);
  private final StringBuilder out = new StringBuilder(256);
  /** One entry per open container: whether it has a member yet. */
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean afterName;

  /** Opens an object. */
  Json beginObject() {
    separate();
    out.append('{');
    open.push(new boolean[1]);
    return this;
  }

  /** Closes the innermost object. */
  Json endObject() {
    open.pop();
    out.append('}');
    return this;
  }

  /** Opens an array. */
  Json beginArray() {
    separate();
    out.append('[');
    open.push(new boolean[1]);
    return this;
  }

  /** Closes the innermost array. */
  Json endArray() {
    open.pop();
    out.append(']');
    return this;
  }

  /** Writes a member name; the next value is its value. */
  Json name(String name) {
    separate();
    quote(name);
    out.append(':');
    afterName = true;
    return this;
  }

  /** Writes a string, or null. */
  Json value(String s) {
    separate();
    if (s == null) {
      out.append("null");
    } else {
      quote(s);
    }
    return this;
  }

  /** Writes a number ({@code null} if not finite). */
  Json value(double d) {
    separate();
    if (!Double.isFinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(BigDecimal.valueOf(d).round(SIGNIFICANT).stripTrailingZeros());
    }
    return this;
  }

  /** Writes a boolean. */
  Json value(boolean b) {
    separate();
    out.append(b);
    return this;
  }

  /** A member with a string value. */
  Json field(String name, String value) {
    return name(name).value(value);
  }

  /** A member with a number value. */
  Json field(String name, double value) {
    return name(name).value(value);
  }

  /** A member with a boolean value. */
  Json field(String name, boolean value) {
    return name(name).value(value);
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    boolean[] top = open.peek();
    if (top != null) {
      if (top[0]) {
        out.append(',');
      }
      top[0] = true;
    }
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
              out.append(c).append(s.charAt(++i));
            } else {
              out.append("\\ufffd");
            }
          } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == '\u2028' || c == '\u2029' || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
