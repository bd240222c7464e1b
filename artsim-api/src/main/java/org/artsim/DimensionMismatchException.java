package org.artsim;

/** A vector's length differs from the dimension of the index or embedder it was given to. Nothing was changed. */
public class DimensionMismatchException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public DimensionMismatchException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public DimensionMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
