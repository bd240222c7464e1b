/**
 * The art collection facade: {@code org.artsim.collection} (ArtCollection, CollectionConfig,
 * ProviderSettings, CatalogueRecord, CollectionAnalysis, CollectionStore), catalogue ingestion
 * {@code org.artsim.collection.ingest} (ColumnMapping, IngestOptions, Ingestor, CatalogueReader,
 * EmbeddingStage), the generated sample catalogue {@code org.artsim.collection.sample}, the Open
 * Clip Art catalogue source {@code org.artsim.collection.openclipart}, the text-to-image bridge {@code
 * org.artsim.collection.bridge} and the visual outputs {@code
 * org.artsim.collection.view}.
 *
 * <p>Of artsim it reads the api only: every component (embedder, indexes, recommender, analysis) is
 * found by provider name through the api's ServiceLoader registry, so the implementation modules
 * are needed at run time only.
 */
module org.artsim.collection {
  requires transitive org.artsim.api;
  requires org.slf4j;
  requires com.fasterxml.jackson.core;
  requires java.xml;

  exports org.artsim.collection;
  exports org.artsim.collection.ingest;
  exports org.artsim.collection.sample;
  exports org.artsim.collection.view;
  exports org.artsim.collection.openclipart;
  exports org.artsim.collection.iiif;
  exports org.artsim.collection.museum;
  exports org.artsim.collection.folder;
  exports org.artsim.collection.bridge;
}
