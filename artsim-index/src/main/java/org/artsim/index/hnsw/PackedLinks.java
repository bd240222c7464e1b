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
 * <p>The copy is kept current by {@link GraphInserter}, which copies a node's record again whenever
 * it changes the node's level-0 list, under that node's lock; {@link #ensureNodes} and {@link
 * #copyAll} (which reallocate) run only while no other thread uses the copy. Reads of a record
 * are consistent under the same lock, or while no write runs. Node numbers times the stride must stay below
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

  /** Makes room for nodes {@code [0, nodes)} (new records hold no links), so later copies of their links do not reallocate. */
  void ensureNodes(int nodes) {
    long needed = (long) nodes * stride;
    if (needed > links.length) {
      links = Arrays.copyOf(links, Math.toIntExact(Math.max(needed, Math.min(Integer.MAX_VALUE - 8, links.length + (long) (links.length >> 1)))));
    }
  }

  /** Copies the level-0 links of {@code node} to {@code out} (at least {@code stride() - 1} long) and returns their number. */
  int neighbours(int node, int[] out) {
    int base = node * stride;
    int count = links[base];
    System.arraycopy(links, base + 1, out, 0, count);
    return count;
  }

  /** Drops the room past node {@code nodes - 1} (kept by {@link #ensureNodes} for growth). */
  void trim(int nodes) {
    int needed = Math.multiplyExact(nodes, stride);
    if (links.length > needed) {
      links = Arrays.copyOf(links, needed);
    }
  }

  /** Sets the level-0 links of {@code node} (within the room made by {@link #ensureNodes}) to {@code neighbours}. */
  void set(int node, int[] neighbours) {
    if (neighbours.length >= stride) {
      throw new IllegalArgumentException("HNSW node " + node + " has " + neighbours.length + " links on level 0, more than " + (stride - 1));
    }
    int base = Math.multiplyExact(node, stride);
    links[base] = neighbours.length;
    System.arraycopy(neighbours, 0, links, base + 1, neighbours.length);
  }

  /** Copies the level-0 links of every node in {@code [0, nodes)}. */
  void copyAll(OnHeapHnswGraph graph, int nodes) {
    links = new int[Math.multiplyExact(nodes, stride)];
    for (int node = 0; node < nodes; node++) {
      copy(graph, node);
    }
  }

  /** Copies the level-0 links of one node. */
  void copy(OnHeapHnswGraph graph, int node) {
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
