package org.artsim.collection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.artsim.ClosedException;
import org.artsim.DuplicateIdException;
import org.artsim.LabelFilter;
import org.artsim.InvalidArgumentException;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.UnknownIdException;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.collection.bridge.TextImageBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a collection holds, kept in step: the records (in the order they were added), their vectors
 * in the index behind an {@link IndexHandle}, their documents in the text index, their text vectors
 * in the {@link DenseTextIndex} (when a text embedder is configured), the text bridge (if any), and
 * which label fields occur. Every change is all-or-nothing and serialised on this object; reads of the records
 * take the same lock briefly, searches go to the indexes without it.
 */
final class CollectionContents {
  private static final Logger LOG = LoggerFactory.getLogger(CollectionContents.class);

  private final Map<String, CatalogueRecord> records = new LinkedHashMap<>();
  private final Map<String, Integer> labelFields = new HashMap<>();
  private final IndexHandle index;
  private final TextIndex text;
  private final DenseTextIndex dense;
  private final PartsFactory parts;
  private volatile TextImageBridge bridge;
  private volatile boolean closed;

  /** @param dense the dense text index, or null when no text embedder is configured */
  CollectionContents(VectorIndex index, TextIndex text, DenseTextIndex dense, PartsFactory parts) {
    this.index = new IndexHandle(index);
    this.text = text;
    this.dense = dense;
    this.parts = parts;
  }

  IndexHandle index() {
    return index;
  }

  TextIndex text() {
    return text;
  }

  /** The dense text index, or null when no text embedder is configured. */
  DenseTextIndex dense() {
    return dense;
  }

  /** The text bridge, or null when none was fitted or attached. */
  TextImageBridge bridge() {
    return bridge;
  }

  /** Attaches a text bridge (already checked against the collection's embedders); null removes it. */
  void bridge(TextImageBridge b) {
    this.bridge = b;
  }

  synchronized int size() {
    return records.size();
  }

  synchronized List<String> ids() {
    return List.copyOf(records.keySet());
  }

  synchronized List<CatalogueRecord> records() {
    return List.copyOf(records.values());
  }

  synchronized Map<String, CatalogueRecord> recordMap() {
    return new LinkedHashMap<>(records);
  }

  synchronized boolean contains(String id) {
    return records.containsKey(id);
  }

  synchronized CatalogueRecord get(String id) {
    CatalogueRecord r = records.get(id);
    if (r == null) {
      throw new UnknownIdException("no record with id '" + id + "' in the collection; check the id (ids() lists them)");
    }
    return r;
  }

  float[] vector(String id) {
    return index.vector(id).orElseThrow(() -> new UnknownIdException("no record with id '" + id + "' in the collection; check the id"));
  }

  /** The label fields some record carries (for checking field names). */
  synchronized java.util.Set<String> labelFields() {
    return java.util.Set.copyOf(labelFields.keySet());
  }

  private void countLabels(CatalogueRecord r, int delta) {
    for (String f : r.indexLabels().values().keySet()) {
      labelFields.merge(f, delta, (a, b) -> a + b == 0 ? null : a + b);
    }
  }

  /** Restores saved records whose vectors are already in the index (loading). */
  synchronized void restore(Map<String, CatalogueRecord> saved) {
    if (dense != null) {
      dense.addAll(dense.entries(List.copyOf(saved.values())));
    }
    records.putAll(saved);
    saved.values().forEach(r -> countLabels(r, 1));
  }

  /**
   * Adds records with their vectors, all or none.
   *
   * @throws DuplicateIdException if an id is present or repeated
   */
  synchronized void add(List<CatalogueRecord> batch, List<float[]> vectors) {
    if (batch.size() != vectors.size()) {
      throw new InvalidArgumentException("got " + batch.size() + " records but " + vectors.size() + " vectors; give one vector per record");
    }
    var seen = new java.util.HashSet<String>();
    var entries = new ArrayList<VectorEntry>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      CatalogueRecord r = Objects.requireNonNull(batch.get(i));
      if (records.containsKey(r.id()) || !seen.add(r.id())) {
        throw new DuplicateIdException("a record with id '" + r.id() + "' is already in the collection or repeated in the batch; use update to replace it");
      }
      if (vectors.get(i) == null) {
        throw new InvalidArgumentException("the vector of record '" + r.id() + "' is null; give one vector per record");
      }
      entries.add(new VectorEntry(r.id(), vectors.get(i), r.indexLabels()));
    }
    if (batch.isEmpty()) {
      return;
    }
    List<VectorEntry> denseEntries = dense == null ? null : dense.entries(batch);
    index.change(i -> {
      i.addAll(entries);
      return null;
    });
    if (text != null) {
      var docs = new LinkedHashMap<String, TextDocument>();
      batch.forEach(r -> docs.put(r.id(), r.textDocument()));
      try {
        text.addAll(docs);
      } catch (RuntimeException e) {
        batch.forEach(r -> index.change(i -> i.remove(r.id())));
        throw e;
      }
    }
    if (dense != null) {
      dense.addAll(denseEntries);
    }
    for (CatalogueRecord r : batch) {
      records.put(r.id(), r);
      countLabels(r, 1);
    }
    grow();
  }

  /** Replaces a record and its vector; returns the record replaced. */
  synchronized CatalogueRecord update(CatalogueRecord record, float[] vector) {
    CatalogueRecord old = get(record.id());
    VectorEntry denseEntry = dense == null ? null : dense.entries(List.of(record)).get(0);
    index.change(i -> {
      i.update(record.id(), vector, record.indexLabels());
      return null;
    });
    if (text != null) {
      text.put(record.id(), record.textDocument());
    }
    if (dense != null) {
      dense.put(denseEntry);
    }
    records.put(record.id(), record);
    countLabels(old, -1);
    countLabels(record, 1);
    return old;
  }

  synchronized boolean remove(String id) {
    CatalogueRecord old = records.remove(id);
    if (old == null) {
      return false;
    }
    countLabels(old, -1);
    index.change(i -> i.remove(id));
    if (text != null) {
      text.remove(id);
    }
    if (dense != null) {
      dense.remove(id);
    }
    return true;
  }

  /** Rebuilds the index as the approximate kind when "auto" and the collection crossed the threshold. */
  private void grow() {
    if (!parts.config().autoChoosesIndex()) {
      return;
    }
    String want = parts.indexKindFor(records.size());
    String have = index.kind();
    if (want.equals(have)) {
      return;
    }
    LOG.info("the collection has {} items, past the auto-index threshold {}: rebuilding its index as '{}'", records.size(), parts.config().autoIndex().threshold(), want);
    VectorIndex fresh = parts.index(index.dimension(), index.metric(), records.size());
    var entries = new ArrayList<VectorEntry>(records.size());
    for (CatalogueRecord r : records.values()) {
      entries.add(new VectorEntry(r.id(), vector(r.id()), r.indexLabels()));
    }
    try {
      fresh.addAll(entries);
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    }
    index.swap(fresh);
  }

  /** @throws ClosedException after {@link #close()} */
  void checkOpen() {
    if (closed) {
      throw new ClosedException("the collection");
    }
  }

  /** Checks a label field name against the fields records carry. */
  void checkField(String field) {
    Args.knownField(field, labelFields(), size());
  }

  /** Checks the fields of a filter; null means no filter. */
  LabelFilter checkFilter(LabelFilter filter) {
    return Args.knownFields(filter, labelFields(), size());
  }

  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    index.closeIndex();
    if (text != null) {
      text.close();
    }
    if (dense != null) {
      dense.close();
    }
  }
}
