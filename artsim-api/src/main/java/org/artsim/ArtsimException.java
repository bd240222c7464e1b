package org.artsim;

/**
 * Root of every exception artsim throws. All artsim exceptions are unchecked, and every message
 * states the bad value and what to do about it.
 *
 * <p>Catch this type to handle any artsim failure; catch a subclass to handle one kind.
 */
public class ArtsimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public ArtsimException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ArtsimException(String message, Throwable cause) {
    super(message, cause);
  }
}
