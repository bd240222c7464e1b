package org.artsim;

/**
 * Receives progress reports from long operations (bulk adds, index builds, batch embedding,
 * ingestion). Reports come at most every few hundred milliseconds, plus one final report; they may
 * come from a worker thread, so a listener must be thread-safe and quick.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores every report. */
  ProgressListener NONE = p -> {};

  /** Called with the current state of the operation. */
  void onProgress(Progress progress);
}
