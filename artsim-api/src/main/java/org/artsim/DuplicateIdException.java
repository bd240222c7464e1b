package org.artsim;

/** An id is already present where a new one was required (for example {@code VectorIndex.add}). Use the update or put operation to replace it. Nothing was changed. */
public class DuplicateIdException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public DuplicateIdException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public DuplicateIdException(String message, Throwable cause) {
    super(message, cause);
  }
}
