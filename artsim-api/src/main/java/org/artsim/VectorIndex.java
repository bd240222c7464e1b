package org.artsim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A searchable set of vectors, each with a unique string id and optional {@link Labels}.
 * Implementations are created by name through {@link org.artsim.spi.VectorIndexProvider}s ({@code
 * Artsim.index("flat", 512, Metric.COSINE)}).
 *
 * <h2>Guarantees every implementation gives</h2>
 *
 * <ul>
 *   <li><b>Validation before change.</b> A vector of the wrong length, with NaN or infinite
 *       components, or all zeros under {@link Metric#COSINE} is rejected with a typed exception
 *       ({@link DimensionMismatchException}, {@link InvalidVectorException}) and the index is left
 *       exactly as it was. {@link #addAll} validates every entry before adding any.
 *   <li><b>Ids.</b> {@link #add} rejects an id already present ({@link DuplicateIdException});
 *       {@link #put} adds or replaces; {@link #update} replaces and rejects an unknown id ({@link
 *       UnknownIdException}); {@link #remove} of an absent id is a no-op that returns {@code false}.
 *   <li><b>Results.</b> Best first by score (higher is closer, see {@link Metric}); equal scores
 *       ordered by id. {@code k} larger than the number of qualifying items returns all of them. A
 *       label filter is applied during the search, so a selective filter still returns {@code
 *       min(k, matches)} hits from exact indexes. Unknown label values match nothing (no error);
 *       label field names are case-sensitive, and a filter on a field that no item carries, on a
 *       non-empty index, is refused with an {@link InvalidArgumentException} naming the fields
 *       present.
 *   <li><b>Arguments.</b> A null vector, id, labels, filter or request, and {@code k <= 0}, are
 *       refused with an {@link InvalidArgumentException} naming the argument (in {@code remove},
 *       {@code contains} and {@code vector} too). After {@link #close()} every operation that
 *       reads or changes content throws {@link ClosedException}.
 *   <li><b>Ownership.</b> Vectors passed in are copied; vectors returned are copies.
 *   <li><b>Threads.</b> Safe for concurrent use: searches run in parallel with each other and with
 *       a thread that adds, updates or removes.
 *   <li><b>Files.</b> {@link #save} writes atomically: a crash mid-save leaves any previous file
 *       intact. Loading a truncated, corrupted or future-version file throws {@link
 *       FileFormatException} ({@link UnsupportedVersionException} for a newer version).
 * </ul>
 */
public interface VectorIndex extends AutoCloseable {

  /** The provider name that made this index ({@code "flat"}, {@code "hnsw"}...). */
  String kind();

  /** The length every vector must have. */
  int dimension();

  /** How closeness is measured. */
  Metric metric();

  /** The number of items currently in the index. */
  int size();

  /**
   * Adds a new item.
   *
   * @throws DuplicateIdException if the id is present; use {@link #put} to replace
   */
  void add(String id, float[] vector, Labels labels);

  /** Adds a new item without labels. */
  default void add(String id, float[] vector) {
    add(id, vector, Labels.none());
  }

  /**
   * Adds many new items. Every entry is validated first (dimension, values, ids not present and
   * not repeated within the batch); if one is bad, none is added.
   */
  void addAll(List<VectorEntry> entries, ProgressListener listener);

  /** Adds many new items; see {@link #addAll(List, ProgressListener)}. */
  default void addAll(List<VectorEntry> entries) {
    addAll(entries, ProgressListener.NONE);
  }

  /**
   * Adds the item, or replaces the vector and labels of the item with this id.
   *
   * @return {@code true} if an item was replaced
   */
  boolean put(String id, float[] vector, Labels labels);

  /**
   * Replaces the vector and labels of an existing item.
   *
   * @throws UnknownIdException if the id is not present
   */
  void update(String id, float[] vector, Labels labels);

  /**
   * Removes an item.
   *
   * @return {@code false} (and nothing changes) if the id was not present
   */
  boolean remove(String id);

  /** Whether an item with this id is present. */
  boolean contains(String id);

  /** A copy of the stored vector (unit length under cosine), or empty if the id is absent. */
  Optional<float[]> vector(String id);

  /**
   * The labels of an item.
   *
   * @throws UnknownIdException if the id is not present
   */
  Labels labels(String id);

  /** A snapshot of the ids present, in no particular order. */
  List<String> ids();

  /** The distinct values present for one label field (empty if no item has the field). */
  Set<String> labelValues(String field);

  /** The nearest items to the request's vector that pass its filter. */
  List<Hit> search(SearchRequest request);

  /** The {@code k} nearest items to {@code query}. */
  default List<Hit> search(float[] query, int k) {
    return search(SearchRequest.of(query, k));
  }

  /** The {@code k} nearest items to {@code query} that pass {@code filter}. */
  default List<Hit> search(float[] query, int k, LabelFilter filter) {
    return search(SearchRequest.of(query, k).withFilter(filter));
  }

  /**
   * The {@code k} nearest items for each query, in query order. Exact indexes answer a batch
   * faster than one query at a time; results equal those of {@link #search} per query.
   */
  default List<List<Hit>> searchBatch(float[][] queries, int k, LabelFilter filter) {
    var out = new ArrayList<List<Hit>>(queries.length);
    for (float[] q : queries) {
      out.add(search(query(q, k, filter)));
    }
    return out;
  }

  /**
   * The top {@code k} for each value of one label field, in one call (SynapseML's {@code
   * add_matches} loop): "the closest Japanese, the closest American and the closest Egyptian
   * work". Values that no item carries map to an empty list.
   */
  default Map<String, List<Hit>> matchesPerLabel(float[] query, int k, String field, Collection<String> values) {
    var out = new LinkedHashMap<String, List<Hit>>();
    for (String value : values) {
      out.put(value, search(query(query, k, LabelFilter.anyOf(field, value))));
    }
    return out;
  }

  /**
   * The {@code k} nearest items to an item already in the index, excluding the item itself.
   *
   * @throws UnknownIdException if the id is not present
   */
  default List<Hit> similarTo(String id, int k, LabelFilter filter) {
    float[] v = vector(id).orElseThrow(() -> new UnknownIdException("no item with id '" + id + "' in the index; add it first or check the id"));
    var hits = search(query(v, k + 1, filter));
    var out = new ArrayList<Hit>(k);
    for (Hit h : hits) {
      if (!h.id().equals(id) && out.size() < k) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Writes the index to a file, atomically: the file is complete and checksummed, or any
   * previous file at {@code path} is left untouched. Load it with {@code Artsim.loadIndex(path)}
   * or the provider's {@code load}.
   */
  void save(Path path);

  /** Releases resources the index holds; the default does nothing. Safe to call twice. */
  @Override
  default void close() {}

  private static SearchRequest query(float[] q, int k, LabelFilter filter) {
    return SearchRequest.of(q, k).withFilter(filter);
  }
}
