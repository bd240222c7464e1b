package org.artsim;

/** An id that is not present was given where an existing one is required. Nothing was changed. */
public class UnknownIdException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public UnknownIdException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public UnknownIdException(String message, Throwable cause) {
    super(message, cause);
  }
}
