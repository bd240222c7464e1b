package org.artsim;

/** A file was written by a newer format version than this artsim can read; upgrade artsim to load it. */
public class UnsupportedVersionException extends FileFormatException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public UnsupportedVersionException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public UnsupportedVersionException(String message, Throwable cause) {
    super(message, cause);
  }
}
