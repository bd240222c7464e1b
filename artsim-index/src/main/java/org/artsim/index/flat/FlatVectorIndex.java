package org.artsim.index.flat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
import org.artsim.index.FlatConfig;
import org.artsim.index.support.Args;
import org.artsim.index.support.IdErrors;
import org.artsim.index.support.ItemStore;
import org.artsim.index.support.SearchRequests;
import org.artsim.index.Verifiable;
import org.artsim.index.support.HeapVectorStore;
import org.artsim.index.support.Int8Codes;
import org.artsim.index.support.MappedVectorStore;
import org.artsim.index.support.ParallelQueries;
import org.artsim.index.support.VectorStore;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.artsim.vector.Vectors;

/**
 * Exact search by scanning every stored vector with SIMD kernels.
 *
 * <p>Vectors live in a {@link VectorStore}: one row-major {@code float[]} on the heap, or
 * memory-mapped file segments off the heap ({@link FlatConfig.Storage#MAPPED}); removal moves the
 * last row into the hole, so storage stays dense. With {@link FlatConfig.Quantization#INT8} an
 * {@link Int8Prefilter} keeps int8 codes and single queries scan them first, re-ranking the
 * candidates in float32 (same results as the float32 scan). A read-write lock lets searches run in
 * parallel while changes wait for them; each search is planned by {@link FlatSearch} over the rows
 * present when it starts. A label filter becomes a bitset of qualifying ordinals
 * first; a selective filter then scores only those rows. Batches are scored in query &times; row
 * tiles of packed rows ({@link VectorKernels#scorePacked}) so each stored row is read from memory
 * once per block of queries; the few rows whose packed score comes near a query's k-th best are
 * scored again with the single-query kernel ({@link PackedCandidates}), so a batch returns exactly
 * what single searches return. A batch is split into blocks of queries answered on {@link
 * FlatConfig#searchThreads()} threads ({@link ParallelQueries}) under the one read lock; each
 * query's answer is computed by the same code whichever thread runs its block. A single query over
 * at least 2 &times; {@value #SPLIT_ROWS} rows is split the other way: its rows are scanned in up
 * to {@code searchThreads} contiguous parts at once, each part keeping its own exact top k, and the
 * parts' lists are merged by artsim's total order (score, then id), so the answer is the one a
 * single pass gives.
 *
 * <p>An index opened from a mapped file checks the file's checksum in the background (see {@link
 * MappedFileCheck}); {@link #verify()} waits for that check. Until it fails, searches run; after it
 * failed, every operation that reads vectors throws the {@link org.artsim.FileFormatException}.
 */
final class FlatVectorIndex implements VectorIndex, Verifiable {
  static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + FlatIndexProvider.NAME;
  static final int FORMAT_VERSION = 3;

  /** Rows per part at least before one query's scan is split over {@link FlatConfig#searchThreads()} threads. */
  static final int SPLIT_ROWS = 1 << 18;

  /** The int8 pre-filter is fitted once the index holds this many rows. */
  static final int PREFILTER_MIN_ROWS = 4096;

  private final int dim;
  private final Metric metric;
  private final Score score;
  private final VectorKernels kernels = VectorKernels.get();
  /** Ids, labels, slots (dense: the last row fills a removed one), postings and the lock. */
  private final ItemStore store;

  /** The float32 rows, slot {@code i} in row {@code i}. */
  private final VectorStore vectors;
  /** The number of rows, equal to the store's slots. */
  private int size;
  /** Null for L2 or when switched off. */
  private final Int8Prefilter prefilter;
  /** The settings (saved with the index; int8 is kept also under L2, where it has no effect). */
  private final FlatConfig config;
  /** Rows per part before a single query's scan is split (SPLIT_ROWS; lowered by tests). */
  private int splitRows = SPLIT_ROWS;
  /** The checksum check of the file a mapped index was opened from, or null. */
  private final MappedFileCheck fileCheck;

  FlatVectorIndex(int dim, Metric metric, FlatConfig config) {
    this.dim = dim;
    this.metric = metric;
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    this.config = config;
    this.fileCheck = null;
    boolean mapped = config.storage() == FlatConfig.Storage.MAPPED;
    int cap = Math.max(1, Math.min(config.initialCapacity(), mapped ? 1 << 16 : (Integer.MAX_VALUE - 16) / dim));
    this.vectors =
        mapped
            ? MappedVectorStore.create(FlatIndexProvider.NAME, dim, cap, config.directory())
            : new HeapVectorStore(FlatIndexProvider.NAME, dim, cap);
    this.store = new ItemStore(FlatIndexProvider.NAME, cap);
    this.prefilter = keepsCodes(config, metric) ? new Int8Prefilter(dim, cap, config.int8Scale(), mapped
        ? Int8Codes.mapped(dim, cap, config.directory()) : Int8Codes.onHeap(dim, cap)) : null;
  }

  /** An index over rows and items opened from a mapped file. */
  FlatVectorIndex(Metric metric, FlatConfig config, ItemStore store, VectorStore vectors, Int8Prefilter prefilter, MappedFileCheck fileCheck) {
    this.dim = vectors.dimension();
    this.metric = metric;
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    this.config = config;
    this.store = store;
    this.vectors = vectors;
    this.prefilter = prefilter;
    this.fileCheck = fileCheck;
    this.size = store.slots();
  }

  /** Whether an index of these settings keeps int8 codes. */
  static boolean keepsCodes(FlatConfig config, Metric metric) {
    return config.int8Prefilter() && metric != Metric.L2;
  }

  FlatConfig config() {
    return config;
  }

  VectorStore vectors() {
    return vectors;
  }

  Int8Prefilter prefilter() {
    return prefilter;
  }

  ItemStore items() {
    return store;
  }

  /**
   * Waits for the check of the file this index was opened from (a mapped file is checked in the
   * background), or runs it now if it has not started; returns at once for an index that was
   * created or read whole (its checksum was verified while reading).
   *
   * @throws org.artsim.FileFormatException if the file's checksum or its vectors are damaged
   */
  @Override
  public void verify() {
    store.lifecycle().checkOpen();
    if (fileCheck != null) {
      fileCheck.await();
    }
  }

  private void requireIntact() {
    if (fileCheck != null) {
      fileCheck.rethrowFailure();
    }
  }

  @Override
  public String kind() {
    return FlatIndexProvider.NAME;
  }

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
          append(id, v, l);
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
    var tracker = new ProgressTracker("flat: add", entries.size(), listener);
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
            if ((i & 1023) == 1023) {
              tracker.advance(1024);
            }
          }
          tracker.advance(entries.size() & 1023);
        });
  }

  @Override
  public boolean put(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    Labels l = Args.requireLabels(labels);
    float[] v = prepare(id, vector);
    return store.write(
        () -> {
          int ord = store.slotOf(id);
          if (ord < 0) {
            append(id, v, l);
            return false;
          }
          replace(ord, v, l);
          return true;
        });
  }

  @Override
  public void update(String id, float[] vector, Labels labels) {
    IdErrors.requireId(id);
    Labels l = Args.requireLabels(labels);
    float[] v = prepare(id, vector);
    store.write(
        () -> {
          int ord = store.slotOf(id);
          if (ord < 0) {
            throw IdErrors.unknown(id);
          }
          replace(ord, v, l);
        });
  }

  @Override
  public boolean remove(String id) {
    IdErrors.requireId(id);
    return store.write(
        () -> {
          int ord = store.removeSwappingLast(id);
          if (ord < 0) {
            return false;
          }
          int last = size - 1;
          if (ord != last) {
            vectors.move(last, ord);
            if (prefilter != null && prefilter.fittedAt() > 0) {
              prefilter.move(last, ord);
            }
          }
          size = last;
          return true;
        });
  }

  private void append(String id, float[] v, Labels l) {
    ensureCapacity(size + 1);
    vectors.set(size, v);
    store.append(id, l);
    size++;
    if (prefilter != null) {
      if (size >= PREFILTER_MIN_ROWS && prefilter.fittedAt() == 0
          || prefilter.mode() == FlatConfig.Int8Scale.PER_DIMENSION && size >= PREFILTER_MIN_ROWS && size >= 2 * prefilter.fittedAt()) {
        prefilter.fit(vectors, size);
      } else if (prefilter.fittedAt() > 0) {
        prefilter.encode(size - 1, v);
      }
    }
  }

  private void replace(int ord, float[] v, Labels l) {
    vectors.set(ord, v);
    if (prefilter != null && prefilter.fittedAt() > 0) {
      prefilter.encode(ord, v);
    }
    store.relabel(ord, l);
  }

  private void ensureCapacity(int rows) {
    int max = Math.min(vectors.maxRows(), ItemStore.MAX_SLOTS);
    if (rows > max) {
      throw new InvalidArgumentException(
          "a flat index of dimension " + dim + " with storage=" + config.storage().name().toLowerCase(java.util.Locale.ROOT) + " holds at most " + max
              + " vectors; " + (config.storage() == FlatConfig.Storage.HEAP ? "use storage=mapped, " : "") + "split the collection or use a smaller dimension");
    }
    vectors.ensureCapacity(rows);
    store.ensureCapacity(rows);
    if (prefilter != null) {
      prefilter.ensureCapacity(rows);
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
          requireIntact();
          int ord = store.slotOf(id);
          if (ord < 0) {
            return Optional.<float[]>empty();
          }
          float[] v = new float[dim];
          vectors.get(ord, v, 0);
          return Optional.of(v);
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

  @Override
  public List<Hit> search(float[] query, int k) {
    return search(SearchRequests.of(query, k, LabelFilter.none()));
  }

  /** Lowers the rows a part must have before one query's scan is split (tests: small indexes take the split path). */
  void splitRowsForTests(int rows) {
    this.splitRows = Math.max(1, rows);
  }

  @Override
  public List<Hit> search(float[] query, int k, LabelFilter filter) {
    return search(SearchRequests.of(query, k, filter));
  }

  @Override
  public List<Hit> search(SearchRequest request) {
    SearchRequests.require(request);
    float[] q = Vectors.prepare(request.vector(), dim, metric, "query");
    return store.read(
        () -> {
          requireIntact();
          return searcher().single(q, request.k(), request.filter());
        });
  }

  /** The search plan over the current rows (under the read lock). */
  private FlatSearch searcher() {
    return new FlatSearch(store, new FlatScan(vectors, kernels, score, size), prefilter, config.searchThreads(), splitRows);
  }

  @Override
  public List<List<Hit>> searchBatch(float[][] queries, int requestedK, LabelFilter filter) {
    Args.requireQueries(queries);
    Args.requireK(requestedK);
    Args.requireFilter(filter);
    int nq = queries.length;
    float[] qs = new float[nq * dim];
    for (int i = 0; i < nq; i++) {
      System.arraycopy(Vectors.prepare(queries[i], dim, metric, "query " + i), 0, qs, i * dim, dim);
    }
    return store.read(
        () -> {
          requireIntact();
          return searcher().batch(qs, nq, requestedK, filter);
        });
  }

  @Override
  public void save(Path path) {
    requireIntact();
    store.save(path, FORMAT, FORMAT_VERSION, out -> FlatFiles.write(out, this, size));
  }

  @Override
  public void close() {
    store.close(
        () -> {
          if (fileCheck != null) {
            fileCheck.cancel();
          }
          vectors.close();
          if (prefilter != null) {
            prefilter.codes().close();
          }
        });
  }

  /** Appends a row read from a file (the whole-file readers). */
  void load(String id, float[] row, Labels labels) {
    append(id, row, labels);
  }

  @Override
  public String toString() {
    return "FlatVectorIndex[metric=" + metric + ", dim=" + dim + ", size=" + size + ", kernels=" + kernels.name() + ", storage="
        + config.storage().name().toLowerCase(java.util.Locale.ROOT) + ", quantization=" + (prefilter != null ? "int8 " + config.int8Scale().name().toLowerCase(java.util.Locale.ROOT) : "none") + "]";
  }
}
