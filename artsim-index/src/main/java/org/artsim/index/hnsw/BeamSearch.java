package org.artsim.index.hnsw;

import java.util.Arrays;
import java.util.BitSet;
import org.artsim.vector.VectorKernels;

/**
 * The HNSW search of Malkov &amp; Yashunin (Algorithm 2 and 5, doi:10.1109/TPAMI.2018.2889473) over
 * a graph built by Lucene, with artsim's scores and allocation-free inner loops.
 *
 * <p>From the entry node, each upper level is descended greedily; level 0 is searched with a beam
 * of {@code beam} entries. What makes it faster than Lucene's own searcher on the same graph:
 *
 * <ul>
 *   <li>the unvisited neighbours of a node are collected first and then scored together with
 *       {@link NodeScores#scoreMany} (for fp32 vectors {@link VectorKernels#scoreGathered}, which
 *       reads four vectors at once so their cache misses overlap; hnswlib gets the same effect from
 *       explicit prefetches);
 *   <li>level 0 is read from {@link PackedLinks}, one flat array as in hnswlib;
 *   <li>the candidate and result queues are primitive binary heaps of (score, node) pairs;
 *   <li>the visited set is an array of per-thread epoch marks, cleared by incrementing the epoch.
 * </ul>
 *
 * <p>Tombstoned nodes are traversed as waypoints but never collected. Scores are artsim scores
 * (higher is closer) from a {@link NodeScores}: exact fp32 scores, so the result equals what an
 * exact re-score ranks, or int8 scores, re-ranked by the caller.
 *
 * <p>Thread-safe for concurrent searches over a graph that is not being changed (the index's read
 * lock guarantees that); each thread keeps its own scratch space.
 */
final class BeamSearch {
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  BeamSearch() {}

  /**
   * Finds up to {@code beam} nodes nearest to the query that {@code scorer} was prepared for and
   * writes them, best first, with their scores from {@code scorer} to {@code outNodes} and {@code
   * outScores} (each at least {@code beam} long).
   *
   * @param graph the graph's links (level 0 read from its packed copy)
   * @param nodes the number of node ordinals in the graph (the size of the visited marks)
   * @param dead tombstoned nodes, never returned; null when there are none
   * @return the number of nodes written
   */
  int search(GraphView graph, NodeScores scorer, int nodes, int beam, BitSet dead, int[] outNodes, float[] outScores) {
    Scratch s = SCRATCH.get();
    PackedLinks level0 = graph.level0();
    s.prepare(nodes, Math.max(level0.stride(), graph.maxLinks() + 1), beam);
    int current = graph.entryNode();
    float best = scorer.score(current);
    int[] ids = s.fresh;
    for (int level = graph.numLevels() - 1; level >= 1; level--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        int size = graph.neighbours(level, current, ids);
        scorer.scoreMany(ids, size, s.scores);
        for (int i = 0; i < size; i++) {
          if (s.scores[i] > best) {
            best = s.scores[i];
            current = ids[i];
            moved = true;
          }
        }
      }
    }
    searchBottom(level0.array(), level0.stride(), scorer, beam, dead, s, current, best);
    NodeHeap results = s.results;
    int count = results.size();
    for (int i = count - 1; i >= 0; i--) {
      outScores[i] = results.topKey();
      outNodes[i] = results.pop();
    }
    return count;
  }

  /** Leaves the best {@code beam} live nodes in {@code s.results}. */
  private static void searchBottom(int[] links, int stride, NodeScores scorer, int beam, BitSet dead, Scratch s, int entry, float entryScore) {
    NodeHeap candidates = s.candidates;
    NodeHeap results = s.results;
    s.visit(entry);
    candidates.push(-entryScore, entry);
    if (dead == null || !dead.get(entry)) {
      results.push(entryScore, entry);
    }
    int[] fresh = s.fresh;
    float[] scores = s.scores;
    while (candidates.size() > 0) {
      float candidate = -candidates.topKey();
      if (results.size() >= beam && candidate < results.topKey()) {
        break;
      }
      int base = candidates.pop() * stride;
      int end = base + 1 + links[base];
      int count = 0;
      for (int i = base + 1; i < end; i++) {
        int node = links[i];
        if (s.visit(node)) {
          fresh[count++] = node;
        }
      }
      scorer.scoreMany(fresh, count, scores);
      for (int i = 0; i < count; i++) {
        float value = scores[i];
        if (results.size() < beam || value > results.topKey()) {
          int node = fresh[i];
          candidates.push(-value, node);
          if (dead == null || !dead.get(node)) {
            results.push(value, node);
            if (results.size() > beam) {
              results.pop();
            }
          }
        }
      }
    }
  }

  /** Per-thread search state, reused between searches. */
  private static final class Scratch {
    int[] marks = new int[0];
    int epoch;
    int[] fresh = new int[0];
    float[] scores = new float[0];
    final NodeHeap candidates = new NodeHeap();
    final NodeHeap results = new NodeHeap();

    void prepare(int nodes, int maxNeighbours, int beam) {
      if (marks.length < nodes) {
        marks = new int[Math.max(nodes, marks.length + (marks.length >> 1))];
        epoch = 0;
      }
      if (++epoch == Integer.MAX_VALUE) {
        Arrays.fill(marks, 0);
        epoch = 1;
      }
      if (fresh.length < maxNeighbours) {
        fresh = new int[maxNeighbours];
        scores = new float[maxNeighbours];
      }
      candidates.clear();
      results.clear();
    }

    /** Marks a node visited; false if it already was. */
    boolean visit(int node) {
      if (marks[node] == epoch) {
        return false;
      }
      marks[node] = epoch;
      return true;
    }
  }
}
