package org.artsim;

/** One input could not be embedded (unreadable or unsupported image, download failure, engine error). */
public class EmbeddingException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public EmbeddingException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
