package org.artsim.collection.ingest;

import org.artsim.ArtsimException;

/**
 * Ingestion stopped because its thread was interrupted. Every batch embedded so far is
 * checkpointed; running the ingestion again with the same checkpoint directory continues from there.
 * The collection was not changed.
 */
public class IngestionInterruptedException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says how to continue. */
  public IngestionInterruptedException(String message) {
    super(message);
  }
}
