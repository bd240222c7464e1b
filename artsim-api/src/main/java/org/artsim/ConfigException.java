package org.artsim;

/** A configuration value is out of range, has the wrong type, or names a key the component does not know. */
public class ConfigException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public ConfigException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
