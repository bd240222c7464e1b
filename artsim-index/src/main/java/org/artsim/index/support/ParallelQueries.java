package org.artsim.index.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.artsim.ArtsimException;

/**
 * Runs the queries of a batch search on several threads: the calling thread and up to {@code
 * threads - 1} workers from one shared pool of daemon threads ({@code artsim-search-N}, created on
 * demand, ended after 30 s idle). Queries are handed out in chunks from a shared counter, so a slow
 * query does not hold up the rest; each query's answer is computed by the same code as on one thread
 * and stored at its index, so the result equals a sequential loop exactly.
 *
 * <p>The caller keeps whatever lock it holds (the index's read lock) until every worker has
 * finished: workers only run inside {@link #forRanges}, never after it returns. A worker's
 * exception is rethrown to the caller as it was thrown (typed, not wrapped in an {@code
 * ExecutionException}); the other workers stop at their next chunk. If the calling thread is
 * interrupted the batch stops at the next chunk and an {@link ArtsimException} says so, with the
 * interrupt flag set again.
 *
 * <p>Part of artsim-index's implementation, public only so that the index packages can share it.
 * Thread-safe.
 */
public final class ParallelQueries {
  /** Threads used when a configuration does not say: one per core the JVM sees. */
  public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** The most threads a configuration may ask for. */
  public static final int MAX_THREADS = 1024;

  private static final AtomicLong THREAD_NUMBER = new AtomicLong();
  private static final ThreadPoolExecutor POOL =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "artsim-search-" + THREAD_NUMBER.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private ParallelQueries() {}

  /** Work on the queries {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask {
    /** Answers queries {@code from} (inclusive) to {@code to} (exclusive). */
    void run(int from, int to);
  }

  /**
   * The answers to queries {@code 0 .. count-1}, in query order, computed by {@code answer} on up
   * to {@code threads} threads (1: all on the calling thread).
   */
  public static <T> List<T> map(int count, int threads, IntFunction<T> answer) {
    Object[] out = new Object[count];
    forRanges(
        count,
        threads,
        1,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            out[i] = answer.apply(i);
          }
        });
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) new ArrayList<>(Arrays.asList(out));
    return list;
  }

  /**
   * Runs {@code task} over {@code [0, count)} in chunks of {@code grain} queries (the last may be
   * shorter) on up to {@code threads} threads, the calling thread included, and returns when every
   * chunk has run. A caller with a kernel that answers several queries at once (the flat index's
   * tiles) passes its tile height as {@code grain}.
   *
   * @throws ArtsimException if the calling thread was interrupted (no chunk starts after that)
   * @throws RuntimeException the first exception a chunk threw, as thrown
   */
  public static void forRanges(int count, int threads, int grain, RangeTask task) {
    if (count <= 0) {
      return;
    }
    int step = Math.max(1, grain);
    int chunks = (int) ((count + (long) step - 1) / step);
    int workers = Math.max(1, Math.min(Math.min(threads, MAX_THREADS), chunks));
    var batch = new Batch(count, step, chunks, task);
    var done = new CountDownLatch(workers - 1);
    for (int w = 1; w < workers; w++) {
      try {
        POOL.execute(
            () -> {
              try {
                batch.work(false);
              } finally {
                done.countDown();
              }
            });
      } catch (RejectedExecutionException | OutOfMemoryError e) {
        done.countDown();
      }
    }
    batch.work(true);
    boolean interrupted = batch.interrupted;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        batch.stop = true;
      }
    }
    Throwable failure = batch.failure.get();
    if (failure instanceof RuntimeException re) {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      throw re;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new ArtsimException(
          "search interrupted: the calling thread was interrupted during a batch of " + count + " queries, so no results are returned; the interrupt flag is set again");
    }
  }

  /** The shared state of one batch: the next chunk, the first failure, the stop flag. */
  private static final class Batch {
    final int count;
    final int step;
    final int chunks;
    final RangeTask task;
    final AtomicInteger next = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile boolean stop;
    boolean interrupted;

    Batch(int count, int step, int chunks, RangeTask task) {
      this.count = count;
      this.step = step;
      this.chunks = chunks;
      this.task = task;
    }

    /** Runs chunks until none is left or the batch stops; the caller also watches its interrupt flag. */
    void work(boolean caller) {
      try {
        while (!stop) {
          if (caller && Thread.interrupted()) {
            interrupted = true;
            stop = true;
            return;
          }
          int c = next.getAndIncrement();
          if (c >= chunks) {
            return;
          }
          long from = (long) c * step;
          task.run((int) from, (int) Math.min(count, from + step));
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop = true;
      }
    }
  }
}
