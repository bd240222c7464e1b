package org.artsim;

/** A model could not be found or loaded (missing file, wrong engine, unreadable weights). */
public class ModelLoadException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public ModelLoadException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
