package org.artsim.collection;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.artsim.ArtsimException;
import org.artsim.ClosedException;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;

/**
 * The collection's vector index behind a handle that a rebuild swaps atomically. Everyone outside
 * the collection (the recommender and its sessions, callers of {@code ArtCollection.index()}) holds
 * this handle, never the index inside, so a rebuild (flat to HNSW when an "auto" collection grows)
 * cannot strand them on a closed index.
 *
 * <p>Every call runs on the index current when it starts and holds a read lock for its duration;
 * {@link #swap} takes the write lock, so it waits for calls in flight, installs the new index and
 * closes the old one before any later call starts. Through this handle the index is read-only:
 * changes go through the collection ({@link #change}), which serialises them.
 */
final class IndexHandle implements VectorIndex {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private VectorIndex current;
  private boolean closed;

  IndexHandle(VectorIndex index) {
    this.current = index;
  }

  /** Runs a read on the current index. */
  private <T> T read(Function<VectorIndex, T> f) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new ClosedException("the collection's index");
      }
      return f.apply(current);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs a change on the current index; the collection serialises changes. */
  <T> T change(Function<VectorIndex, T> f) {
    return read(f);
  }

  /** Installs {@code fresh} and closes the index it replaces, after the calls in flight end. */
  void swap(VectorIndex fresh) {
    lock.writeLock().lock();
    try {
      if (closed) {
        fresh.close();
        throw new ClosedException("the collection's index");
      }
      VectorIndex old = current;
      current = fresh;
      old.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes the index inside (the collection's close). */
  void closeIndex() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        current.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static ArtsimException readOnly() {
    return new ArtsimException("the collection's index is read-only from outside: add, update and remove records through the ArtCollection");
  }

  /** Runs a descriptive accessor, which stays readable after close. */
  private <T> T describe(Function<VectorIndex, T> f) {
    lock.readLock().lock();
    try {
      return f.apply(current);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String kind() {
    return describe(VectorIndex::kind);
  }

  @Override
  public int dimension() {
    return describe(VectorIndex::dimension);
  }

  @Override
  public Metric metric() {
    return describe(VectorIndex::metric);
  }

  @Override
  public int size() {
    return read(VectorIndex::size);
  }

  @Override
  public void add(String id, float[] vector, Labels labels) {
    throw readOnly();
  }

  @Override
  public void addAll(List<VectorEntry> entries, ProgressListener listener) {
    throw readOnly();
  }

  @Override
  public boolean put(String id, float[] vector, Labels labels) {
    throw readOnly();
  }

  @Override
  public void update(String id, float[] vector, Labels labels) {
    throw readOnly();
  }

  @Override
  public boolean remove(String id) {
    throw readOnly();
  }

  @Override
  public boolean contains(String id) {
    return read(i -> i.contains(id));
  }

  @Override
  public Optional<float[]> vector(String id) {
    return read(i -> i.vector(id));
  }

  @Override
  public Labels labels(String id) {
    return read(i -> i.labels(id));
  }

  @Override
  public List<String> ids() {
    return read(VectorIndex::ids);
  }

  @Override
  public Set<String> labelValues(String field) {
    return read(i -> i.labelValues(field));
  }

  @Override
  public List<Hit> search(SearchRequest request) {
    return read(i -> i.search(request));
  }

  @Override
  public List<List<Hit>> searchBatch(float[][] queries, int k, LabelFilter filter) {
    return read(i -> i.searchBatch(queries, k, filter));
  }

  @Override
  public Map<String, List<Hit>> matchesPerLabel(float[] query, int k, String field, Collection<String> values) {
    return read(i -> i.matchesPerLabel(query, k, field, values));
  }

  @Override
  public List<Hit> similarTo(String id, int k, LabelFilter filter) {
    return read(i -> i.similarTo(id, k, filter));
  }

  @Override
  public void save(Path path) {
    read(
        i -> {
          i.save(path);
          return null;
        });
  }

  /** Does nothing: the collection owns the index and closes it with itself. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return describe(Object::toString);
  }
}
