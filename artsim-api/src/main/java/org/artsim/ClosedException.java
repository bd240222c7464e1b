package org.artsim;

/**
 * An object was used after {@code close()}: an index, text index, embedder, recommender, session or
 * collection. Nothing was read or changed. Open a new one (or load the saved one) instead.
 *
 * <p>Every artsim contract defines the same rule: after {@code close()} every operation that reads
 * or changes content throws this exception, while descriptive accessors (its name, dimension,
 * metric, configuration) stay readable; {@code close()} itself may be called again and does nothing.
 */
public class ClosedException extends ArtsimException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the named object, e.g. {@code "index 'flat'"}. */
  public ClosedException(String what) {
    super(what + " is closed; create or load a new one to go on");
  }
}
