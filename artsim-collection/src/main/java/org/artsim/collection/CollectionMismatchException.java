package org.artsim.collection;

import org.artsim.FileFormatException;

/**
 * A file in a saved collection's directory belongs to another collection, or to another save
 * (generation) of the same collection: it was copied, restored or swapped in by hand. Loading it
 * would serve a silently inconsistent collection, so nothing was loaded. The message names the
 * collection and generation expected and those found. Restore the whole directory from one backup,
 * or save the collection again.
 */
public class CollectionMismatchException extends FileFormatException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names both collections (or generations). */
  public CollectionMismatchException(String message) {
    super(message);
  }
}
