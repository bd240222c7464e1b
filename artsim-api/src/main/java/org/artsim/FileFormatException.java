package org.artsim;

/** A file is not an artsim file of the expected kind, or is truncated or corrupted (a length or checksum does not match). The file was not loaded and nothing in memory was changed. */
public class FileFormatException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public FileFormatException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public FileFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
