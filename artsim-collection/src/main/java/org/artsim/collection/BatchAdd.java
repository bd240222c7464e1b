package org.artsim.collection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import org.artsim.ArtsimException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageSource;
import org.artsim.ProgressListener;
import org.artsim.collection.ingest.EmbeddingStage;

/** A batch add that reports each failed record and adds the rest ({@code ArtCollection.addAll}). */
final class BatchAdd {
  private BatchAdd() {}

  static AddResult addAll(CollectionContents contents, EmbeddingStage stage, List<CatalogueRecord> batch, Function<CatalogueRecord, ImageSource> locate, ProgressListener listener) {
    var failed = new LinkedHashMap<String, String>();
    var todo = new ArrayList<CatalogueRecord>();
    var sources = new ArrayList<ImageSource>();
    var seen = new HashSet<String>();
    for (CatalogueRecord r : batch) {
      Args.notNull(r, "record in batch");
      if (contents.contains(r.id()) || !seen.add(r.id())) {
        failed.put(r.id(), "duplicate id '" + r.id() + "'; use update to replace a record");
        continue;
      }
      try {
        sources.add(locate.apply(r));
        todo.add(r);
      } catch (ArtsimException e) {
        failed.put(r.id(), e.getMessage());
      }
    }
    List<EmbeddingResult> results = stage.embed(sources, listener);
    var added = new ArrayList<CatalogueRecord>();
    var vectors = new ArrayList<float[]>();
    for (int i = 0; i < todo.size(); i++) {
      if (results.get(i).ok()) {
        added.add(todo.get(i));
        vectors.add(results.get(i).vector());
      } else {
        failed.put(todo.get(i).id(), results.get(i).error().getMessage());
      }
    }
    contents.add(added, vectors);
    return new AddResult(added.stream().map(CatalogueRecord::id).toList(), failed);
  }
}
