package org.artsim.index.balltree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.artsim.Artsim;
import org.artsim.DuplicateIdException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.BallTreeConfig;
import org.artsim.index.support.Args;
import org.artsim.index.support.IdErrors;
import org.artsim.index.support.ItemStore;
import org.artsim.index.support.ParallelQueries;
import org.artsim.index.support.SearchRequests;
import org.artsim.index.support.IndexFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.artsim.vector.Vectors;

/**
 * Exact k-nearest-neighbour search with a ball tree, conditioned on labels.
 *
 * <h2>Storage</h2>
 *
 * One row-major {@code float[]} holds every stored vector by <em>position</em>. Positions {@code
 * [0, treeSize)} are the tree's rows in leaf order, so a leaf is a contiguous block scored with one
 * {@link VectorKernels#scoreRows} call; positions {@code [treeSize, size)} are the <em>buffer</em>
 * of items added since the last build, scanned exactly by every query. Removing an item sets a
 * tombstone on its position and decrements the live and label counts of its leaf and ancestors;
 * updating one tombstones the old position and appends the new vector to the buffer. When the
 * buffer plus tombstones exceed {@code max(leafSize, live / 8)} the next change rebuilds the tree
 * over the live items (compacting storage). Results are exact at all times.
 *
 * <h2>Search</h2>
 *
 * Depth-first, best bound first, with a k-bounded heap ({@link TopK}): a node is opened only while
 * its upper bound on any row's score is at least the k-th best score so far. For {@link
 * Metric#DOT} and {@link Metric#COSINE} the bound is SynapseML's {@code q·mu + radius·|q|}; for
 * {@link Metric#L2} it is {@code -(max(0, |q - mu| - radius))²} (triangle inequality). Each bound
 * is widened by a relative float-rounding margin so that no row whose computed score could reach
 * the threshold is ever skipped; scores come from the same kernels as the flat index, so ids and
 * scores equal the flat index's exactly. A label filter prunes every subtree whose label counts are
 * zero for all allowed values of a field, and leaf rows are checked against the filter's bitset.
 *
 * <p>{@link #searchBatch} answers chunks of {@value #BATCH_CHUNK} queries on {@link
 * BallTreeConfig#searchThreads()} threads ({@link ParallelQueries}) under one read lock; each answer
 * is exactly what {@link #search} returns.
 *
 * <p>Thread-safe: a read-write lock lets searches run in parallel while changes wait for them.
 */
final class BallTreeIndex implements VectorIndex {
  static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + BallTreeIndexProvider.NAME;
  static final int FORMAT_VERSION = 2;

  /** Pending changes (buffer + tombstones) past this fraction of live items trigger a rebuild. */
  private static final int REBUILD_DIVISOR = 8;
  /** Queries a batch hands to a thread at a time (one search view each). */
  static final int BATCH_CHUNK = 8;

  private final int dim;
  private final Metric metric;
  private final Score score;
  private final BallTreeConfig config;
  private final VectorKernels kernels = VectorKernels.get();
  /** Ids, labels, positions (slots), postings, tombstones and the lock. */
  private final ItemStore store;
  /** Relative widening of node bounds that covers float32 rounding of kernel scores. */
  private final double tolerance;

  private float[] data;
  /** The number of positions, equal to the store's slots. */
  private int size;
  private int treeSize;
  private BallTree tree;

  BallTreeIndex(int dim, Metric metric, BallTreeConfig config) {
    this.dim = dim;
    this.metric = metric;
    this.config = config;
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    this.tolerance = (dim + 4.0 * kernels.lanes() + 64) * 0x1p-23;
    this.data = new float[16 * dim];
    this.store = new ItemStore(BallTreeIndexProvider.NAME, 16);
  }

  private static int maxRows(int dim) {
    return (Integer.MAX_VALUE - 16) / dim;
  }

  @Override
  public String kind() {
    return BallTreeIndexProvider.NAME;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  BallTreeConfig config() {
    return config;
  }

  @Override
  public int size() {
    return store.size();
  }

  private float[] prepare(String id, float[] vector) {
    return Vectors.prepare(vector, dim, metric, "vector for '" + id + "'");
  }

  @Override
  public void add(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    Labels l = Args.requireLabels(labels);
    float[] v = prepare(id, vector);
    store.write(
        () -> {
          if (store.slotOf(id) >= 0) {
            throw IdErrors.duplicate(id);
          }
          append(id, v, l);
          maybeRebuild();
        });
  }

  @Override
  public void addAll(List<VectorEntry> entries, ProgressListener listener) {
    Args.requireEntries(entries);
    var prepared = new float[entries.size()][];
    var batchIds = new HashSet<String>();
    for (int i = 0; i < entries.size(); i++) {
      VectorEntry e = entries.get(i);
      if (!batchIds.add(e.id())) {
        throw new DuplicateIdException("id '" + e.id() + "' appears twice in the batch; give each item one entry");
      }
      prepared[i] = prepare(e.id(), e.vector());
    }
    var tracker = new ProgressTracker("balltree: add", entries.size(), listener);
    store.write(
        () -> {
          for (VectorEntry e : entries) {
            if (store.slotOf(e.id()) >= 0) {
              throw IdErrors.duplicate(e.id());
            }
          }
          ensureCapacity(size + entries.size());
          for (int i = 0; i < entries.size(); i++) {
            append(entries.get(i).id(), prepared[i], entries.get(i).labels());
          }
          maybeRebuild();
          tracker.advance(entries.size());
        });
  }

  @Override
  public boolean put(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    Labels l = Args.requireLabels(labels);
    float[] v = prepare(id, vector);
    return store.write(
        () -> {
          boolean replaced = removeLocked(id);
          append(id, v, l);
          maybeRebuild();
          return replaced;
        });
  }

  @Override
  public void update(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    Labels l = Args.requireLabels(labels);
    float[] v = prepare(id, vector);
    store.write(
        () -> {
          if (store.slotOf(id) < 0) {
            throw IdErrors.unknown(id);
          }
          removeLocked(id);
          append(id, v, l);
          maybeRebuild();
        });
  }

  @Override
  public boolean remove(String id) {
    IdErrors.requireId(id);
    return store.write(
        () -> {
          boolean removed = removeLocked(id);
          if (removed) {
            maybeRebuild();
          }
          return removed;
        });
  }

  /** Tombstones the item's position; false if the id is absent. */
  private boolean removeLocked(String id) {
    int pos = store.slotOf(id);
    if (pos < 0) {
      return false;
    }
    if (pos < treeSize) {
      tree.removeRow(pos, store.labels(pos));
    }
    store.tombstone(id);
    return true;
  }

  private void append(String id, float[] v, Labels l) {
    ensureCapacity(size + 1);
    System.arraycopy(v, 0, data, size * dim, dim);
    store.append(id, l);
    size++;
  }

  private void ensureCapacity(int rows) {
    if (rows * (long) dim <= data.length) {
      return;
    }
    int max = maxRows(dim);
    if (rows > max) {
      throw new InvalidArgumentException(
          "a ball-tree index of dimension " + dim + " holds at most " + max + " vectors; split the collection or use a smaller dimension");
    }
    int held = data.length / dim;
    int cap = (int) Math.min(max, Math.max(rows, held + (held >> 1) + 16L));
    data = Arrays.copyOf(data, cap * dim);
    store.ensureCapacity(cap);
  }

  /** Rebuilds once the buffer and tombstones outgrow {@code max(leafSize, live / 8)}. */
  private void maybeRebuild() {
    int pending = (size - treeSize) + store.deadCount();
    int liveCount = size - store.deadCount();
    if (pending > Math.max(config.leafSize(), liveCount / REBUILD_DIVISOR)) {
      rebuild();
    }
  }

  /** Compacts the live items and builds a new tree over all of them (buffer merged). */
  void rebuild() {
    int[] live = store.liveSlots();
    int n = live.length;
    for (int i = 0; i < n; i++) {
      if (live[i] != i) {
        System.arraycopy(data, live[i] * dim, data, i * dim, dim);
      }
    }
    int[] perm = new int[n];
    tree = n == 0 ? null : BallTree.build(data, dim, n, config.leafSize(), config.seed(), perm, kernels);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = live[perm[i]];
    }
    store.reorder(order);
    size = n;
    treeSize = n;
    if (tree != null) {
      Labels[] labels = new Labels[n];
      for (int i = 0; i < n; i++) {
        labels[i] = store.labels(i);
      }
      tree.countRows(labels, n);
    }
  }

  @Override
  public boolean contains(String id) {
    return store.contains(id);
  }

  @Override
  public Optional<float[]> vector(String id) {
    IdErrors.requireId(id);
    return store.read(
        () -> {
          int pos = store.slotOf(id);
          return pos < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(data, pos * dim, pos * dim + dim));
        });
  }

  @Override
  public Labels labels(String id) {
    return store.labelsOf(id);
  }

  @Override
  public List<String> ids() {
    return store.ids();
  }

  @Override
  public Set<String> labelValues(String field) {
    return store.labelValues(field);
  }

  // ---------------------------------------------------------------- search

  @Override
  public List<Hit> search(float[] query, int k) {
    return search(SearchRequests.of(query, k, LabelFilter.none()));
  }

  @Override
  public List<Hit> search(float[] query, int k, LabelFilter filter) {
    return search(SearchRequests.of(query, k, filter));
  }

  @Override
  public List<Hit> search(SearchRequest request) {
    SearchRequests.require(request);
    float[] q = Vectors.prepare(request.vector(), dim, metric, "query");
    return store.read(() -> view().search(q, request.k(), request.filter()));
  }

  @Override
  public List<List<Hit>> searchBatch(float[][] queries, int k, LabelFilter filter) {
    Args.requireQueries(queries);
    Args.requireK(k);
    Args.requireFilter(filter);
    float[][] prepared = new float[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      prepared[i] = Vectors.prepare(queries[i], dim, metric, "query " + i);
    }
    return store.read(
        () -> {
          @SuppressWarnings("unchecked")
          List<Hit>[] out = new List[prepared.length];
          ParallelQueries.forRanges(
              prepared.length,
              config.searchThreads(),
              BATCH_CHUNK,
              (from, to) -> {
                var view = view();
                for (int i = from; i < to; i++) {
                  out[i] = view.search(prepared[i], k, filter);
                }
              });
          return new ArrayList<>(Arrays.asList(out));
        });
  }

  /**
   * The top {@code k} per value of {@code field} in one traversal: a subtree is opened while some
   * requested value present below it could still enter that value's top {@code k}.
   */
  @Override
  public Map<String, List<Hit>> matchesPerLabel(float[] query, int requestedK, String field, Collection<String> values) {
    Args.requireQuery(query);
    Args.requireK(requestedK);
    Args.requireField(field);
    if (values == null) {
      throw new InvalidArgumentException("values is null; pass the label values to rank, e.g. List.of(\"japanese\", \"american\")");
    }
    float[] q = Vectors.prepare(query, dim, metric, "query");
    var index = new LinkedHashMap<String, Integer>();
    for (String v : values) {
      index.putIfAbsent(v, index.size());
    }
    return store.read(() -> view().perLabel(q, requestedK, field, index));
  }

  /** A search view of the current tree and rows; call under the store's read lock. */
  private TreeSearch view() {
    return new TreeSearch(dim, score, kernels, store, tolerance, data, tree, treeSize, size, config.leafSize());
  }

  // ---------------------------------------------------------------- files

  @Override
  public void save(Path path) {
    store.save(path, FORMAT, FORMAT_VERSION, this::writePayload);
  }

  @Override
  public void close() {
    store.close(
        () -> {
          data = new float[0];
          tree = null;
        });
  }

  private void writePayload(BinaryOut out) throws IOException {
    out.writeInt(dim);
    out.writeString(metric.name());
    out.writeInt(config.leafSize());
    out.writeLong(config.seed());
    store.writeItems(out);
    out.writeFloats(data, 0, size * dim);
  }

  static BallTreeIndex read(BinaryIn in, int version) throws IOException {
    int dim = IndexFiles.readDimension(in);
    Metric metric = IndexFiles.readMetric(in);
    int leafSize = in.readInt();
    long seed = in.readLong();
    BallTreeConfig config;
    try {
      config = new BallTreeConfig(leafSize, seed);
    } catch (RuntimeException e) {
      throw in.corrupt("leaf size " + leafSize);
    }
    var items = new ItemStore(BallTreeIndexProvider.NAME, 1);
    if (version == 1) {
      items.readLiveItems(in, maxRows(dim), 4L * dim);
    } else {
      items.readItems(in, maxRows(dim), 4L * dim);
    }
    int n = items.slots();
    if ((long) n * dim * 4 != in.remaining()) {
      throw in.corrupt(n + " vectors of dimension " + dim + " need " + (long) n * dim * 4 + " bytes, " + in.remaining() + " remain");
    }
    var index = new BallTreeIndex(dim, metric, config);
    index.ensureCapacity(n);
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      in.readFloats(row, 0, dim);
      if (!items.isDead(i)) {
        IndexFiles.requireFinite(in, row, items.id(i));
        index.append(items.id(i), row, items.labels(i));
      }
    }
    index.rebuild();
    return index;
  }

  @Override
  public String toString() {
    store.lock().readLock().lock();
    try {
      return "BallTreeIndex[metric=" + metric + ", dim=" + dim + ", size=" + (size - store.deadCount()) + ", leafSize=" + config.leafSize()
          + ", nodes=" + (tree == null ? 0 : tree.nodeCount) + ", buffered=" + (size - treeSize) + ", tombstones=" + store.deadCount()
          + ", kernels=" + kernels.name() + "]";
    } finally {
      store.lock().readLock().unlock();
    }
  }
}
