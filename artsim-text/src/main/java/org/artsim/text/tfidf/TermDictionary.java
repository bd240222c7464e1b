package org.artsim.text.tfidf;

import java.util.Arrays;
import java.util.Set;

/**
 * Numbers every token and every word n-gram an index has seen. An n-gram is found from its
 * (n-1)-gram prefix and its last token through a primitive hash map, so counting bigrams and
 * trigrams never builds their strings; a term's string is made once, when the term is first seen.
 *
 * <p>Not thread-safe: the owning index guards it with its lock.
 */
final class TermDictionary {
  private final Set<String> stopWords;
  /** Open-addressing table of token id + 1 (0 = empty), keyed by the token's String hash. */
  private int[] tokenTable = new int[1 << 15];
  private String[] tokens = new String[1 << 14];
  private int[] tokenHash = new int[1 << 14];
  private boolean[] tokenStop = new boolean[1 << 14];
  private int tokenCount;
  /** (prefix term + 1) << 32 | token -> term; prefix -1 for unigrams. */
  private long[] keys = new long[1 << 16];
  private int[] values = new int[1 << 16];
  private int used;
  private String[] terms = new String[1 << 12];
  private int size;
  private boolean surrogates;

  /** A dictionary whose tokens in {@code stopWords} are flagged as stop words. */
  TermDictionary(Set<String> stopWords) {
    this.stopWords = stopWords;
    Arrays.fill(keys, -1L);
  }

  /** The stop-word set this dictionary flags. */
  Set<String> stopWords() {
    return stopWords;
  }

  /** Whether token {@code id} is a stop word. */
  boolean isStopWord(int token) {
    return tokenStop[token];
  }

  /** Number of terms. */
  int size() {
    return size;
  }

  /** The string of term {@code id}. */
  String term(int id) {
    return terms[id];
  }

  /** Whether some term holds a UTF-16 surrogate (then code-point order differs from {@link String#compareTo}). */
  boolean hasSurrogates() {
    return surrogates;
  }

  /** The id of a token, made if new. */
  int token(String token) {
    return token(token, 0, token.length());
  }

  /** The id of the token {@code text[start, end)}, made if new; no string is made for a known token. */
  int token(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + text.charAt(i);
    }
    int len = end - start;
    int mask = tokenTable.length - 1;
    int slot = mix(h) & mask;
    for (int e = tokenTable[slot]; e != 0; e = tokenTable[slot]) {
      int id = e - 1;
      if (tokenHash[id] == h && tokens[id].length() == len && tokens[id].regionMatches(0, text, start, len)) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
    if (tokenCount == tokens.length) {
      tokens = Arrays.copyOf(tokens, tokenCount * 2);
      tokenHash = Arrays.copyOf(tokenHash, tokenCount * 2);
      tokenStop = Arrays.copyOf(tokenStop, tokenCount * 2);
    }
    int id = tokenCount++;
    String s = text.substring(start, end);
    tokens[id] = s;
    tokenHash[id] = h;
    tokenStop[id] = stopWords.contains(s);
    tokenTable[slot] = id + 1;
    if (tokenCount * 2 > tokenTable.length) {
      int[] table = new int[tokenTable.length * 2];
      int m = table.length - 1;
      for (int t = 0; t < tokenCount; t++) {
        int sl = mix(tokenHash[t]) & m;
        while (table[sl] != 0) {
          sl = (sl + 1) & m;
        }
        table[sl] = t + 1;
      }
      tokenTable = table;
    }
    return id;
  }

  /** The id of a token, or -1 if it was never seen. */
  private int findToken(String token) {
    int h = token.hashCode();
    int mask = tokenTable.length - 1;
    for (int slot = mix(h) & mask, e = tokenTable[slot]; e != 0; slot = (slot + 1) & mask, e = tokenTable[slot]) {
      if (tokenHash[e - 1] == h && tokens[e - 1].equals(token)) {
        return e - 1;
      }
    }
    return -1;
  }

  private static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** The id of the term {@code prefix + " " + token} ({@code prefix = -1}: the token as a unigram), made if new. */
  int gram(int prefix, int token) {
    long key = ((long) (prefix + 1) << 32) | token;
    int slot = slot(key);
    if (keys[slot] == key) {
      return values[slot];
    }
    String s = prefix < 0 ? tokens[token] : terms[prefix] + ' ' + tokens[token];
    if (size == terms.length) {
      terms = Arrays.copyOf(terms, size * 2);
    }
    int id = size++;
    terms[id] = s;
    if (!surrogates) {
      for (int i = 0; i < s.length(); i++) {
        if (Character.isSurrogate(s.charAt(i))) {
          surrogates = true;
          break;
        }
      }
    }
    keys[slot] = key;
    values[slot] = id;
    if (++used * 2 > keys.length) {
      rehash();
    }
    return id;
  }

  /** The id of a term string (words separated by single spaces), made if new. */
  int intern(String term) {
    int id = -1;
    for (String t : term.split(" ", -1)) {
      id = gram(id, token(t));
    }
    return id;
  }

  /** The id of a term string, or -1 if it was never seen. */
  int find(String term) {
    int id = -1;
    for (String t : term.split(" ", -1)) {
      int tok = findToken(t);
      if (tok < 0) {
        return -1;
      }
      long key = ((long) (id + 1) << 32) | tok;
      int slot = slot(key);
      if (keys[slot] != key) {
        return -1;
      }
      id = values[slot];
    }
    return id;
  }

  private int slot(long key) {
    int mask = keys.length - 1;
    int h = (int) (key ^ (key >>> 29) ^ (key >>> 41)) * 0x9E3779B9;
    int slot = (h ^ (h >>> 16)) & mask;
    while (keys[slot] != -1L && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, -1L);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1L) {
        int slot = slot(oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
