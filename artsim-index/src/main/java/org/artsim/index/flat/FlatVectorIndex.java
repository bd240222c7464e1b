package org.artsim.index.flat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
import org.artsim.index.support.IndexFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.vector.TopK;
import org.artsim.vector.VectorKernels;
import org.artsim.vector.VectorKernels.Score;
import org.artsim.vector.Vectors;

/**
 * Exact search by scanning every stored vector with SIMD kernels.
 *
 * <p>Vectors live in one row-major {@code float[]} (ordinal {@code i} at {@code i * dim}); removal
 * moves the last row into the hole, so storage stays dense. A read-write lock lets searches run in
 * parallel while changes wait for them. A label filter becomes a bitset of qualifying ordinals
 * first; a selective filter then scores only those rows. Batches are scored in query &times; row
 * tiles ({@link VectorKernels#scoreBlock}) so each stored row is read from memory once per block of
 * queries; per-pair scores are bitwise equal to the single-query path, so a batch returns exactly
 * what single searches return.
 */
final class FlatVectorIndex implements VectorIndex {
  static final String FORMAT = Artsim.INDEX_FORMAT_PREFIX + FlatIndexProvider.NAME;
  static final int FORMAT_VERSION = 2;

  /** Rows scored per kernel call on the single-query path. */
  private static final int ROW_CHUNK = 1024;
  /** Queries per tile on the batch path. */
  private static final int QUERY_BLOCK = 32;
  /** Rows per tile on the batch path. */
  private static final int ROW_BLOCK = 128;
  /** Below this fraction of qualifying rows, score only the qualifying rows one by one. */
  private static final double SPARSE_FILTER = 0.25;
  /** The int8 pre-filter is fitted once the index holds this many rows. */
  static final int PREFILTER_MIN_ROWS = 4096;

  private final int dim;
  private final Metric metric;
  private final Score score;
  private final VectorKernels kernels = VectorKernels.get();
  /** Ids, labels, slots (dense: the last row fills a removed one), postings and the lock. */
  private final ItemStore store;

  private float[] data;
  /** The number of rows, equal to the store's slots. */
  private int size;
  /** Null for L2 or when switched off. */
  private final Int8Prefilter prefilter;
  /** The configured pre-filter switch (kept for saving, also under L2 where it has no effect). */
  private final boolean int8Requested;

  FlatVectorIndex(int dim, Metric metric, FlatConfig config) {
    this.dim = dim;
    this.metric = metric;
    this.score = metric == Metric.L2 ? Score.NEG_SQUARED_L2 : Score.DOT;
    int cap = Math.max(1, Math.min(config.initialCapacity(), maxRows(dim)));
    this.data = new float[cap * dim];
    this.store = new ItemStore(FlatIndexProvider.NAME, cap);
    this.int8Requested = config.int8Prefilter();
    this.prefilter = int8Requested && metric != Metric.L2 ? new Int8Prefilter(dim, cap) : null;
  }

  private static int maxRows(int dim) {
    return (Integer.MAX_VALUE - 16) / dim;
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
            System.arraycopy(data, last * dim, data, ord * dim, dim);
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
    System.arraycopy(v, 0, data, size * dim, dim);
    store.append(id, l);
    size++;
    if (prefilter != null) {
      if (size >= PREFILTER_MIN_ROWS && size >= 2 * prefilter.fittedAt()) {
        prefilter.fit(data, size);
      } else if (prefilter.fittedAt() > 0) {
        prefilter.encode(data, size - 1);
      }
    }
  }

  private void replace(int ord, float[] v, Labels l) {
    System.arraycopy(v, 0, data, ord * dim, dim);
    if (prefilter != null && prefilter.fittedAt() > 0) {
      prefilter.encode(data, ord);
    }
    store.relabel(ord, l);
  }

  private void ensureCapacity(int rows) {
    if (rows * (long) dim <= data.length) {
      return;
    }
    int max = maxRows(dim);
    if (rows > max) {
      throw new InvalidArgumentException(
          "a flat index of dimension " + dim + " holds at most " + max + " vectors; split the collection or use a smaller dimension");
    }
    int held = data.length / dim;
    int cap = (int) Math.min(max, Math.max(rows, held + (held >> 1) + 16L));
    data = Arrays.copyOf(data, cap * dim);
    store.ensureCapacity(cap);
    if (prefilter != null) {
      prefilter.ensureCapacity(cap);
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
          int ord = store.slotOf(id);
          return ord < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(data, ord * dim, ord * dim + dim));
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
          if (size == 0) {
            return List.<Hit>of();
          }
          int k = Math.min(request.k(), size);
          BitSet allowed = store.matching(request.filter());
          var top = store.topK(k);
          if (allowed != null && allowed.cardinality() < SPARSE_FILTER * size) {
            scoreSelected(q, 0, allowed, top);
          } else if (prefilter != null && prefilter.fittedAt() > 0 && k <= size / 8) {
            prefilter.search(kernels, q, data, size, allowed, k, top);
          } else {
            scanAll(q, 0, top, new float[ROW_CHUNK], allowed);
          }
          return store.hits(top);
        });
  }

  /** Scores every row against query {@code q[qOff..]} in chunks and offers the qualifying ones. */
  private void scanAll(float[] q, int qOff, TopK top, float[] scores, BitSet allowed) {
    for (int from = 0; from < size; from += ROW_CHUNK) {
      int to = Math.min(size, from + ROW_CHUNK);
      kernels.scoreRows(score, q, qOff, data, dim, from, to, scores, 0);
      offer(top, scores, from, to, 0, allowed);
    }
  }

  private static void offer(TopK top, float[] scores, int from, int to, int scoreOff, BitSet allowed) {
    float threshold = top.threshold();
    for (int r = from; r < to; r++) {
      float s = scores[scoreOff + r - from];
      if (s >= threshold && (allowed == null || allowed.get(r))) {
        top.offer(s, r);
        threshold = top.threshold();
      }
    }
  }

  /** Scores only the allowed rows (a selective filter). */
  private void scoreSelected(float[] q, int qOff, BitSet allowed, TopK top) {
    for (int r = allowed.nextSetBit(0); r >= 0 && r < size; r = allowed.nextSetBit(r + 1)) {
      float s = score == Score.DOT ? kernels.dot(q, qOff, data, r * dim, dim) : -kernels.squaredDistance(q, qOff, data, r * dim, dim);
      top.offer(s, r);
    }
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
    return store.read(() -> searchBatchLocked(qs, nq, requestedK, filter));
  }

  private List<List<Hit>> searchBatchLocked(float[] qs, int nq, int requestedK, LabelFilter filter) {
      var out = new ArrayList<List<Hit>>(nq);
      if (size == 0) {
        for (int i = 0; i < nq; i++) {
          out.add(List.of());
        }
        return out;
      }
      int k = Math.min(requestedK, size);
      BitSet allowed = store.matching(filter);
      TopK[] tops = new TopK[nq];
      for (int i = 0; i < nq; i++) {
        tops[i] = store.topK(k);
      }
      if (allowed != null && allowed.cardinality() < SPARSE_FILTER * size) {
        for (int i = 0; i < nq; i++) {
          scoreSelected(qs, i * dim, allowed, tops[i]);
        }
      } else {
        float[] tile = new float[QUERY_BLOCK * ROW_BLOCK];
        for (int q0 = 0; q0 < nq; q0 += QUERY_BLOCK) {
          int q1 = Math.min(nq, q0 + QUERY_BLOCK);
          for (int r0 = 0; r0 < size; r0 += ROW_BLOCK) {
            int r1 = Math.min(size, r0 + ROW_BLOCK);
            kernels.scoreBlock(score, qs, q0, q1, data, dim, r0, r1, tile);
            for (int i = q0; i < q1; i++) {
              offer(tops[i], tile, r0, r1, (i - q0) * (r1 - r0), allowed);
            }
          }
        }
      }
      for (TopK top : tops) {
        out.add(store.hits(top));
      }
      return out;
  }

  @Override
  public void save(Path path) {
    store.save(path, FORMAT, FORMAT_VERSION, this::writePayload);
  }

  @Override
  public void close() {
    store.close(() -> data = new float[0]);
  }

  private void writePayload(BinaryOut out) throws IOException {
    out.writeInt(dim);
    out.writeString(metric.name());
    out.writeBoolean(int8Requested);
    store.writeItems(out);
    out.writeFloats(data, 0, size * dim);
  }

  /** Reads version 2 (the shared item section) or version 1 (live items only). */
  static FlatVectorIndex read(BinaryIn in, int version) throws IOException {
    int dim = IndexFiles.readDimension(in);
    Metric metric = IndexFiles.readMetric(in);
    boolean int8 = in.readBoolean();
    var items = new ItemStore(FlatIndexProvider.NAME, 1);
    if (version == 1) {
      items.readLiveItems(in, maxRows(dim), 4L * dim);
    } else {
      items.readItems(in, maxRows(dim), 4L * dim);
    }
    int size = items.slots();
    if (items.deadCount() > 0) {
      throw in.corrupt("a flat index holds no removed slots, this file has " + items.deadCount());
    }
    if ((long) size * dim * 4 != in.remaining()) {
      throw in.corrupt(size + " vectors of dimension " + dim + " need " + (long) size * dim * 4 + " bytes, " + in.remaining() + " remain");
    }
    var index = new FlatVectorIndex(dim, metric, new FlatConfig(size, int8));
    float[] row = new float[dim];
    for (int i = 0; i < size; i++) {
      in.readFloats(row, 0, dim);
      IndexFiles.requireFinite(in, row, items.id(i));
      index.append(items.id(i), row, items.labels(i));
    }
    return index;
  }

  @Override
  public String toString() {
    return "FlatVectorIndex[metric=" + metric + ", dim=" + dim + ", size=" + size + ", kernels=" + kernels.name() + "]";
  }
}
