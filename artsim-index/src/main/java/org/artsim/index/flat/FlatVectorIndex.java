package org.artsim.index.flat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
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
import org.artsim.index.FlatConfig;
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
  static final int FORMAT_VERSION = 1;

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
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private float[] data;
  private String[] ids;
  private Labels[] labels;
  private int size;
  private final Map<String, Integer> ordinals = new HashMap<>();
  private final LabelPostings postings = new LabelPostings();
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
    this.ids = new String[cap];
    this.labels = new Labels[cap];
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
    return ReadLocked.read(lock, () -> size);
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
      if (ordinals.containsKey(id)) {
        throw IdErrors.duplicate(id);
      }
      append(id, v, labels == null ? Labels.none() : labels);
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
    var tracker = new ProgressTracker("flat: add", entries.size(), listener);
    lock.writeLock().lock();
    try {
      for (VectorEntry e : entries) {
        if (ordinals.containsKey(e.id())) {
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
      Integer ord = ordinals.get(id);
      if (ord == null) {
        append(id, v, l);
        return false;
      }
      replace(ord, v, l);
      return true;
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
      Integer ord = ordinals.get(id);
      if (ord == null) {
        throw IdErrors.unknown(id);
      }
      replace(ord, v, labels == null ? Labels.none() : labels);
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
      Integer boxed = ordinals.remove(id);
      if (boxed == null) {
        return false;
      }
      int ord = boxed;
      int last = size - 1;
      postings.remove(ord, labels[ord]);
      if (ord != last) {
        System.arraycopy(data, last * dim, data, ord * dim, dim);
        ids[ord] = ids[last];
        labels[ord] = labels[last];
        postings.move(last, ord, labels[ord]);
        ordinals.put(ids[ord], ord);
        if (prefilter != null && prefilter.fittedAt() > 0) {
          prefilter.move(last, ord);
        }
      }
      ids[last] = null;
      labels[last] = null;
      size = last;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void append(String id, float[] v, Labels l) {
    ensureCapacity(size + 1);
    System.arraycopy(v, 0, data, size * dim, dim);
    ids[size] = id;
    labels[size] = l;
    postings.add(size, l);
    ordinals.put(id, size);
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
    postings.remove(ord, labels[ord]);
    labels[ord] = l;
    postings.add(ord, l);
  }

  private void ensureCapacity(int rows) {
    if (rows <= ids.length) {
      return;
    }
    int max = maxRows(dim);
    if (rows > max) {
      throw new InvalidArgumentException(
          "a flat index of dimension " + dim + " holds at most " + max + " vectors; split the collection or use a smaller dimension");
    }
    int cap = (int) Math.min(max, Math.max(rows, ids.length + (ids.length >> 1) + 16L));
    data = Arrays.copyOf(data, cap * dim);
    ids = Arrays.copyOf(ids, cap);
    labels = Arrays.copyOf(labels, cap);
    if (prefilter != null) {
      prefilter.ensureCapacity(cap);
    }
  }

  @Override
  public boolean contains(String id) {
    return ReadLocked.read(lock, () -> id != null && ordinals.containsKey(id));
  }

  @Override
  public Optional<float[]> vector(String id) {
    return ReadLocked.read(
        lock,
        () -> {
          Integer ord = id == null ? null : ordinals.get(id);
          return ord == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(data, ord * dim, ord * dim + dim));
        });
  }

  @Override
  public Labels labels(String id) {
    return ReadLocked.read(
        lock,
        () -> {
          Integer ord = id == null ? null : ordinals.get(id);
          if (ord == null) {
            throw IdErrors.unknown(id);
          }
          return labels[ord];
        });
  }

  @Override
  public List<String> ids() {
    return ReadLocked.read(lock, () -> List.of(Arrays.copyOf(ids, size)));
  }

  @Override
  public Set<String> labelValues(String field) {
    return ReadLocked.read(lock, () -> postings.values(field));
  }

  @Override
  public List<Hit> search(SearchRequest request) {
    float[] q = Vectors.prepare(request.vector(), dim, metric, "query");
    lock.readLock().lock();
    try {
      BitSet allowed = postings.matching(request.filter());
      var top = new TopK(request.k(), o -> ids[o]);
      if (allowed != null && allowed.cardinality() < SPARSE_FILTER * size) {
        scoreSelected(q, 0, allowed, top);
      } else if (prefilter != null && prefilter.fittedAt() > 0 && request.k() <= size / 8) {
        prefilter.search(kernels, q, data, size, allowed, request.k(), top);
      } else {
        scanAll(q, 0, top, new float[ROW_CHUNK], allowed);
      }
      return hits(top);
    } finally {
      lock.readLock().unlock();
    }
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
    int nq = queries.length;
    float[] qs = new float[nq * dim];
    for (int i = 0; i < nq; i++) {
      System.arraycopy(Vectors.prepare(queries[i], dim, metric, "query " + i), 0, qs, i * dim, dim);
    }
    lock.readLock().lock();
    try {
      BitSet allowed = postings.matching(filter);
      TopK[] tops = new TopK[nq];
      for (int i = 0; i < nq; i++) {
        tops[i] = new TopK(k, o -> ids[o]);
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
      var out = new ArrayList<List<Hit>>(nq);
      for (TopK top : tops) {
        out.add(hits(top));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

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
    out.writeBoolean(int8Requested);
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeString(ids[i]);
      out.writeLabels(labels[i]);
    }
    out.writeFloats(data, 0, size * dim);
  }

  static FlatVectorIndex read(BinaryIn in, int version) throws IOException {
    int dim = IndexFiles.readDimension(in);
    Metric metric = IndexFiles.readMetric(in);
    boolean int8 = in.readBoolean();
    int size = in.readCount("vector", maxRows(dim), 4 + 4 + 4 * dim);
    var index = new FlatVectorIndex(dim, metric, new FlatConfig(size, int8));
    String[] ids = new String[size];
    Labels[] labels = new Labels[size];
    for (int i = 0; i < size; i++) {
      ids[i] = in.readString();
      if (ids[i] == null) {
        throw in.corrupt("an id is missing");
      }
      labels[i] = in.readLabels();
    }
    float[] row = new float[dim];
    for (int i = 0; i < size; i++) {
      in.readFloats(row, 0, dim);
      if (index.ordinals.containsKey(ids[i])) {
        throw in.corrupt("id '" + ids[i] + "' appears twice");
      }
      index.append(ids[i], row, labels[i]);
    }
    return index;
  }

  @Override
  public String toString() {
    return "FlatVectorIndex[metric=" + metric + ", dim=" + dim + ", size=" + size() + ", kernels=" + kernels.name() + "]";
  }
}
