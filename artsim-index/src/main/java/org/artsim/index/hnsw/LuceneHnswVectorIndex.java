package org.artsim.index.hnsw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.ProgressTracker;
import org.artsim.index.HnswConfig;
import org.artsim.index.HnswConfig.Quantization;
import org.artsim.index.HnswConfig.Storage;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels.Score;

/**
 * HNSW on the graph classes inside lucene-core ({@code org.apache.lucene.util.hnsw}), scored with
 * artsim's SIMD kernels.
 *
 * <p>The graph's node numbers are artsim's ordinals. Lucene's builder and searcher see scores
 * through a monotone map to positive values, as Lucene's own similarity functions do ({@code dot
 * + 1} or {@code 1 / (1 - dot)} for inner products, {@code 1 / (1 + d²)} for L2); hits are
 * re-scored exactly afterwards. Unfiltered searches run artsim's {@link BeamSearch} over the graph
 * (tombstones are traversed, never collected); label-filtered searches run Lucene's searcher on a
 * per-call cursor with the qualifying ordinals as {@code acceptOrds} bits: Lucene keeps traversing
 * through rejected nodes but never collects them, and switches to its filtered searcher when few
 * nodes qualify. Any number of searches run in parallel.
 *
 * <p>Building uses {@link GraphInserter}: Lucene's graph and neighbour selection, found by
 * artsim's search loop, on {@link HnswConfig#threads()} threads ({@link ParallelLinks}) for
 * batches of at least 512 vectors per thread, into an empty graph or one that already holds nodes.
 * Levels are drawn from a generator seeded with {@code seed + first ordinal of the batch}, so they
 * never depend on the threads; a single-threaded build is reproducible for a given seed and
 * insertion order, a parallel one's links depend on thread timing.
 *
 * <p>After a batch that at least doubles the graph, and after loading a file, the graph is kept as
 * a {@link FrozenGraph} (links only; Lucene's growable graph also keeps a score per link in
 * per-node objects); the next insertion rebuilds the growable graph from it.
 *
 * <p>Malkov &amp; Yashunin, doi:10.1109/TPAMI.2018.2889473.
 */
final class LuceneHnswVectorIndex extends GraphVectorIndex {
  static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + LuceneHnswIndexProvider.NAME;
  static final int FORMAT_VERSION = 3;

  private static final int PARALLEL_BATCH = 512;

  private final Supplier supplier = new Supplier();
  private final BeamSearch beamSearch = new BeamSearch();
  /** The int8 copy the graph is built and searched on; null without quantization. */
  private final Int8Codes codes;
  /** The growable graph while nodes are being inserted; null while {@link #view} is frozen. */
  private OnHeapHnswGraph graph;
  /** Level 0 of the graph, packed for {@link BeamSearch}; kept current under the write lock. */
  private PackedLinks level0;
  /** What searches and files read: {@link #graph} with {@link #level0}, or the frozen copy. */
  private GraphView view;
  /** The number of nodes scorers may address (the ordinals being inserted included). */
  private volatile int scorerLimit;

  LuceneHnswVectorIndex(int dim, Metric metric, HnswConfig config) {
    super(LuceneHnswIndexProvider.NAME, dim, metric, config);
    this.codes = this.config.quantization() == Quantization.INT8 ? new Int8Codes(dim, kernels, score) : null;
    graphReset();
  }

  @Override
  public String kind() {
    return LuceneHnswIndexProvider.NAME;
  }

  /** Whether the graph is frozen (links only) rather than growable; for tests. */
  boolean frozen() {
    return store.read(() -> graph == null);
  }

  /** A monotone map of an artsim score onto the positive scores Lucene's graph code expects. */
  private float luceneScore(float artsimScore) {
    if (score == Score.DOT) {
      return artsimScore < 0 ? 1 / (1 - artsimScore) : artsimScore + 1;
    }
    return 1 / (1 + Math.max(0f, -artsimScore));
  }

  /** The scores the graph is built and searched with for {@code q}: fp32, or int8 codes. */
  private NodeScores nodeScores(float[] q) {
    return codes == null ? rows.scores(kernels, score, q) : codes.query(q);
  }

  /** Scores nodes against a query vector or against a stored node (its fp32 vector as the query). */
  private final class Scorer implements UpdateableRandomVectorScorer {
    private NodeScores scores;

    Scorer(float[] query) {
      this.scores = query == null ? null : nodeScores(query);
    }

    @Override
    public void setScoringOrdinal(int node) {
      scores = nodeScores(rows.get(node));
    }

    @Override
    public float score(int node) {
      return luceneScore(scores.score(node));
    }

    @Override
    public int maxOrd() {
      return scorerLimit;
    }
  }

  private final class Supplier implements RandomVectorScorerSupplier {
    @Override
    public UpdateableRandomVectorScorer scorer() {
      return new Scorer(null);
    }

    @Override
    public RandomVectorScorerSupplier copy() {
      return this;
    }
  }

  @Override
  void graphEnsureCapacity(int count) {
    scorerLimit = Math.max(scorerLimit, count);
  }

  @Override
  void graphAdd(int from, int to, ProgressTracker tracker) {
    if (graph == null) {
      regrow();
    }
    if (codes != null) {
      codes.update(rows::get, from, to);
    }
    int[] levels = GraphInserter.addLevels(graph, config.m(), config.seed() + from, from, to);
    level0.ensureNodes(to);
    int threads = Math.min(config.threads(), Math.max(1, (to - from) / PARALLEL_BATCH));
    var inserter = new GraphInserter(graph, level0, config.m(), config.efConstruction(), node -> nodeScores(rows.get(node)), codes == null, this::luceneScore, () -> new Scorer(null), threads > 1);
    if (threads > 1) {
      ParallelLinks.run(inserter, levels, from, to, threads, tracker);
    } else {
      for (int ord = from; ord < to; ord++) {
        inserter.link(ord, levels[ord - from]);
        if (((ord - from) & 1023) == 1023) {
          tracker.advance(1024);
        }
      }
      tracker.advance((to - from) & 1023);
    }
    if (2L * (to - from) >= to) {
      freeze();
    }
  }

  /**
   * Replaces the growable graph by its {@link FrozenGraph} (links only, no scores). Done after a
   * batch that at least doubled the graph (a build, a compaction) and on loading a file: the next
   * insertion then {@link #regrow}s it, which costs one score per link, at most what inserting the
   * batch itself cost per link, so the amortised cost of insertions stays within a constant factor.
   */
  private void freeze() {
    view = FrozenGraph.of(view);
    graph = null;
  }

  /** Rebuilds Lucene's growable graph from the frozen links, scoring each link as the builder would. */
  private void regrow() {
    graph = ((FrozenGraph) view).thaw(emptyGraph(), node -> nodeScores(rows.get(node)), this::luceneScore);
    view = new LuceneGraphView(graph, level0, config.m());
  }

  private OnHeapHnswGraph emptyGraph() {
    try {
      return HnswGraphBuilder.create(supplier, config.m(), config.efConstruction(), config.seed()).getGraph();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  void graphRemove(int ordinal) {
    // tombstones are passed to the searcher as acceptOrds
  }

  @Override
  void graphReset() {
    scorerLimit = 0;
    if (codes != null) {
      codes.reset();
    }
    level0 = new PackedLinks(2 * config.m());
    graph = emptyGraph();
    view = new LuceneGraphView(graph, level0, config.m());
  }

  @Override
  int[] graphSearch(float[] q, int beam, BitSet accept, int matches) {
    if (accept == null) {
      int[] nodes = new int[beam];
      int count = beamSearch.search(view, nodeScores(q), ordinals, beam, deadCount() > 0 ? dead() : null, nodes, new float[beam]);
      return Arrays.copyOf(nodes, count);
    }
    Bits acceptOrds = bits(accept, ordinals, false);
    var collector = new TopKnnCollector(beam, Integer.MAX_VALUE);
    try {
      HnswGraphSearcher.search(new Scorer(q), collector, new GraphCursor(view), acceptOrds, matches);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TopDocs top = collector.topDocs();
    int[] out = new int[top.scoreDocs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = top.scoreDocs[i].doc;
    }
    return out;
  }

  /**
   * Offers the beam search's nodes with the exact scores it already computed (no re-scoring); with
   * int8 codes, the candidates are re-ranked with their fp32 vectors instead.
   */
  @Override
  void offerUnfiltered(float[] q, int beam, TopK top) {
    if (codes != null) {
      super.offerUnfiltered(q, beam, top);
      return;
    }
    int[] nodes = new int[beam];
    float[] scores = new float[beam];
    int count = beamSearch.search(view, nodeScores(q), ordinals, beam, deadCount() > 0 ? dead() : null, nodes, scores);
    for (int i = 0; i < count; i++) {
      top.offer(scores[i], nodes[i]);
    }
  }

  private static Bits bits(BitSet set, int length, boolean negate) {
    return new Bits() {
      @Override
      public boolean get(int index) {
        return set.get(index) != negate;
      }

      @Override
      public int length() {
        return length;
      }
    };
  }

  // ---------------------------------------------------------------- files

  @Override
  public void save(Path path) {
    save(path, FORMAT, FORMAT_VERSION);
  }

  /** The quantization: {@code 0}, or {@code 1} and the int8 ranges (version 2 on); the storage: {@code 0} heap, {@code 1} mapped (version 3 on). */
  @Override
  void writeSettings(BinaryOut out) throws IOException {
    out.writeInt(codes == null ? 0 : 1);
    if (codes != null) {
      codes.write(out);
    }
    out.writeInt(config.storage() == Storage.MAPPED ? 1 : 0);
  }

  /** The vectors of every ordinal (tombstoned ones as zeros), then the graph level by level. */
  @Override
  void writeGraph(BinaryOut out) throws IOException {
    rows.write(out, ordinals);
    int levels = ordinals == 0 ? 0 : view.numLevels();
    out.writeInt(levels);
    out.writeInt(ordinals == 0 ? -1 : view.entryNode());
    int[] links = new int[view.maxLinks()];
    for (int level = 0; level < levels; level++) {
      int[] nodes = view.sortedNodes(level);
      out.writeInt(nodes.length);
      for (int node : nodes) {
        int count = view.neighbours(level, node, links);
        out.writeInt(node);
        out.writeInt(count);
        out.writeInts(links, 0, count);
      }
    }
  }

  static LuceneHnswVectorIndex read(BinaryIn in, int version) throws IOException {
    var header = Header.read(in, LuceneHnswIndexProvider.NAME);
    Quantization quantization = Quantization.NONE;
    if (version >= 2) {
      int kind = in.readInt();
      if (kind != 0 && kind != 1) {
        throw in.corrupt("quantization kind " + kind + " (0 none, 1 int8)");
      }
      quantization = kind == 1 ? Quantization.INT8 : Quantization.NONE;
    }
    var ranges = quantization == Quantization.INT8 ? new float[2][header.dim()] : null;
    int fittedAt = ranges == null ? 0 : Int8Codes.readRanges(in, ranges[0], ranges[1]);
    Storage storage = Storage.HEAP;
    if (version >= 3) {
      int kind = in.readInt();
      if (kind != 0 && kind != 1) {
        throw in.corrupt("storage kind " + kind + " (0 heap, 1 mapped)");
      }
      storage = kind == 1 ? Storage.MAPPED : Storage.HEAP;
    }
    var index = new LuceneHnswVectorIndex(header.dim(), header.metric(), header.config().withQuantization(quantization).withStorage(storage));
    try {
      index.readBody(in, fittedAt, ranges);
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
    return index;
  }

  /** Reads the items, vectors and graph into this new index (quantization ranges already read). */
  private void readBody(BinaryIn in, int fittedAt, float[][] ranges) throws IOException {
    if (codes != null) {
      codes.restore(fittedAt, ranges[0], ranges[1]);
    }
    readItems(in, 4L * dim);
    int n = ordinals;
    if (codes != null) {
      codes.startEncoding(in, n);
    }
    for (int ord = 0; ord < n; ord++) {
      float[] v = new float[dim];
      in.readFloats(v, 0, dim);
      checkStoredVector(in, ord, v);
      rows.set(ord, v);
      if (codes != null) {
        codes.encode(v, ord);
      }
    }
    int levels = in.readCount("level", 64, 4);
    int entry = in.readInt();
    if ((n == 0) != (levels == 0) || (n > 0 && (entry < 0 || entry >= n))) {
      throw in.corrupt("graph of " + n + " nodes has " + levels + " levels and entry node " + entry);
    }
    int maxLinks = 2 * config.m();
    int[][] levelNodes = new int[levels][];
    @SuppressWarnings("unchecked")
    Map<Integer, int[]>[] upper = new Map[levels];
    PackedLinks level0 = new PackedLinks(maxLinks);
    level0.ensureNodes(n);
    level0.trim(n);
    for (int level = 0; level < levels; level++) {
      int count = in.readCount("node", n, 8);
      if (level == 0 && count != n) {
        throw in.corrupt("level 0 holds " + count + " of " + n + " nodes");
      }
      levelNodes[level] = new int[count];
      upper[level] = level == 0 ? null : new HashMap<>();
      for (int i = 0; i < count; i++) {
        int node = in.readInt();
        int size = in.readCount("neighbour", maxLinks + 1, 4);
        int[] nb = new int[size];
        in.readInts(nb, 0, size);
        if (node < 0 || node >= n || (i > 0 && node <= levelNodes[level][i - 1])) {
          throw in.corrupt("node " + node + " on level " + level);
        }
        for (int x : nb) {
          if (x < 0 || x >= n) {
            throw in.corrupt("neighbour " + x + " of node " + node);
          }
        }
        levelNodes[level][i] = node;
        if (level == 0) {
          if (size > maxLinks) {
            throw in.corrupt("node " + node + " has " + size + " links on level 0, more than 2m = " + maxLinks);
          }
          level0.set(node, nb);
        } else {
          upper[level].put(node, nb);
        }
      }
    }
    if (n > 0) {
      scorerLimit = n;
      for (int level = 2; level < levels; level++) {
        for (int node : levelNodes[level]) {
          if (!upper[level - 1].containsKey(node)) {
            throw in.corrupt("node " + node + " is on level " + level + " but not below it");
          }
        }
      }
      if (levels > 1 && !upper[levels - 1].containsKey(entry)) {
        throw in.corrupt("entry node " + entry + " is not on the top level");
      }
      this.level0 = level0;
      view = FrozenGraph.of(n, entry, config.m(), level0, levelNodes, (level, node) -> upper[level].get(node));
      graph = null;
    }
  }
}
