package org.artsim.collection;

import org.artsim.ArtsimException;

/**
 * A saved collection's vectors were made by another embedder (provider, model, dimension or
 * settings differ) than the one it is being loaded or extended with. Vectors from different
 * embedders live in different spaces and cannot be compared; nothing was loaded or changed.
 */
public class IncompatibleEmbedderException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public IncompatibleEmbedderException(String message) {
    super(message);
  }
}
