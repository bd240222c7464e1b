package org.artsim;

/** Reading or writing a file failed for an I/O reason (permissions, disk full, missing directory). Any previous file at the target path is left intact. */
public class StorageException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and what to do. */
  public StorageException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
