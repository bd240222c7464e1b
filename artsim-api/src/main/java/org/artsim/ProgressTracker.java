package org.artsim;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts work done by one or many threads and reports {@link Progress} to a listener, at most
 * every {@code interval} and once more when the last item is done. Thread-safe.
 */
public final class ProgressTracker {
  private final String task;
  private final long total;
  private final ProgressListener listener;
  private final long intervalNanos;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong lastReportNanos = new AtomicLong(Long.MIN_VALUE);

  /** A tracker reporting at most every 250 ms. */
  public ProgressTracker(String task, long total, ProgressListener listener) {
    this(task, total, listener, Duration.ofMillis(250));
  }

  /** A tracker reporting at most every {@code interval}. */
  public ProgressTracker(String task, long total, ProgressListener listener, Duration interval) {
    this.task = task;
    this.total = total;
    this.listener = listener == null ? ProgressListener.NONE : listener;
    this.intervalNanos = interval.toNanos();
  }

  /** Records {@code n} more items done and reports if the interval has passed or all are done. */
  public void advance(long n) {
    long now = System.nanoTime();
    long d = done.addAndGet(n);
    long last = lastReportNanos.get();
    boolean due = d >= total || last == Long.MIN_VALUE || now - last >= intervalNanos;
    if (due && lastReportNanos.compareAndSet(last, now)) {
      listener.onProgress(snapshot(d, now));
    } else if (d >= total && d - n < total) {
      listener.onProgress(snapshot(d, now));
    }
  }

  /** The current state, without reporting it. */
  public Progress snapshot() {
    return snapshot(done.get(), System.nanoTime());
  }

  private Progress snapshot(long d, long now) {
    double seconds = (now - startNanos) / 1e9;
    double rate = seconds > 0 ? d / seconds : 0;
    Duration eta = rate > 0 && d < total ? Duration.ofMillis((long) ((total - d) / rate * 1000)) : (d >= total ? Duration.ZERO : null);
    return new Progress(task, d, total, rate, eta);
  }
}
