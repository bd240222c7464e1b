package org.artsim;

/** A method was called with an argument it cannot accept (k &le; 0, a null id, an empty label set...). Nothing was changed. */
public class InvalidArgumentException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public InvalidArgumentException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
