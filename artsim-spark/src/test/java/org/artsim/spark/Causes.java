package org.artsim.spark;

/** Finds the artsim exception inside the SparkException a failed job throws. */
final class Causes {
  private Causes() {}

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " among the causes of " + t, t);
  }
}
