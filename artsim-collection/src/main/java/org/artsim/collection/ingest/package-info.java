/**
 * Ingestion of catalogue exports (RFC 4180 CSV, JSON Lines) through a {@link
 * org.artsim.collection.ingest.ColumnMapping}, with every bad row reported in an {@link
 * org.artsim.collection.ingest.IngestionReport} and embedding checkpointed so that a restart
 * continues where it stopped ({@link org.artsim.collection.ingest.Ingestor}).
 */
package org.artsim.collection.ingest;
