package org.artsim.index.hnsw;

import java.util.Arrays;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A copy of an HNSW graph's level 0 in one flat array, the layout hnswlib uses: node {@code v}'s
 * record starts at {@code v * stride()} and holds its neighbour count, then the neighbours. A
 * search then reaches a node's links with one array read instead of two object hops, and the
 * links of all nodes sit in one contiguous block whatever order the builder threads allocated
 * them in.
 *
 * <p>The copy is kept current by the index under its write lock: after each single insertion the
 * inserted node and its neighbours are copied again (an insertion changes only those lists: its
 * own, and the reverse links it adds), after a parallel build everything is. Not thread-safe for
 * writes; reads are safe while no write runs. Node numbers times the stride must stay below
 * {@code 2^31} (65 million nodes at m = 16).
 */
final class PackedLinks {
  private final int stride;
  private int[] links = new int[0];

  /** For graphs with at most {@code maxLinks} neighbours per node on level 0. */
  PackedLinks(int maxLinks) {
    this.stride = maxLinks + 1;
  }

  int stride() {
    return stride;
  }

  /** The packed records; valid until the next write. */
  int[] array() {
    return links;
  }

  /** Copies the level-0 links of every node in {@code [0, nodes)}. */
  void copyAll(OnHeapHnswGraph graph, int nodes) {
    links = new int[Math.multiplyExact(nodes, stride)];
    for (int node = 0; node < nodes; node++) {
      copy(graph, node);
    }
  }

  /** Copies the links of a just-inserted node and of each node it links to. */
  void copyInserted(OnHeapHnswGraph graph, int node) {
    copy(graph, node);
    NeighborArray neighbours = graph.getNeighbors(0, node);
    int size = neighbours.size();
    int[] ids = neighbours.nodes();
    for (int i = 0; i < size; i++) {
      copy(graph, ids[i]);
    }
  }

  private void copy(OnHeapHnswGraph graph, int node) {
    int base = Math.multiplyExact(node, stride);
    if (base + stride > links.length) {
      links = Arrays.copyOf(links, Math.max(base + stride, links.length + (links.length >> 1)));
    }
    NeighborArray neighbours = graph.getNeighbors(0, node);
    int size = neighbours.size();
    if (size >= stride) {
      throw new IllegalStateException("HNSW node " + node + " has " + size + " links on level 0, more than " + (stride - 1));
    }
    links[base] = size;
    System.arraycopy(neighbours.nodes(), 0, links, base + 1, size);
  }
}
