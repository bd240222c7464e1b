package org.artsim.index.hnsw;

import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;

/**
 * A read-only cursor over a {@link GraphView} for Lucene's searcher: Lucene's {@code
 * seek}/{@code nextNeighbor} keep their position in the graph object, so every search gets its own
 * cursor over the shared links. Not thread-safe.
 */
final class GraphCursor extends HnswGraph {
  private final GraphView graph;
  private final int[] current;
  private int size;
  private int upto;

  GraphCursor(GraphView graph) {
    this.graph = graph;
    this.current = new int[graph.maxLinks()];
  }

  @Override
  public void seek(int level, int target) {
    size = graph.neighbours(level, target, current);
    upto = -1;
  }

  @Override
  public int size() {
    return graph.size();
  }

  @Override
  public int maxNodeId() {
    return graph.size() - 1;
  }

  @Override
  public int nextNeighbor() {
    return ++upto < size ? current[upto] : DocIdSetIterator.NO_MORE_DOCS;
  }

  @Override
  public int numLevels() {
    return graph.numLevels();
  }

  @Override
  public int maxConn() {
    return graph.maxConn();
  }

  @Override
  public int entryNode() {
    return graph.entryNode();
  }

  @Override
  public NodesIterator getNodesOnLevel(int level) {
    int[] nodes = graph.sortedNodes(level);
    return new ArrayNodesIterator(nodes, nodes.length);
  }

  @Override
  public int neighborCount() {
    return size;
  }
}
