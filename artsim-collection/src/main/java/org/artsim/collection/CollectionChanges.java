package org.artsim.collection;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.artsim.DuplicateIdException;
import org.artsim.ProgressListener;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.IngestionReport;
import org.artsim.collection.ingest.Ingestor;

/**
 * The changes of an {@link ArtCollection} that embed images: adding one record, a batch, a
 * catalogue export, and replacing a record (re-embedding only a changed image). Every route embeds
 * through {@link RecordImages#stage()} and hands records with their vectors to {@link
 * CollectionContents}, which applies them all-or-nothing. Keeps no state of its own.
 */
final class CollectionChanges {
  private final CollectionContents contents;
  private final RecordImages images;

  CollectionChanges(CollectionContents contents, RecordImages images) {
    this.contents = contents;
    this.images = images;
  }

  void add(CatalogueRecord record) {
    contents.checkOpen();
    Args.notNull(record, "record");
    if (contents.contains(record.id())) {
      throw new DuplicateIdException("a record with id '" + record.id() + "' is already in the collection; use update to replace it");
    }
    float[] vector = images.embed(record);
    contents.add(List.of(record), List.of(vector));
  }

  AddResult addAll(List<CatalogueRecord> batch, ProgressListener listener) {
    contents.checkOpen();
    return BatchAdd.addAll(contents, images.stage(), Args.notNull(batch, "batch"), images::source, listener);
  }

  IngestionReport ingest(Path catalogue, IngestOptions options) {
    contents.checkOpen();
    Ingestor.Result r = Ingestor.ingest(Args.notNull(catalogue, "catalogue"), Args.notNull(options, "options"), images.stage(), contents::contains);
    contents.add(r.records(), r.vectors());
    return r.report();
  }

  void update(CatalogueRecord record) {
    contents.checkOpen();
    Args.notNull(record, "record");
    CatalogueRecord old = contents.get(record.id());
    float[] vector = Objects.equals(old.image(), record.image()) ? contents.vector(record.id()) : images.embed(record);
    contents.update(record, vector);
  }
}
