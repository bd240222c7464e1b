package org.artsim.index.hnsw;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.artsim.ProgressTracker;

/**
 * Links a batch of nodes into an HNSW graph on several threads with a {@link GraphInserter}: the
 * calling thread and {@code threads - 1} helper threads take chunks of {@value #CHUNK} ordinals in
 * turn until none is left. The first failure stops the others and is rethrown once all have
 * stopped. An interrupt does not stop the batch (a half-linked graph could not be extended later);
 * the calling thread waits for the helpers and keeps its interrupt flag set.
 */
final class ParallelLinks {
  static final int CHUNK = 16;

  private ParallelLinks() {}

  /** Links nodes {@code [from, to)}, node {@code v} on levels {@code [0, levels[v - from]]}. */
  static void run(GraphInserter inserter, int[] levels, int from, int to, int threads, ProgressTracker tracker) {
    var next = new AtomicInteger(from);
    var failure = new AtomicReference<Throwable>();
    Runnable work =
        () -> {
          try {
            for (int start = next.getAndAdd(CHUNK); start < to && failure.get() == null; start = next.getAndAdd(CHUNK)) {
              int end = Math.min(to, start + CHUNK);
              for (int node = start; node < end; node++) {
                inserter.link(node, levels[node - from]);
              }
              tracker.advance(end - start);
            }
          } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
          }
        };
    Thread[] helpers = new Thread[threads - 1];
    for (int i = 0; i < helpers.length; i++) {
      helpers[i] = Thread.ofPlatform().name("artsim-hnsw-lucene-build-" + i).daemon().start(work);
    }
    work.run();
    boolean interrupted = false;
    for (Thread helper : helpers) {
      while (true) {
        try {
          helper.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException re) {
      throw re;
    }
    if (failed instanceof Error error) {
      throw error;
    }
  }
}
