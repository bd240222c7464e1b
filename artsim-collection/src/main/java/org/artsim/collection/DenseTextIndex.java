package org.artsim.collection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.artsim.EmbedderInfo;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.ProgressListener;
import org.artsim.SearchRequest;
import org.artsim.TextEmbedder;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;

/**
 * The dense text index of a collection: each record's catalogue text (the fields of its text
 * document, joined by spaces) embedded by a {@link TextEmbedder} into an exact cosine index, with
 * the record's index labels for filters. It is derived data: never saved, rebuilt from the records
 * at load. Not synchronised itself: {@link CollectionContents} changes it under its lock; searches
 * rely on the vector index's own thread safety. Owns (and closes) the embedder and the index.
 */
final class DenseTextIndex {
  private final TextEmbedder embedder;
  private final VectorIndex index;

  DenseTextIndex(TextEmbedder embedder, VectorIndex index) {
    this.embedder = embedder;
    this.index = index;
  }

  /** An empty dense index over an exact index kind of the embedder's dimension. */
  static DenseTextIndex create(TextEmbedder embedder, PartsFactory parts) {
    return new DenseTextIndex(embedder, parts.exactIndex(embedder.dimension(), Metric.COSINE));
  }

  String embedderName() {
    return embedder.info().provider();
  }

  /** What makes the text vectors. */
  EmbedderInfo info() {
    return embedder.info();
  }

  /** A record's stored text vector (unit length: the index is cosine), if it is indexed. */
  Optional<float[]> vector(String id) {
    return index.vector(id);
  }

  /** A text's vector scaled to unit length, as the stored vectors are (the zero vector stays zero). */
  float[] unitVector(String text) {
    float[] v = embedder.embedText(text);
    double ss = 0;
    for (float x : v) {
      ss += (double) x * x;
    }
    if (ss > 0) {
      float inv = (float) (1 / Math.sqrt(ss));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  static String text(CatalogueRecord r) {
    return String.join(" ", r.textDocument().fields().values());
  }

  /**
   * The entries of records, embedded as one batch; nothing changes.
   *
   * @throws EmbeddingException naming the first record whose text could not be embedded
   */
  List<VectorEntry> entries(List<CatalogueRecord> records) {
    List<EmbeddingResult> results = embedder.embedTexts(records.stream().map(DenseTextIndex::text).toList(), ProgressListener.NONE);
    var out = new ArrayList<VectorEntry>(records.size());
    for (int i = 0; i < records.size(); i++) {
      CatalogueRecord r = records.get(i);
      EmbeddingResult res = results.get(i);
      if (!res.ok()) {
        throw new EmbeddingException("the text of record '" + r.id() + "' could not be embedded by '" + embedderName() + "': " + res.error().getMessage(), res.error());
      }
      out.add(new VectorEntry(r.id(), res.vector(), r.indexLabels()));
    }
    return out;
  }

  void addAll(List<VectorEntry> entries) {
    index.addAll(entries);
  }

  void put(VectorEntry entry) {
    if (index.contains(entry.id())) {
      index.update(entry.id(), entry.vector(), entry.labels());
    } else {
      index.add(entry.id(), entry.vector(), entry.labels());
    }
  }

  void remove(String id) {
    index.remove(id);
  }

  /** The {@code k} records whose texts are nearest the query's (filter already checked). */
  List<Hit> search(String query, int k, LabelFilter filter) {
    if (index.size() == 0) {
      return List.of();
    }
    return index.search(SearchRequest.of(embedder.embedText(query), k).withFilter(filter));
  }

  void close() {
    index.close();
    embedder.close();
  }
}
