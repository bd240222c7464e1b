package org.artsim.index.hnsw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Inserts nodes into a Lucene {@link OnHeapHnswGraph} (Malkov &amp; Yashunin, Algorithm 1, with
 * the neighbour selection heuristic of Algorithm 4), with artsim's search loop in place of Lucene's
 * {@code HnswGraphBuilder}. The graph it leaves is the one Lucene's builder makes: the same level
 * distribution ({@code floor(-ln U / ln M)}), at most {@code 2M} links on level 0 and {@code M}
 * above, a new node's links chosen from its {@code efConstruction} nearest by Lucene's diversity
 * rule (a candidate is kept if it is closer to the new node than to every closer candidate kept),
 * and each reverse link added with {@link NeighborArray#addAndEnsureDiversity} (the list's least
 * diverse link dropped when it overflows).
 *
 * <p>What differs is the search that finds the candidates, where Lucene's builder spends most of
 * its time (profile in {@code artsim-bench/results/scale-hnsw.md}): the unvisited neighbours of an
 * expanded node are scored together with {@link NodeScores#scoreMany} (the gathered kernel, four
 * vectors at once), the candidate and result queues are primitive {@link NodeHeap}s, the visited
 * set is a per-thread array of epoch marks, and the diversity check exits at the first closer
 * kept neighbour and scores from prepared kept nodes.
 *
 * <p><b>Concurrency.</b> {@link #link} may run on several threads at once for different nodes,
 * once every node of the batch has been added to the graph's levels ({@link #addLevels}, on one
 * thread, so that the graph's arrays are not resized under the workers). Each node's neighbour
 * lists are read and written under one of {@value #STRIPES} striped monitors, never two at a time;
 * a node whose level is above the graph's top level holds a global lock for its whole insertion (as
 * hnswlib does), so the entry node is promoted by one thread at a time. With one thread no locks
 * are taken. Levels are drawn from a seeded generator in ordinal order, so they do not depend on
 * the number of threads; single-threaded insertion is reproducible.
 */
final class GraphInserter {
  private static final int STRIPES = 1024;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final OnHeapHnswGraph graph;
  private final PackedLinks level0;
  private final int m;
  private final int efConstruction;
  private final IntFunction<NodeScores> nodeScores;
  private final boolean symmetric;
  private final ScoreMap luceneScore;
  private final Supplier<UpdateableRandomVectorScorer> luceneScorer;
  private final Object[] stripes;
  private final ReentrantLock entryLock = new ReentrantLock();

  /** The map of an artsim score onto the score stored in the graph (monotone increasing). */
  @FunctionalInterface
  interface ScoreMap {
    float map(float artsimScore);
  }

  /**
   * @param level0 the graph's level 0, packed; kept current as links change (level-0 searches read
   *     it), and must have room for every node of the batch before {@link #link} runs
   * @param nodeScores the scores of all nodes against a stored node's vector
   * @param symmetric whether the score of {@code a} from {@code b} equals that of {@code b} from
   *     {@code a} (fp32), which lets a diversity check score from either side
   * @param luceneScore the map from artsim scores to the scores the graph stores
   * @param luceneScorer a new scorer over the stored scores, for {@link
   *     NeighborArray#addAndEnsureDiversity} (one per thread)
   * @param concurrent whether {@link #link} runs on several threads
   */
  GraphInserter(
      OnHeapHnswGraph graph,
      PackedLinks level0,
      int m,
      int efConstruction,
      IntFunction<NodeScores> nodeScores,
      boolean symmetric,
      ScoreMap luceneScore,
      Supplier<UpdateableRandomVectorScorer> luceneScorer,
      boolean concurrent) {
    this.graph = graph;
    this.level0 = level0;
    this.m = m;
    this.efConstruction = efConstruction;
    this.nodeScores = nodeScores;
    this.symmetric = symmetric;
    this.luceneScore = luceneScore;
    this.luceneScorer = luceneScorer;
    if (concurrent) {
      stripes = new Object[STRIPES];
      for (int i = 0; i < STRIPES; i++) {
        stripes[i] = new Object();
      }
    } else {
      stripes = null;
    }
  }

  /**
   * Draws the levels of nodes {@code [from, to)} from a generator seeded with {@code seed} and adds
   * each node to the graph on its levels (without links); returns the levels, indexed by {@code
   * node - from}. On one thread, before any {@link #link} of these nodes.
   */
  static int[] addLevels(OnHeapHnswGraph graph, int m, long seed, int from, int to) {
    var random = new SplittableRandom(seed);
    double ml = m == 1 ? 1 : 1 / Math.log(m);
    int[] levels = new int[to - from];
    for (int node = from; node < to; node++) {
      double u;
      do {
        u = random.nextDouble();
      } while (u == 0.0);
      int level = (int) (-Math.log(u) * ml);
      levels[node - from] = level;
      for (int l = level; l >= 0; l--) {
        graph.addNode(l, node);
      }
    }
    return levels;
  }

  /** Links a node already added on levels {@code [0, nodeLevel]} into the graph. */
  void link(int node, int nodeLevel) {
    int maxLevel = graph.numLevels() - 1;
    int entry = graph.entryNode();
    boolean promote = entry < 0 || nodeLevel > maxLevel;
    if (promote) {
      entryLock.lock();
    }
    try {
      if (promote) {
        maxLevel = graph.numLevels() - 1;
        entry = graph.entryNode();
        if (entry < 0) {
          graph.trySetNewEntryNode(node, nodeLevel);
          return;
        }
        if (nodeLevel <= maxLevel) {
          entryLock.unlock();
          promote = false;
        }
      }
      connect(node, nodeLevel, entry, maxLevel);
      if (promote) {
        graph.tryPromoteNewEntryNode(node, nodeLevel, maxLevel);
      }
    } finally {
      if (promote) {
        entryLock.unlock();
      }
    }
  }

  private void connect(int node, int nodeLevel, int entry, int maxLevel) {
    Scratch s = SCRATCH.get();
    s.prepare(graph.maxNodeId() + 1, 2 * m + 1, efConstruction);
    NodeScores scorer = nodeScores.apply(node);
    int current = entry;
    float best = scorer.score(current);
    for (int level = maxLevel; level > nodeLevel; level--) {
      boolean moved = true;
      while (moved) {
        moved = false;
        int count = neighbours(level, current, s.links);
        scorer.scoreMany(s.links, count, s.scores);
        for (int i = 0; i < count; i++) {
          if (s.scores[i] > best) {
            best = s.scores[i];
            current = s.links[i];
            moved = true;
          }
        }
      }
    }
    int top = Math.min(nodeLevel, maxLevel);
    s.prepareLevels(top + 1, 2 * m);
    for (int level = top; level >= 0; level--) {
      searchLevel(scorer, level, current, best, s);
      current = s.found[0];
      best = s.foundScores[0];
      s.keptCount[level] = selectDiverse(s.foundCount, level == 0 ? 2 * m : m, s, s.keptNodes[level], s.keptScores[level]);
    }
    for (int level = 0; level <= top; level++) {
      addLinks(node, level, s.keptCount[level], s.keptNodes[level], s.keptScores[level]);
    }
  }

  /**
   * Beam search of width {@code efConstruction} on one level; writes the nodes found, best first,
   * to {@code s.found}, their scores to {@code s.foundScores} and their number to {@code
   * s.foundCount}.
   */
  private void searchLevel(NodeScores scorer, int level, int entry, float entryScore, Scratch s) {
    s.newEpoch();
    NodeHeap candidates = s.candidates;
    NodeHeap results = s.results;
    candidates.clear();
    results.clear();
    s.visit(entry);
    candidates.push(-entryScore, entry);
    results.push(entryScore, entry);
    int ef = efConstruction;
    int[] links = s.links;
    float[] scores = s.scores;
    while (candidates.size() > 0) {
      if (results.size() >= ef && -candidates.topKey() < results.topKey()) {
        break;
      }
      int count = neighbours(level, candidates.pop(), links);
      int fresh = 0;
      for (int i = 0; i < count; i++) {
        int node = links[i];
        if (s.visit(node)) {
          links[fresh++] = node;
        }
      }
      scorer.scoreMany(links, fresh, scores);
      for (int i = 0; i < fresh; i++) {
        float value = scores[i];
        if (results.size() < ef || value > results.topKey()) {
          candidates.push(-value, links[i]);
          results.push(value, links[i]);
          if (results.size() > ef) {
            results.pop();
          }
        }
      }
    }
    int found = results.size();
    s.foundCount = found;
    for (int i = found - 1; i >= 0; i--) {
      s.foundScores[i] = results.topKey();
      s.found[i] = results.pop();
    }
  }

  /**
   * Keeps, of {@code s.found[0, found)} in order, each candidate closer to the new node than to
   * every candidate kept before it, up to {@code maxConn}; writes them to {@code keptNodes} and
   * {@code keptScores} and returns their number. With symmetric scores (fp32) a candidate's
   * distances to the kept nodes are scored from the candidate, four at a time with the gathered
   * kernel; otherwise (int8: a preparation costs as much as a score) from one prepared {@link
   * NodeScores} per kept node.
   */
  private int selectDiverse(int found, int maxConn, Scratch s, int[] keptNodes, float[] keptScores) {
    NodeScores[] fromKept = symmetric ? null : new NodeScores[maxConn];
    int kept = 0;
    for (int i = 0; i < found && kept < maxConn; i++) {
      int candidate = s.found[i];
      float score = s.foundScores[i];
      boolean diverse = kept == 0 || (symmetric ? !nodeScores.apply(candidate).anyAtLeast(keptNodes, kept, score) : diverseFromKept(fromKept, kept, candidate, score));
      if (diverse) {
        keptNodes[kept] = candidate;
        keptScores[kept] = score;
        if (!symmetric && kept + 1 < maxConn) {
          fromKept[kept] = nodeScores.apply(candidate);
        }
        kept++;
      }
    }
    return kept;
  }

  private static boolean diverseFromKept(NodeScores[] fromKept, int kept, int candidate, float score) {
    for (int j = 0; j < kept; j++) {
      if (fromKept[j].score(candidate) >= score) {
        return false;
      }
    }
    return true;
  }

  /**
   * Links the node to the kept candidates on a level and each of them back to the node. Levels are
   * linked bottom up, so a node reached on a level already has its links on every level below.
   */
  private void addLinks(int node, int level, int kept, int[] nodes, float[] scores) {
    float[] mapped = new float[kept];
    for (int i = 0; i < kept; i++) {
      mapped[i] = luceneScore.map(scores[i]);
    }
    if (stripes == null) {
      fillOwn(level, node, kept, nodes, mapped);
    } else {
      synchronized (stripes[node & (STRIPES - 1)]) {
        fillOwn(level, node, kept, nodes, mapped);
      }
    }
    UpdateableRandomVectorScorer scorer = luceneScorer.get();
    try {
      for (int i = 0; i < kept; i++) {
        int other = nodes[i];
        if (stripes == null) {
          addReverse(level, other, node, mapped[i], scorer);
        } else {
          synchronized (stripes[other & (STRIPES - 1)]) {
            addReverse(level, other, node, mapped[i], scorer);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills the new node's list on a level, still empty: no other node links to it there yet. */
  private void fillOwn(int level, int node, int kept, int[] nodes, float[] scores) {
    NeighborArray own = graph.getNeighbors(level, node);
    for (int i = 0; i < kept; i++) {
      own.addInOrder(nodes[i], scores[i]);
    }
    if (level == 0) {
      level0.copy(graph, node);
    }
  }

  /** Adds the reverse link {@code other -> node}, dropping {@code other}'s least diverse link if the list overflows. */
  private void addReverse(int level, int other, int node, float score, UpdateableRandomVectorScorer scorer) throws IOException {
    graph.getNeighbors(level, other).addAndEnsureDiversity(node, score, other, scorer);
    if (level == 0) {
      level0.copy(graph, other);
    }
  }

  /** Copies the links of a node on a level to {@code out} and returns their number. */
  private int neighbours(int level, int node, int[] out) {
    if (stripes == null) {
      return copy(level, node, out);
    }
    synchronized (stripes[node & (STRIPES - 1)]) {
      return copy(level, node, out);
    }
  }

  private int copy(int level, int node, int[] out) {
    if (level == 0) {
      return level0.neighbours(node, out);
    }
    NeighborArray links = graph.getNeighbors(level, node);
    int size = links.size();
    System.arraycopy(links.nodes(), 0, out, 0, size);
    return size;
  }

  /** Per-thread insertion state, reused between insertions. */
  private static final class Scratch {
    /** Visit marks, two bytes a node (half the cache footprint of ints); cleared when the epoch wraps. */
    short[] marks = new short[0];
    short epoch;
    int[] links = new int[0];
    float[] scores = new float[0];
    int[] found = new int[0];
    float[] foundScores = new float[0];
    int foundCount;
    int[][] keptNodes = new int[0][];
    float[][] keptScores = new float[0][];
    int[] keptCount = new int[0];
    final NodeHeap candidates = new NodeHeap();
    final NodeHeap results = new NodeHeap();

    /** Room for the kept links of {@code levels} levels, up to {@code maxConn} each. */
    void prepareLevels(int levels, int maxConn) {
      if (keptNodes.length < levels || (levels > 0 && keptNodes[0].length < maxConn)) {
        int count = Math.max(levels, keptNodes.length);
        keptNodes = new int[count][maxConn];
        keptScores = new float[count][maxConn];
        keptCount = new int[count];
      }
    }

    void prepare(int nodes, int maxLinks, int ef) {
      if (marks.length < nodes) {
        marks = new short[Math.max(nodes, marks.length + (marks.length >> 1))];
        epoch = 0;
      }
      int buffer = Math.max(maxLinks, ef) + 1;
      if (links.length < buffer) {
        links = new int[buffer];
        scores = new float[buffer];
        found = new int[buffer];
        foundScores = new float[buffer];
      }
    }

    void newEpoch() {
      if (++epoch == Short.MAX_VALUE) {
        Arrays.fill(marks, (short) 0);
        epoch = 1;
      }
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
