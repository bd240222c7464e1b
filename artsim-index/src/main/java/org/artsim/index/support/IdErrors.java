package org.artsim.index.support;

import org.artsim.DuplicateIdException;
import org.artsim.InvalidArgumentException;
import org.artsim.UnknownIdException;

/**
 * The id errors every artsim index raises, with one wording: what was wrong and what to do. Part
 * of artsim-index's implementation, public only so that the index packages can share it.
 */
public final class IdErrors {
  private IdErrors() {}

  /** Refuses a null id. */
  public static void requireId(String id) {
    if (id == null) {
      throw new InvalidArgumentException("id is null; give every item an id");
    }
  }

  /** An id that is already stored was added again. */
  public static DuplicateIdException duplicate(String id) {
    return new DuplicateIdException("id '" + id + "' is already in the index; use put(...) to replace it or remove it first");
  }

  /** An id that is not stored was asked for. */
  public static UnknownIdException unknown(String id) {
    return new UnknownIdException("no item with id '" + id + "' in the index; add it first or check the id");
  }
}
