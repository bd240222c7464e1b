package org.artsim.vector;

import java.util.Arrays;

/**
 * Keeps the {@code k} best (score, ordinal) pairs offered to it, with artsim's order: higher score
 * first, and among equal scores the smaller id first. Ids are looked up only to break exact ties,
 * so the common path is one float comparison.
 *
 * <p>A min-heap on primitive arrays; no allocation per offer. Not thread-safe: use one per query.
 */
public final class TopK {
  /** Maps an index's internal ordinal to the item's id, for tie-breaking. */
  @FunctionalInterface
  public interface Ids {
    /** The id of the item at {@code ordinal}. */
    String id(int ordinal);
  }

  private final int k;
  private final Ids ids;
  private float[] scores;
  private int[] ords;
  private int size;

  /** A collector of the best {@code k}; ties are broken by {@code ids}. */
  public TopK(int k, Ids ids) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    this.k = k;
    this.ids = ids;
    int cap = Math.min(k, 64);
    this.scores = new float[cap];
    this.ords = new int[cap];
  }

  /** How many pairs are held (at most k). */
  public int size() {
    return size;
  }

  /** Whether k pairs are held. */
  public boolean full() {
    return size == k;
  }

  /** The worst score held, or negative infinity while fewer than k are held. */
  public float threshold() {
    return size < k ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /** Offers a pair; keeps it if it beats the worst held (or fewer than k are held). */
  public void offer(float score, int ordinal) {
    if (size < k) {
      if (size == scores.length) {
        int cap = (int) Math.min(k, 2L * scores.length);
        scores = Arrays.copyOf(scores, cap);
        ords = Arrays.copyOf(ords, cap);
      }
      scores[size] = score;
      ords[size] = ordinal;
      siftUp(size++);
    } else if (score > scores[0] || (score == scores[0] && worse(ords[0], ordinal))) {
      scores[0] = score;
      ords[0] = ordinal;
      siftDown(0);
    }
  }

  /** Whether {@code a} ranks below {@code b} at equal score (larger id ranks lower). */
  private boolean worse(int a, int b) {
    return ids.id(a).compareTo(ids.id(b)) > 0;
  }

  /** Whether the pair at heap slot i is worse than the one at slot j. */
  private boolean lower(int i, int j) {
    return scores[i] < scores[j] || (scores[i] == scores[j] && worse(ords[i], ords[j]));
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!lower(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int m = l + 1 < size && lower(l + 1, l) ? l + 1 : l;
      if (!lower(m, i)) {
        return;
      }
      swap(i, m);
      i = m;
    }
  }

  private void swap(int i, int j) {
    float s = scores[i];
    scores[i] = scores[j];
    scores[j] = s;
    int o = ords[i];
    ords[i] = ords[j];
    ords[j] = o;
  }

  /**
   * Empties the collector and returns the held ordinals best first; {@code scoresOut} (length at
   * least {@link #size()}) receives their scores.
   */
  public int[] drainBestFirst(float[] scoresOut) {
    int n = size;
    int[] out = new int[n];
    for (int p = n - 1; p >= 0; p--) {
      out[p] = ords[0];
      scoresOut[p] = scores[0];
      size--;
      scores[0] = scores[size];
      ords[0] = ords[size];
      siftDown(0);
    }
    return out;
  }

  @Override
  public String toString() {
    return "TopK[k=" + k + ", size=" + size + ", scores=" + Arrays.toString(Arrays.copyOf(scores, size)) + "]";
  }
}
