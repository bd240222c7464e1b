package org.artsim;

/** No provider with the requested name is installed; the message lists the installed names. */
public class UnknownProviderException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public UnknownProviderException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public UnknownProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
