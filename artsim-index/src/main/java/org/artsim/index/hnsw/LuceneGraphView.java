package org.artsim.index.hnsw;

import java.util.stream.IntStream;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * The growable graph Lucene builds, seen through {@link GraphView}: upper levels from Lucene's
 * neighbour arrays, level 0 from the {@link PackedLinks} copy kept current beside it.
 */
record LuceneGraphView(OnHeapHnswGraph graph, PackedLinks level0, int maxConn) implements GraphView {
  @Override
  public int size() {
    return graph.size();
  }

  @Override
  public int entryNode() {
    return graph.size() == 0 ? -1 : graph.entryNode();
  }

  @Override
  public int numLevels() {
    return graph.size() == 0 ? 0 : graph.numLevels();
  }

  @Override
  public int maxLinks() {
    return Math.max(level0.stride() - 1, 2 * maxConn + 1);
  }

  @Override
  public int neighbours(int level, int node, int[] out) {
    if (level == 0) {
      return level0.neighbours(node, out);
    }
    NeighborArray na = graph.getNeighbors(level, node);
    int count = na.size();
    System.arraycopy(na.nodes(), 0, out, 0, count);
    return count;
  }

  @Override
  public int[] sortedNodes(int level) {
    return level == 0 ? IntStream.range(0, graph.size()).toArray() : HnswGraph.NodesIterator.getSortedNodes(graph.getNodesOnLevel(level));
  }
}
