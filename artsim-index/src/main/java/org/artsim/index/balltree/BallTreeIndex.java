package org.artsim.index.balltree;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
import org.artsim.index.support.IdErrors;
import org.artsim.index.support.ReadLocked;
import org.artsim.index.support.IndexFiles;
import org.artsim.index.support.LabelPostings;
import org.artsim.io.ArtsimFiles;
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
 * <p>Thread-safe: a read-write lock lets searches run in parallel while changes wait for them.
 */
final class BallTreeIndex implements VectorIndex {
  static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + BallTreeIndexProvider.NAME;
  static final int FORMAT_VERSION = 1;

  /** Pending changes (buffer + tombstones) past this fraction of live items trigger a rebuild. */
  private static final int REBUILD_DIVISOR = 8;

  private final int dim;
  private final Metric metric;
  private final Score score;
  private final BallTreeConfig config;
  private final VectorKernels kernels = VectorKernels.get();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Relative widening of node bounds that covers float32 rounding of kernel scores. */
  private final double tolerance;

  private float[] data;
  private String[] ids;
  private Labels[] labels;
  private int size;
  private int treeSize;
  private BallTree tree;
  private final BitSet dead = new BitSet();
  private int deadCount;
  private final Map<String, Integer> positions = new HashMap<>();
  private LabelPostings postings = new LabelPostings();

  BallTreeIndex(int dim, Metric metric, BallTreeConfig config) {
    this.dim = dim;
    this.metric = metric;
    this.config = config;
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    this.tolerance = (dim + 4.0 * kernels.lanes() + 64) * 0x1p-23;
    this.data = new float[16 * dim];
    this.ids = new String[16];
    this.labels = new Labels[16];
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
    return ReadLocked.read(lock, () -> size - deadCount);
  }

  private float[] prepare(String id, float[] vector) {
    return Vectors.prepare(vector, dim, metric, "vector for '" + id + "'");
  }

  @Override
  public void add(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    float[] v = prepare(id, vector);
    lock.writeLock().lock();
    try {
      if (positions.containsKey(id)) {
        throw IdErrors.duplicate(id);
      }
      append(id, v, labels == null ? Labels.none() : labels);
      maybeRebuild();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void addAll(List<VectorEntry> entries, ProgressListener listener) {
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
    lock.writeLock().lock();
    try {
      for (VectorEntry e : entries) {
        if (positions.containsKey(e.id())) {
          throw IdErrors.duplicate(e.id());
        }
      }
      ensureCapacity(size + entries.size());
      for (int i = 0; i < entries.size(); i++) {
        append(entries.get(i).id(), prepared[i], entries.get(i).labels());
      }
      maybeRebuild();
      tracker.advance(entries.size());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean put(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    float[] v = prepare(id, vector);
    Labels l = labels == null ? Labels.none() : labels;
    lock.writeLock().lock();
    try {
      boolean replaced = removeLocked(id);
      append(id, v, l);
      maybeRebuild();
      return replaced;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void update(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    float[] v = prepare(id, vector);
    lock.writeLock().lock();
    try {
      if (!positions.containsKey(id)) {
        throw IdErrors.unknown(id);
      }
      removeLocked(id);
      append(id, v, labels == null ? Labels.none() : labels);
      maybeRebuild();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean remove(String id) {
    if (id == null) {
      return false;
    }
    lock.writeLock().lock();
    try {
      boolean removed = removeLocked(id);
      if (removed) {
        maybeRebuild();
      }
      return removed;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Tombstones the item's position; false if the id is absent. */
  private boolean removeLocked(String id) {
    Integer boxed = positions.remove(id);
    if (boxed == null) {
      return false;
    }
    int pos = boxed;
    postings.remove(pos, labels[pos]);
    if (pos < treeSize) {
      tree.removeRow(pos, labels[pos]);
    }
    dead.set(pos);
    deadCount++;
    return true;
  }

  private void append(String id, float[] v, Labels l) {
    ensureCapacity(size + 1);
    System.arraycopy(v, 0, data, size * dim, dim);
    ids[size] = id;
    labels[size] = l;
    postings.add(size, l);
    positions.put(id, size);
    size++;
  }

  private void ensureCapacity(int rows) {
    if (rows <= ids.length) {
      return;
    }
    int max = maxRows(dim);
    if (rows > max) {
      throw new InvalidArgumentException(
          "a ball-tree index of dimension " + dim + " holds at most " + max + " vectors; split the collection or use a smaller dimension");
    }
    int cap = (int) Math.min(max, Math.max(rows, ids.length + (ids.length >> 1) + 16L));
    data = Arrays.copyOf(data, cap * dim);
    ids = Arrays.copyOf(ids, cap);
    labels = Arrays.copyOf(labels, cap);
  }

  /** Rebuilds once the buffer and tombstones outgrow {@code max(leafSize, live / 8)}. */
  private void maybeRebuild() {
    int pending = (size - treeSize) + deadCount;
    int liveCount = size - deadCount;
    if (pending > Math.max(config.leafSize(), liveCount / REBUILD_DIVISOR)) {
      rebuild();
    }
  }

  /** Compacts the live items and builds a new tree over all of them (buffer merged). */
  void rebuild() {
    int n = 0;
    for (int pos = 0; pos < size; pos++) {
      if (!dead.get(pos)) {
        if (pos != n) {
          System.arraycopy(data, pos * dim, data, n * dim, dim);
          ids[n] = ids[pos];
          labels[n] = labels[pos];
        }
        n++;
      }
    }
    Arrays.fill(ids, n, size, null);
    Arrays.fill(labels, n, size, null);
    int[] perm = new int[n];
    tree = n == 0 ? null : BallTree.build(data, dim, n, config.leafSize(), config.seed(), perm, kernels);
    String[] newIds = new String[ids.length];
    Labels[] newLabels = new Labels[labels.length];
    for (int i = 0; i < n; i++) {
      newIds[i] = ids[perm[i]];
      newLabels[i] = labels[perm[i]];
    }
    ids = newIds;
    labels = newLabels;
    size = n;
    treeSize = n;
    dead.clear();
    deadCount = 0;
    positions.clear();
    postings = new LabelPostings();
    for (int i = 0; i < n; i++) {
      positions.put(ids[i], i);
      postings.add(i, labels[i]);
    }
    if (tree != null) {
      tree.countRows(labels, n);
    }
  }

  @Override
  public boolean contains(String id) {
    return ReadLocked.read(lock, () -> id != null && positions.containsKey(id));
  }

  @Override
  public Optional<float[]> vector(String id) {
    return ReadLocked.read(
        lock,
        () -> {
          Integer pos = id == null ? null : positions.get(id);
          return pos == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(data, pos * dim, pos * dim + dim));
        });
  }

  @Override
  public Labels labels(String id) {
    return ReadLocked.read(
        lock,
        () -> {
          Integer pos = id == null ? null : positions.get(id);
          if (pos == null) {
            throw IdErrors.unknown(id);
          }
          return labels[pos];
        });
  }

  @Override
  public List<String> ids() {
    return ReadLocked.read(lock, () -> List.copyOf(positions.keySet()));
  }

  @Override
  public Set<String> labelValues(String field) {
    return ReadLocked.read(lock, () -> postings.values(field));
  }

  // ---------------------------------------------------------------- search

  @Override
  public List<Hit> search(SearchRequest request) {
    float[] q = Vectors.prepare(request.vector(), dim, metric, "query");
    lock.readLock().lock();
    try {
      return searchLocked(q, request.k(), request.filter(), new Scratch());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Per-query working arrays, reused across the queries of a batch. */
  private final class Scratch {
    final float[] scores = new float[Math.max(config.leafSize(), 64)];
    int[] stackNode = new int[64];
    double[] stackBound = new double[64];
  }

  private List<Hit> searchLocked(float[] q, int k, LabelFilter filter, Scratch scratch) {
    var top = new TopK(k, o -> ids[o]);
    BitSet allowed = postings.matching(filter);
    if (allowed != null && allowed.isEmpty()) {
      return List.of();
    }
    if (tree != null) {
      int[][][] nodeFilter = nodeFilter(filter);
      if (nodeFilter != null) {
        searchTree(q, top, allowed, nodeFilter, scratch);
      }
    }
    scanRange(q, treeSize, size, top, allowed, scratch.scores);
    return hits(top);
  }

  /**
   * The per-node label counts a filter needs, one {@code int[][]} (the allowed values' counts) per
   * constrained field; {@code int[0][][]} when unfiltered; null when the tree cannot match.
   */
  private int[][][] nodeFilter(LabelFilter filter) {
    if (filter.isNone()) {
      return new int[0][][];
    }
    int[][][] out = new int[filter.allowed().size()][][];
    int f = 0;
    for (var e : filter.allowed().entrySet()) {
      var list = new ArrayList<int[]>();
      for (String v : e.getValue()) {
        int[] c = tree.countsOf(e.getKey(), v);
        if (c != null) {
          list.add(c);
        }
      }
      if (list.isEmpty()) {
        return null;
      }
      out[f++] = list.toArray(new int[0][]);
    }
    return out;
  }

  private boolean nodeMayMatch(int node, int[][][] nodeFilter) {
    if (tree.live[node] == 0) {
      return false;
    }
    for (int[][] field : nodeFilter) {
      boolean any = false;
      for (int[] c : field) {
        if (c[node] > 0) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  /** An upper bound on the score any row below {@code node} can get for query {@code q}. */
  private double bound(float[] q, double qNorm, int node) {
    double r = tree.radius[node];
    if (score == Score.DOT) {
      double qmu = kernels.dot(q, 0, tree.mu, node * dim, dim);
      return qmu + r * qNorm + tolerance * qNorm * (tree.muNorm[node] + r);
    }
    double d = Math.sqrt(kernels.squaredDistance(q, 0, tree.mu, node * dim, dim)) * (1 - tolerance) - r * (1 + tolerance);
    return d <= 0 ? 0.0 : -(d * d) * (1 - tolerance);
  }

  private void searchTree(float[] q, TopK top, BitSet allowed, int[][][] nodeFilter, Scratch s) {
    double qNorm = Math.sqrt(kernels.dot(q, 0, q, 0, dim)) * (1 + tolerance);
    int sp = 0;
    if (!nodeMayMatch(0, nodeFilter)) {
      return;
    }
    s.stackNode[sp] = 0;
    s.stackBound[sp++] = bound(q, qNorm, 0);
    while (sp > 0) {
      int node = s.stackNode[--sp];
      if (s.stackBound[sp] < top.threshold()) {
        continue;
      }
      if (tree.isLeaf(node)) {
        scanRange(q, tree.start[node], tree.end[node], top, allowed, s.scores);
        continue;
      }
      int l = tree.left[node];
      int r = tree.right[node];
      boolean okL = nodeMayMatch(l, nodeFilter);
      boolean okR = nodeMayMatch(r, nodeFilter);
      double bl = okL ? bound(q, qNorm, l) : Double.NEGATIVE_INFINITY;
      double br = okR ? bound(q, qNorm, r) : Double.NEGATIVE_INFINITY;
      if (sp + 2 > s.stackNode.length) {
        s.stackNode = Arrays.copyOf(s.stackNode, s.stackNode.length * 2);
        s.stackBound = Arrays.copyOf(s.stackBound, s.stackBound.length * 2);
      }
      // push the weaker child first so the stronger one is searched first
      int first = bl >= br ? l : r;
      int second = first == l ? r : l;
      double bFirst = first == l ? bl : br;
      double bSecond = first == l ? br : bl;
      float t = top.threshold();
      if (bSecond >= t) {
        s.stackNode[sp] = second;
        s.stackBound[sp++] = bSecond;
      }
      if (bFirst >= t) {
        s.stackNode[sp] = first;
        s.stackBound[sp++] = bFirst;
      }
    }
  }

  /** Scores positions {@code [from, to)} exactly and offers the live, qualifying ones. */
  private void scanRange(float[] q, int from, int to, TopK top, BitSet allowed, float[] scores) {
    if (allowed != null && to - from <= scores.length) {
      int qualifying = 0;
      for (int p = allowed.nextSetBit(from); p >= 0 && p < to; p = allowed.nextSetBit(p + 1)) {
        qualifying++;
      }
      if (qualifying == 0) {
        return;
      }
      if (4 * qualifying >= to - from) {
        // dense: one block call for the leaf, then keep the qualifying rows
        kernels.scoreRows(score, q, 0, data, dim, from, to, scores, 0);
        for (int p = allowed.nextSetBit(from); p >= 0 && p < to; p = allowed.nextSetBit(p + 1)) {
          top.offer(scores[p - from], p);
        }
        return;
      }
    }
    if (allowed != null) {
      for (int p = allowed.nextSetBit(from); p >= 0 && p < to; p = allowed.nextSetBit(p + 1)) {
        float sc = score == Score.DOT ? kernels.dot(q, 0, data, p * dim, dim) : -kernels.squaredDistance(q, 0, data, p * dim, dim);
        top.offer(sc, p);
      }
      return;
    }
    for (int chunk = from; chunk < to; chunk += scores.length) {
      int end = Math.min(to, chunk + scores.length);
      kernels.scoreRows(score, q, 0, data, dim, chunk, end, scores, 0);
      float threshold = top.threshold();
      for (int p = chunk; p < end; p++) {
        float sc = scores[p - chunk];
        if (sc >= threshold && (deadCount == 0 || !dead.get(p))) {
          top.offer(sc, p);
          threshold = top.threshold();
        }
      }
    }
  }

  private List<Hit> hits(TopK top) {
    float[] s = new float[top.size()];
    int[] ords = top.drainBestFirst(s);
    var out = new ArrayList<Hit>(ords.length);
    for (int i = 0; i < ords.length; i++) {
      out.add(new Hit(ids[ords[i]], s[i], labels[ords[i]]));
    }
    return List.copyOf(out);
  }

  @Override
  public List<List<Hit>> searchBatch(float[][] queries, int k, LabelFilter filter) {
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    float[][] prepared = new float[queries.length][];
    for (int i = 0; i < queries.length; i++) {
      prepared[i] = Vectors.prepare(queries[i], dim, metric, "query " + i);
    }
    lock.readLock().lock();
    try {
      var scratch = new Scratch();
      var out = new ArrayList<List<Hit>>(queries.length);
      for (float[] q : prepared) {
        out.add(searchLocked(q, k, filter, scratch));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The top {@code k} per value of {@code field} in one traversal: a subtree is opened while some
   * requested value present below it could still enter that value's top {@code k}.
   */
  @Override
  public Map<String, List<Hit>> matchesPerLabel(float[] query, int k, String field, Collection<String> values) {
    if (k <= 0) {
      throw new InvalidArgumentException("k must be at least 1, got " + k + "; ask for one or more hits");
    }
    if (field == null || values == null) {
      throw new InvalidArgumentException("matchesPerLabel needs a label field and a collection of values; got field " + field + " and values " + values);
    }
    float[] q = Vectors.prepare(query, dim, metric, "query");
    var index = new LinkedHashMap<String, Integer>();
    for (String v : values) {
      index.putIfAbsent(v, index.size());
    }
    lock.readLock().lock();
    try {
      int m = index.size();
      TopK[] tops = new TopK[m];
      int[][] counts = new int[m][];
      for (var e : index.entrySet()) {
        tops[e.getValue()] = new TopK(k, o -> ids[o]);
        counts[e.getValue()] = tree == null ? null : tree.countsOf(field, e.getKey());
      }
      var scratch = new Scratch();
      if (tree != null) {
        perLabelTree(q, field, index, tops, counts, scratch);
      }
      perLabelScan(q, treeSize, size, field, index, tops, scratch.scores);
      var out = new LinkedHashMap<String, List<Hit>>();
      for (var e : index.entrySet()) {
        out.put(e.getKey(), hits(tops[e.getValue()]));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private boolean perLabelWanted(int node, double bound, TopK[] tops, int[][] counts) {
    for (int i = 0; i < tops.length; i++) {
      if (counts[i] != null && counts[i][node] > 0 && bound >= tops[i].threshold()) {
        return true;
      }
    }
    return false;
  }

  private void perLabelTree(float[] q, String field, Map<String, Integer> index, TopK[] tops, int[][] counts, Scratch s) {
    double qNorm = Math.sqrt(kernels.dot(q, 0, q, 0, dim)) * (1 + tolerance);
    int sp = 0;
    s.stackNode[sp] = 0;
    s.stackBound[sp++] = bound(q, qNorm, 0);
    while (sp > 0) {
      int node = s.stackNode[--sp];
      double b = s.stackBound[sp];
      if (!perLabelWanted(node, b, tops, counts)) {
        continue;
      }
      if (tree.isLeaf(node)) {
        perLabelScan(q, tree.start[node], tree.end[node], field, index, tops, s.scores);
        continue;
      }
      int l = tree.left[node];
      int r = tree.right[node];
      double bl = bound(q, qNorm, l);
      double br = bound(q, qNorm, r);
      if (sp + 2 > s.stackNode.length) {
        s.stackNode = Arrays.copyOf(s.stackNode, s.stackNode.length * 2);
        s.stackBound = Arrays.copyOf(s.stackBound, s.stackBound.length * 2);
      }
      boolean leftFirst = bl >= br;
      s.stackNode[sp] = leftFirst ? r : l;
      s.stackBound[sp++] = leftFirst ? br : bl;
      s.stackNode[sp] = leftFirst ? l : r;
      s.stackBound[sp++] = leftFirst ? bl : br;
    }
  }

  private void perLabelScan(float[] q, int from, int to, String field, Map<String, Integer> index, TopK[] tops, float[] scores) {
    for (int chunk = from; chunk < to; chunk += scores.length) {
      int end = Math.min(to, chunk + scores.length);
      kernels.scoreRows(score, q, 0, data, dim, chunk, end, scores, 0);
      for (int p = chunk; p < end; p++) {
        if (deadCount > 0 && dead.get(p)) {
          continue;
        }
        String v = labels[p].get(field);
        Integer i = v == null ? null : index.get(v);
        if (i != null) {
          tops[i].offer(scores[p - chunk], p);
        }
      }
    }
  }

  // ---------------------------------------------------------------- files

  @Override
  public void save(Path path) {
    lock.readLock().lock();
    try {
      ArtsimFiles.write(path, FORMAT, FORMAT_VERSION, this::writePayload);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void writePayload(BinaryOut out) throws IOException {
    out.writeInt(dim);
    out.writeString(metric.name());
    out.writeInt(config.leafSize());
    out.writeLong(config.seed());
    int live = size - deadCount;
    out.writeInt(live);
    for (int pos = 0; pos < size; pos++) {
      if (!dead.get(pos)) {
        out.writeString(ids[pos]);
        out.writeLabels(labels[pos]);
      }
    }
    for (int pos = 0; pos < size; pos++) {
      if (!dead.get(pos)) {
        out.writeFloats(data, pos * dim, dim);
      }
    }
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
    int n = in.readCount("vector", maxRows(dim), 4 + 4 + 4 * dim);
    var index = new BallTreeIndex(dim, metric, config);
    index.ensureCapacity(n);
    String[] ids = new String[n];
    Labels[] labels = new Labels[n];
    for (int i = 0; i < n; i++) {
      ids[i] = in.readString();
      if (ids[i] == null) {
        throw in.corrupt("an id is missing");
      }
      labels[i] = in.readLabels();
    }
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      in.readFloats(row, 0, dim);
      for (float x : row) {
        if (!Float.isFinite(x)) {
          throw in.corrupt("vector of '" + ids[i] + "' holds " + x);
        }
      }
      if (index.positions.containsKey(ids[i])) {
        throw in.corrupt("id '" + ids[i] + "' appears twice");
      }
      index.append(ids[i], row, labels[i]);
    }
    index.rebuild();
    return index;
  }

  @Override
  public String toString() {
    lock.readLock().lock();
    try {
      return "BallTreeIndex[metric=" + metric + ", dim=" + dim + ", size=" + (size - deadCount) + ", leafSize=" + config.leafSize()
          + ", nodes=" + (tree == null ? 0 : tree.nodeCount) + ", buffered=" + (size - treeSize) + ", tombstones=" + deadCount
          + ", kernels=" + kernels.name() + "]";
    } finally {
      lock.readLock().unlock();
    }
  }
}
