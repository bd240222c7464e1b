package org.artsim;

import java.nio.file.Path;
import java.util.Map;

/**
 * Keyword search over the text fields of records, returning ids with relevance scores (higher is
 * better) and an explanation of how the query was read. Implementations are created by name
 * through {@link org.artsim.spi.TextIndexProvider}s ({@code Artsim.textIndex("tfidf")}).
 *
 * <p>Ids follow the same rules as {@link VectorIndex}: {@link #add} rejects a present id, {@link
 * #put} replaces, {@link #remove} of an absent id returns {@code false}. Searches and changes may
 * run concurrently. {@link #save} is atomic.
 */
public interface TextIndex extends AutoCloseable {

  /** The provider name that made this index. */
  String kind();

  /** The number of documents in the index. */
  int size();

  /**
   * Adds a document.
   *
   * @throws DuplicateIdException if the id is present
   */
  void add(String id, TextDocument document);

  /** Adds many documents (validated first; if one id is a duplicate, none is added). */
  void addAll(Map<String, TextDocument> documents);

  /**
   * Adds or replaces a document.
   *
   * @return {@code true} if a document was replaced
   */
  boolean put(String id, TextDocument document);

  /**
   * Removes a document.
   *
   * @return {@code false} if the id was not present
   */
  boolean remove(String id);

  /** Whether a document with this id is present. */
  boolean contains(String id);

  /**
   * The {@code k} best documents for a query among those passing {@code filter}. An empty query,
   * or one with no usable term, returns no hits and an explanation that says why.
   */
  TextSearchResult search(String query, int k, LabelFilter filter);

  /** The {@code k} best documents for a query. */
  default TextSearchResult search(String query, int k) {
    return search(query, k, LabelFilter.none());
  }

  /** Writes the index atomically. */
  void save(Path path);

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}
