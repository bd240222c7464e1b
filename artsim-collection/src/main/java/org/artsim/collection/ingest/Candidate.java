package org.artsim.collection.ingest;

import org.artsim.ImageSource;
import org.artsim.collection.CatalogueRecord;

/**
 * A catalogue row that passed every check and awaits its vector.
 *
 * @param line the 1-based line the row starts on
 * @param record the record read from it
 * @param source where its image is (resolved, checked as safe to read)
 */
public record Candidate(long line, CatalogueRecord record, ImageSource source) {}
