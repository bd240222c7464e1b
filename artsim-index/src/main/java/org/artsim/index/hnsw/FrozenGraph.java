package org.artsim.index.hnsw;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * An HNSW graph's links without the scores a builder keeps beside them: level 0 as {@link
 * PackedLinks} ({@code 4 * (2m + 1)} bytes a node), each upper level as its sorted node numbers and
 * one flat array of records (count, then the neighbours). That is the layout FAISS and hnswlib keep
 * for searching; Lucene's growable graph holds, per node, neighbour and score arrays as objects
 * (about 2.7 times the bytes at m = 16), which only inserting needs. Immutable; any number of
 * concurrent readers.
 */
final class FrozenGraph implements GraphView {
  private final int size;
  private final int entry;
  private final int maxConn;
  private final int maxLinks;
  private final PackedLinks level0;
  /** {@code nodes[level]}: the nodes on an upper level, ascending ({@code nodes[0]} is unused). */
  private final int[][] nodes;
  /** {@code links[level]}: one record of {@code strides[level]} ints per node, in {@code nodes[level]}'s order. */
  private final int[][] links;
  private final int[] strides;

  /** Upper-level neighbours of a node, as a file or a graph holds them. */
  @FunctionalInterface
  interface Links {
    int[] of(int level, int node);
  }

  private FrozenGraph(int size, int entry, int maxConn, PackedLinks level0, int[][] nodes, int[][] links, int[] strides) {
    this.size = size;
    this.entry = entry;
    this.maxConn = maxConn;
    this.level0 = level0;
    this.nodes = nodes;
    this.links = links;
    this.strides = strides;
    int most = level0.stride() - 1;
    for (int stride : strides) {
      most = Math.max(most, stride - 1);
    }
    this.maxLinks = most;
  }

  /**
   * A frozen graph of {@code size} nodes whose level 0 is {@code level0} (holding exactly those
   * nodes' records) and whose upper levels hold {@code upperNodes[level]} (ascending, level 1 on)
   * linked as {@code linksOf} says.
   */
  static FrozenGraph of(int size, int entry, int maxConn, PackedLinks level0, int[][] upperNodes, Links linksOf) {
    int levels = upperNodes.length;
    int[][] nodes = new int[levels][];
    int[][] links = new int[levels][];
    int[] strides = new int[levels];
    for (int level = 1; level < levels; level++) {
      int[] onLevel = upperNodes[level];
      int[][] lists = new int[onLevel.length][];
      int stride = maxConn + 1;
      for (int i = 0; i < onLevel.length; i++) {
        lists[i] = linksOf.of(level, onLevel[i]);
        stride = Math.max(stride, lists[i].length + 1);
      }
      int[] records = new int[Math.multiplyExact(onLevel.length, stride)];
      for (int i = 0; i < onLevel.length; i++) {
        records[i * stride] = lists[i].length;
        System.arraycopy(lists[i], 0, records, i * stride + 1, lists[i].length);
      }
      nodes[level] = onLevel.clone();
      links[level] = records;
      strides[level] = stride;
    }
    return new FrozenGraph(size, entry, maxConn, level0, nodes, links, strides);
  }

  /** A frozen copy of {@code view}, sharing its level 0 (trimmed to the view's nodes). */
  static FrozenGraph of(GraphView view) {
    int levels = view.numLevels();
    int[][] upper = new int[levels][];
    for (int level = 1; level < levels; level++) {
      upper[level] = view.sortedNodes(level);
    }
    int[] buffer = new int[view.maxLinks()];
    PackedLinks level0 = view.level0();
    level0.trim(view.size());
    return of(view.size(), view.entryNode(), view.maxConn(), level0, upper, (level, node) -> Arrays.copyOf(buffer, view.neighbours(level, node, buffer)));
  }

  /**
   * Fills {@code empty} (a new growable graph of the same {@code m}) with these nodes and links, in
   * their order, each link of a node scored as the builder scores it: {@code scoresOf.apply(node)}
   * (the node's vector as the query) mapped by {@code luceneScore}. One score per link.
   */
  OnHeapHnswGraph thaw(OnHeapHnswGraph empty, IntFunction<NodeScores> scoresOf, GraphInserter.ScoreMap luceneScore) {
    int[] top = new int[size];
    for (int level = 1; level < nodes.length; level++) {
      for (int node : nodes[level]) {
        top[node] = level;
      }
    }
    for (int node = 0; node < size; node++) {
      for (int level = top[node]; level >= 0; level--) {
        empty.addNode(level, node);
      }
    }
    int[] buffer = new int[maxLinks];
    for (int node = 0; node < size; node++) {
      NodeScores scores = scoresOf.apply(node);
      for (int level = 0; level <= top[node]; level++) {
        int count = neighbours(level, node, buffer);
        NeighborArray target = empty.getNeighbors(level, node);
        for (int i = 0; i < count; i++) {
          target.addOutOfOrder(buffer[i], luceneScore.map(scores.score(buffer[i])));
        }
      }
    }
    if (size > 0) {
      empty.trySetNewEntryNode(entry, nodes.length - 1);
    }
    return empty;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int entryNode() {
    return entry;
  }

  @Override
  public int numLevels() {
    return nodes.length;
  }

  @Override
  public int maxLinks() {
    return maxLinks;
  }

  @Override
  public int maxConn() {
    return maxConn;
  }

  @Override
  public PackedLinks level0() {
    return level0;
  }

  @Override
  public int neighbours(int level, int node, int[] out) {
    if (level == 0) {
      return level0.neighbours(node, out);
    }
    int i = Arrays.binarySearch(nodes[level], node);
    if (i < 0) {
      return 0;
    }
    int[] records = links[level];
    int base = i * strides[level];
    int count = records[base];
    System.arraycopy(records, base + 1, out, 0, count);
    return count;
  }

  @Override
  public int[] sortedNodes(int level) {
    return level == 0 ? IntStream.range(0, size).toArray() : nodes[level].clone();
  }
}
