package org.artsim.index.hnsw;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.artsim.index.HnswConfig;
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
 * What both HNSW indexes share: the item store, labels, ids, the filter strategy and exact
 * re-scoring. A subclass supplies the graph (insert, soft delete, search with a beam).
 *
 * <h2>Ordinals</h2>
 *
 * Every inserted vector gets the next ordinal; ordinals are never reused because neither graph
 * library can free a node. Removing an item (or replacing it by {@code put}/{@code update})
 * tombstones its ordinal: the node stays in the graph as a waypoint but never appears in results.
 * Once tombstones outnumber {@code max(1024, live items)} the next change rebuilds the graph from
 * the live items (memory is then freed; amortised, at most one re-insertion per removal).
 *
 * <h2>Filters</h2>
 *
 * A {@link LabelFilter} first becomes the bitset of qualifying live ordinals. With {@code m}
 * matches among {@code n} live items and a beam {@code b = max(ef, k)} ({@code max(ef, k +
 * ceil(k/2))} on an int8 graph, see {@code minimumBeam}):
 *
 * <ul>
 *   <li>if {@code m / n < 5%} or {@code m <= 4b}, the matches are scored exactly (as the flat index
 *       would); results are then exact;
 *   <li>otherwise the graph is searched for the filter (subclass: filtered traversal, or an
 *       oversampled beam {@code b * n / m}); if that yields fewer than {@code min(k, m)}
 *       qualifying items, the matches are scored exactly instead.
 * </ul>
 *
 * So a filtered search always returns {@code min(k, matches)} hits.
 *
 * <h2>Small indexes and short answers</h2>
 *
 * A graph search costs at least about {@code 2m} distance evaluations per beam entry, so an index
 * of at most {@code 2 * m * beam} live items is scanned exactly instead. If the graph returns
 * fewer than {@code min(k, size)} live items (many tombstones, or a graph split by exact
 * duplicates), the search falls back to an exact scan: a search always returns {@code min(k,
 * size)} hits.
 *
 * <h2>Scores</h2>
 *
 * Candidates from the graph are re-scored with the same kernels as the flat index and ranked by
 * {@link TopK} (score descending, ties by id), so a hit's score is bitwise the flat index's.
 *
 * <h2>Vectors</h2>
 *
 * The fp32 vectors are kept by {@link GraphRows}: on the heap, or with {@link
 * HnswConfig.Storage#MAPPED} in a memory-mapped file off the heap; both score with the same kernels,
 * so answers do not depend on the storage.
 *
 * <h2>Batches</h2>
 *
 * {@link #searchBatch} answers its queries on {@link HnswConfig#searchThreads()} threads ({@link
 * ParallelQueries}) under one read lock; each answer is exactly what {@link #search} returns.
 *
 * <p>Thread-safe: a read-write lock lets searches run in parallel while changes wait for them.
 */
abstract class GraphVectorIndex implements VectorIndex {
  /** Below this fraction of qualifying items a filtered search scores the matches exactly. */
  static final double EXACT_FILTER_FRACTION = 0.05;
  /** At most this many beams' worth of matches are always scored exactly. */
  static final int EXACT_FILTER_BEAMS = 4;

  final int dim;
  final Metric metric;
  final Score score;
  final HnswConfig config;
  final VectorKernels kernels = VectorKernels.get();
  /** Ids, labels, ordinals (the store's slots), postings, tombstones and the lock. */
  final ItemStore store;

  /** The fp32 vectors by ordinal, on the heap or mapped ({@link HnswConfig#storage()}). */
  final GraphRows rows;
  /** The number of ordinals handed out (live and tombstoned), equal to the store's slots. */
  int ordinals;

  GraphVectorIndex(String kind, int dim, Metric metric, HnswConfig config) {
    this.dim = dim;
    this.metric = metric;
    this.config = config.withProvider(kind);
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    this.store = new ItemStore(kind, 16);
    this.rows =
        this.config.storage() == HnswConfig.Storage.MAPPED
            ? new MappedGraphRows(kind, dim, this.config.maxItems(), this.config.directory())
            : new HeapGraphRows(dim, 16);
  }

  /** The number of live items (lock held). */
  int live() {
    return store.liveLocked();
  }

  /** The tombstoned ordinals (lock held). */
  BitSet dead() {
    return store.dead();
  }

  /** The number of tombstoned ordinals (lock held). */
  int deadCount() {
    return store.deadCount();
  }

  // ---------------------------------------------------------------- graph hooks

  /** Makes room in the graph for ordinals {@code [0, count)}. */
  abstract void graphEnsureCapacity(int count);

  /** Inserts the nodes of ordinals {@code [from, to)}, whose vectors are stored, in parallel where possible. */
  abstract void graphAdd(int from, int to, ProgressTracker tracker);

  /** Hides a tombstoned ordinal from the graph's results (if the graph keeps its own deletions). */
  abstract void graphRemove(int ordinal);

  /** Forgets the whole graph (before a compacting rebuild). */
  abstract void graphReset();

  /**
   * Up to {@code beam} candidate ordinals near {@code q}, best first where the graph knows it. With
   * a non-null {@code accept} (the qualifying live ordinals, {@code matches} of them) the graph
   * should favour those; candidates outside it are dropped by the caller. With null every live
   * ordinal qualifies.
   */
  abstract int[] graphSearch(float[] q, int beam, BitSet accept, int matches);

  /** Writes the subclass's settings after the shared ones (none by default). */
  void writeSettings(BinaryOut out) throws IOException {}

  /** Writes the graph part of the file. */
  abstract void writeGraph(BinaryOut out) throws IOException;

  // ---------------------------------------------------------------- basics

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Metric metric() {
    return metric;
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
          insert(List.of(new VectorEntry(id, v, l)), ProgressListener.NONE);
        });
  }

  @Override
  public void addAll(List<VectorEntry> entries, ProgressListener listener) {
    Args.requireEntries(entries);
    var prepared = new ArrayList<VectorEntry>(entries.size());
    var batchIds = new HashSet<String>();
    for (VectorEntry e : entries) {
      if (!batchIds.add(e.id())) {
        throw new DuplicateIdException("id '" + e.id() + "' appears twice in the batch; give each item one entry");
      }
      prepared.add(new VectorEntry(e.id(), prepare(e.id(), e.vector()), e.labels()));
    }
    store.write(
        () -> {
          for (VectorEntry e : entries) {
            if (store.slotOf(e.id()) >= 0) {
              throw IdErrors.duplicate(e.id());
            }
          }
          insert(prepared, listener);
        });
  }

  @Override
  public boolean put(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    Labels l = Args.requireLabels(labels);
    float[] v = prepare(id, vector);
    return store.write(
        () -> {
          boolean replaced = tombstone(id);
          insert(List.of(new VectorEntry(id, v, l)), ProgressListener.NONE);
          maybeCompact();
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
          tombstone(id);
          insert(List.of(new VectorEntry(id, v, l)), ProgressListener.NONE);
          maybeCompact();
        });
  }

  @Override
  public boolean remove(String id) {
    IdErrors.requireId(id);
    return store.write(
        () -> {
          boolean removed = tombstone(id);
          if (removed) {
            maybeCompact();
          }
          return removed;
        });
  }

  private boolean tombstone(String id) {
    int ord = store.tombstone(id);
    if (ord < 0) {
      return false;
    }
    graphRemove(ord);
    return true;
  }

  /** Stores prepared entries under new ordinals and inserts them into the graph. */
  void insert(List<VectorEntry> entries, ProgressListener listener) {
    int from = ordinals;
    int to = from + entries.size();
    if (to < 0 || to > ItemStore.MAX_SLOTS) {
      throw new InvalidArgumentException("an HNSW index holds at most 2^30 insertions between compactions; rebuild it from its items");
    }
    rows.ensureCapacity(to);
    store.ensureCapacity(to);
    for (int i = 0; i < entries.size(); i++) {
      rows.set(from + i, entries.get(i).vector());
    }
    graphEnsureCapacity(to);
    var tracker = new ProgressTracker(kind() + ": add", entries.size(), listener);
    graphAdd(from, to, tracker);
    ordinals = to;
    for (VectorEntry e : entries) {
      store.append(e.id(), e.labels());
    }
  }

  private void maybeCompact() {
    if (store.deadCount() > Math.max(1024, store.liveLocked())) {
      compact();
    }
  }

  /** Rebuilds the graph from the live items, freeing tombstoned nodes. */
  void compact() {
    int[] live = store.liveSlots();
    store.reorder(live);
    rows.keep(live);
    ordinals = live.length;
    graphReset();
    graphEnsureCapacity(ordinals);
    graphAdd(0, ordinals, new ProgressTracker(kind() + ": compact", ordinals, ProgressListener.NONE));
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
          int ord = store.slotOf(id);
          return ord < 0 ? Optional.empty() : Optional.of(rows.get(ord).clone());
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
    return store.read(() -> searchLocked(q, request.k(), request.filter(), request.ef()));
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
    return store.read(() -> ParallelQueries.map(prepared.length, config.searchThreads(), i -> searchLocked(prepared[i], k, filter, 0)));
  }

  /**
   * The smallest beam for {@code k} results: {@code k} on fp32 graphs; {@code k + ceil(k / 2)} on
   * int8 graphs, whose candidates are re-ranked in fp32 and so need a few spare ones to replace
   * those the codes misplaced (at {@code ef = k} the re-rank could otherwise only reorder; measured
   * on clip512: int8 recall@10 0.905 against fp32's 0.921 at ef 10, equal from ef 20 on).
   */
  private int minimumBeam(int k) {
    return config.quantization() == HnswConfig.Quantization.INT8 ? k + (k + 1) / 2 : k;
  }

  private List<Hit> searchLocked(float[] q, int requestedK, LabelFilter filter, int requestEf) {
    int live = store.liveLocked();
    if (live == 0) {
      return List.of();
    }
    int k = Math.min(requestedK, live);
    int beam = Math.min(Math.max(requestEf > 0 ? requestEf : config.ef(), minimumBeam(k)), Math.max(ordinals, 1));
    var top = store.topK(k);
    BitSet allowed = store.matching(filter);
    if (allowed == null) {
      if (live <= 2L * config.m() * beam) {
        scoreExactly(q, null, top);
        return store.hits(top);
      }
      offerUnfiltered(q, beam, top);
      if (top.size() < Math.min(k, live)) {
        top = store.topK(k);
        scoreExactly(q, null, top);
      }
      return store.hits(top);
    }
    int matches = allowed.cardinality();
    if (matches == 0) {
      return List.of();
    }
    if (matches < EXACT_FILTER_FRACTION * live || matches <= EXACT_FILTER_BEAMS * beam) {
      scoreExactly(q, allowed, top);
      return store.hits(top);
    }
    offerCandidates(q, graphSearch(q, beam, allowed, matches), allowed, top);
    if (top.size() < Math.min(k, matches)) {
      top = store.topK(k);
      scoreExactly(q, allowed, top);
    }
    return store.hits(top);
  }

  /**
   * Offers the graph's unfiltered candidates for {@code q} to {@code top} with their exact scores.
   * This default re-scores {@link #graphSearch}'s ordinals; a graph whose search already computes
   * the exact kernel scores may offer them directly.
   */
  void offerUnfiltered(float[] q, int beam, TopK top) {
    offerCandidates(q, graphSearch(q, beam, null, store.liveLocked()), null, top);
  }

  /** Exact scores against {@code q}, one per search (a mapped store reuses one scratch row). */
  private NodeScores exact(float[] q) {
    return rows.scores(kernels, score, q);
  }

  private void offerCandidates(float[] q, int[] candidates, BitSet allowed, TopK top) {
    NodeScores exact = exact(q);
    for (int ord : candidates) {
      if (ord < 0 || ord >= ordinals || store.isDead(ord) || (allowed != null && !allowed.get(ord))) {
        continue;
      }
      top.offer(exact.score(ord), ord);
    }
  }

  /** Scores every qualifying live ordinal ({@code allowed} null: every live one). */
  private void scoreExactly(float[] q, BitSet allowed, TopK top) {
    NodeScores exact = exact(q);
    if (allowed == null) {
      for (int ord = 0; ord < ordinals; ord++) {
        if (!store.isDead(ord)) {
          top.offer(exact.score(ord), ord);
        }
      }
      return;
    }
    for (int ord = allowed.nextSetBit(0); ord >= 0; ord = allowed.nextSetBit(ord + 1)) {
      top.offer(exact.score(ord), ord);
    }
  }

  // ---------------------------------------------------------------- files

  /**
   * Writes {@code dim metric config ordinals (tombstone:bool [id labels])* graph}: every ordinal
   * in order, live ones with their id and labels.
   */
  void writePayload(BinaryOut out) throws IOException {
    out.writeInt(dim);
    out.writeString(metric.name());
    out.writeInt(config.m());
    out.writeInt(config.efConstruction());
    out.writeInt(config.ef());
    out.writeLong(config.seed());
    out.writeInt(config.threads());
    out.writeInt(config.maxItems());
    writeSettings(out);
    store.writeItems(out);
    writeGraph(out);
  }

  /** Writes the whole file: the one save path of both HNSW indexes. */
  void save(Path path, String format, int version) {
    store.save(path, format, version, this::writePayload);
  }

  @Override
  public void close() {
    store.close(this::release);
  }

  /** Frees the vectors and the graph (write lock held, once). */
  void release() {
    rows.close();
    ordinals = 0;
  }

  /** The header fields of a payload, read before the subclass creates its index. */
  record Header(int dim, Metric metric, HnswConfig config) {
    static Header read(BinaryIn in, String provider) throws IOException {
      int dim = IndexFiles.readDimension(in);
      Metric metric = IndexFiles.readMetric(in);
      int m = in.readInt();
      int efc = in.readInt();
      int ef = in.readInt();
      long seed = in.readLong();
      int threads = in.readInt();
      int maxItems = in.readInt();
      try {
        return new Header(dim, metric, new HnswConfig(provider, m, efc, ef, seed, threads, maxItems));
      } catch (RuntimeException e) {
        throw in.corrupt("settings: " + e.getMessage());
      }
    }
  }

  /**
   * Reads the ordinal table into this (empty) index, each ordinal followed by at least {@code
   * bytesPerOrdinal} bytes of the subclass's data; vectors are filled in by the subclass.
   */
  void readItems(BinaryIn in, long bytesPerOrdinal) throws IOException {
    store.readItems(in, ItemStore.MAX_SLOTS, bytesPerOrdinal);
    ordinals = store.slots();
    rows.ensureCapacity(ordinals);
  }

  /** Checks a vector read from a file before it is used. */
  void checkStoredVector(BinaryIn in, int ord, float[] v) throws IOException {
    if (v == null || v.length != dim) {
      throw in.corrupt("vector of ordinal " + ord + " is missing or has the wrong length");
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw in.corrupt("vector of ordinal " + ord + " holds " + x);
      }
    }
  }

  @Override
  public String toString() {
    store.lock().readLock().lock();
    try {
      return getClass().getSimpleName() + "[metric=" + metric + ", dim=" + dim + ", size=" + store.liveLocked() + ", m=" + config.m()
          + ", efConstruction=" + config.efConstruction() + ", ef=" + config.ef() + ", quantization=" + config.quantization().setting() + ", storage=" + config.storage().setting() + ", tombstones="
          + store.deadCount() + "]";
    } finally {
      store.lock().readLock().unlock();
    }
  }
}
