package org.artsim.index.hnsw;

import java.util.Arrays;

/**
 * A binary min-heap of (key, node) pairs in two parallel primitive arrays: no boxing, no
 * allocation once grown. The smallest key is on top; ties are broken arbitrarily. Not thread-safe.
 */
final class NodeHeap {
  private float[] keys = new float[64];
  private int[] nodes = new int[64];
  private int size;

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** The smallest key; only when {@code size() > 0}. */
  float topKey() {
    return keys[0];
  }

  void push(float key, int node) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      nodes = Arrays.copyOf(nodes, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the pair with the smallest key and returns its node; only when {@code size() > 0}. */
  int pop() {
    int top = nodes[0];
    int last = --size;
    float key = keys[last];
    int node = nodes[last];
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < last && keys[child + 1] < keys[child]) {
        child++;
      }
      if (key <= keys[child]) {
        break;
      }
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
    return top;
  }
}
