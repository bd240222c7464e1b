/**
 * Readers for what museums publish: the Met's Open Access CSV, the Rijksmuseum's and Harvard Art
 * Museums' collection API JSON, Europeana's Search and Record API JSON, and Linked Art JSON-LD,
 * each a {@link org.artsim.collection.museum.MuseumFormat} that catalogue ingestion reads with
 * {@code IngestOptions.of(MuseumFormat.byName("harvard"))}. Unknown fields are ignored, a malformed
 * record is a reported row.
 */
package org.artsim.collection.museum;
