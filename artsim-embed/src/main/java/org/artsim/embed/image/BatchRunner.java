package org.artsim.embed.image;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.artsim.EmbeddingException;
import org.artsim.EmbeddingResult;
import org.artsim.ImageSource;
import org.artsim.ProgressListener;
import org.artsim.ProgressTracker;
import org.artsim.embed.ImageLimits;

/**
 * The batch pipeline shared by artsim's image embedders: images are fetched, decoded and
 * preprocessed by {@link ImageLimits#threads()} worker threads while the calling thread runs
 * inference on full batches, so decoding overlaps with the model.
 *
 * <p>Guarantees: one {@link EmbeddingResult} per input, in input order. An item that fails to
 * load or prepare gets its own error; a batch whose inference throws is retried item by item so
 * that only the items that fail get errors; a vector that is empty, has a non-finite component, or
 * has zero norm becomes an error (never a placeholder). At most about {@code 2 * batchSize + 2 *
 * threads} prepared items are held in memory at once. Progress is reported through {@link
 * ProgressTracker} (done, total, rate, ETA). Thread-safe: each call uses its own worker threads,
 * which end when the call returns.
 */
public final class BatchRunner {
  private static final AtomicInteger POOL = new AtomicInteger();

  private BatchRunner() {}

  /**
   * Embeds {@code sources}.
   *
   * @param prepare turns one decoded RGB image into the model's input (runs on worker threads)
   * @param infer embeds a batch of prepared inputs, returning one vector per input in order (runs
   *     on the calling thread)
   * @param <T> the prepared input type
   */
  public static <T> List<EmbeddingResult> run(
      List<? extends ImageSource> sources,
      ImageLimits limits,
      int batchSize,
      ProgressListener listener,
      Function<BufferedImage, T> prepare,
      Function<List<T>, List<float[]>> infer) {
    if (sources == null) {
      throw new org.artsim.InvalidArgumentException("images is null; pass a list of image sources");
    }
    int n = sources.size();
    EmbeddingResult[] results = new EmbeddingResult[n];
    var tracker = new ProgressTracker("embed images", n, listener);
    if (n == 0) {
      tracker.advance(0);
      return List.of();
    }
    int window = 2 * batchSize + 2 * limits.threads();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "artsim-decode-" + POOL.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(limits.threads(), n), tf)) {
      var pending = new ArrayDeque<Future<T>>();
      int submitted = 0;
      var batch = new ArrayList<T>(batchSize);
      var batchIndex = new ArrayList<Integer>(batchSize);
      for (int i = 0; i < n; i++) {
        while (submitted < n && submitted - i < window) {
          ImageSource s = sources.get(submitted);
          pending.add(pool.submit(() -> prepare.apply(ImageLoader.load(s, limits))));
          submitted++;
        }
        Future<T> f = pending.poll();
        try {
          T prepared = f.get();
          batch.add(prepared);
          batchIndex.add(i);
        } catch (ExecutionException e) {
          results[i] = EmbeddingResult.failure(i, asEmbedding(e.getCause(), sources.get(i)));
          tracker.advance(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pool.shutdownNow();
          throw new EmbeddingException("batch embedding was interrupted after " + i + " of " + n + " images", e);
        }
        if (batch.size() == batchSize || (i == n - 1 && !batch.isEmpty())) {
          flush(batch, batchIndex, sources, infer, results);
          tracker.advance(batch.size());
          batch.clear();
          batchIndex.clear();
        }
      }
    }
    return Arrays.asList(results);
  }

  private static <T> void flush(List<T> batch, List<Integer> index, List<? extends ImageSource> sources, Function<List<T>, List<float[]>> infer, EmbeddingResult[] results) {
    List<float[]> vectors;
    try {
      vectors = infer.apply(batch);
      if (vectors.size() != batch.size()) {
        throw new EmbeddingException("the model returned " + vectors.size() + " vectors for " + batch.size() + " images");
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        int i = index.get(0);
        results[i] = EmbeddingResult.failure(i, asEmbedding(e, sources.get(i)));
        return;
      }
      for (int j = 0; j < batch.size(); j++) {
        flush(List.of(batch.get(j)), List.of(index.get(j)), sources, infer, results);
      }
      return;
    }
    for (int j = 0; j < batch.size(); j++) {
      int i = index.get(j);
      float[] v = vectors.get(j);
      String bad = checkVector(v);
      results[i] = bad == null
          ? EmbeddingResult.success(i, v)
          : EmbeddingResult.failure(i, new EmbeddingException(sources.get(i).describe() + ": " + bad));
    }
  }

  /** Null if {@code v} is a usable vector, else what is wrong with it. */
  public static String checkVector(float[] v) {
    if (v == null || v.length == 0) {
      return "the embedder produced no vector";
    }
    double ss = 0;
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return "the embedder produced a vector with a non-finite value (" + x + ")";
      }
      ss += (double) x * x;
    }
    return ss > 0 ? null : "the embedder produced a zero vector, which cannot be normalised";
  }

  private static EmbeddingException asEmbedding(Throwable t, ImageSource s) {
    if (t instanceof EmbeddingException e) {
      return e;
    }
    return new EmbeddingException(s.describe() + ": " + t, t);
  }
}
