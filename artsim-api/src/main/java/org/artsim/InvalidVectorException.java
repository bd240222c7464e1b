package org.artsim;

/** A vector holds NaN or infinite components, or is all zeros where the metric needs a direction (cosine). Nothing was changed. */
public class InvalidVectorException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public InvalidVectorException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidVectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
