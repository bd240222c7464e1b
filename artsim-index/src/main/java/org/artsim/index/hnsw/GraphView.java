package org.artsim.index.hnsw;

/**
 * Read-only access to the links of an HNSW graph, for searches and for writing files: the growable
 * graph Lucene builds ({@link LuceneGraphView}) or its compact frozen copy ({@link FrozenGraph}).
 * Level 0 is always read from its {@link PackedLinks} copy. Safe for concurrent readers while no
 * change runs (the index's read lock).
 */
interface GraphView {
  /** The number of nodes (ordinals {@code [0, size)}), all on level 0. */
  int size();

  /** The node searches start from; -1 when the graph is empty. */
  int entryNode();

  /** The number of levels (0 when empty). */
  int numLevels();

  /** The most links any node has on any level (a lower bound for scratch arrays). */
  int maxLinks();

  /** Lucene's {@code maxConn}: links per node on the upper levels. */
  int maxConn();

  /** Level 0, packed. */
  PackedLinks level0();

  /** Copies the neighbours of {@code node} on {@code level} to {@code out} (at least {@link #maxLinks()} long) and returns their number. */
  int neighbours(int level, int node, int[] out);

  /** The nodes on {@code level}, ascending. */
  int[] sortedNodes(int level);
}
