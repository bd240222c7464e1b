package org.artsim.embed;

import java.time.Duration;
import org.artsim.ConfigException;
import org.artsim.spi.ConfigMap;

/**
 * Bounds on reading one image, shared by every image embedder: how long a download may take, how
 * many bytes an encoded image may have, how many pixels it may decode to, and how many images are
 * fetched and decoded at once in a batch.
 *
 * <p>The pixel bound is checked from the image header (through {@link javax.imageio.ImageReader}
 * width and height) before any pixel is decoded, so a hostile 50,000 &times; 50,000 PNG costs a few
 * bytes of reading, not gigabytes of memory.
 *
 * @param connectTimeout the longest wait for a connection to a URL's host; setting {@code
 *     connect_timeout_ms}
 * @param readTimeout the longest a whole download may take (each read also waits at most this
 *     long); setting {@code read_timeout_ms}
 * @param maxBytes the largest encoded image accepted, from any source; setting {@code max_bytes}
 * @param maxPixels the largest width &times; height accepted; setting {@code max_pixels}
 * @param threads how many images a batch fetches and decodes in parallel; setting {@code
 *     decode_threads}
 */
public record ImageLimits(Duration connectTimeout, Duration readTimeout, long maxBytes, long maxPixels, int threads) {
  private static final ImageLimits DEFAULTS =
      new ImageLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 64L << 20, 100_000_000L, Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())));

  /** Validates the bounds. */
  public ImageLimits {
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new ConfigException("images: connect_timeout_ms must be > 0, got " + (connectTimeout == null ? null : connectTimeout.toMillis()));
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new ConfigException("images: read_timeout_ms must be > 0, got " + (readTimeout == null ? null : readTimeout.toMillis()));
    }
    if (maxBytes < 1) {
      throw new ConfigException("images: max_bytes must be >= 1, got " + maxBytes);
    }
    if (maxPixels < 1) {
      throw new ConfigException("images: max_pixels must be >= 1, got " + maxPixels);
    }
    if (threads < 1 || threads > 256) {
      throw new ConfigException("images: decode_threads must be in [1, 256], got " + threads);
    }
  }

  /** 10 s to connect, 30 s per download, 64 MiB, 100 megapixels, min(8, max(2, cores)) threads. */
  public static ImageLimits defaults() {
    return DEFAULTS;
  }

  /** A copy with other timeouts. */
  public ImageLimits withTimeouts(Duration connect, Duration read) {
    return new ImageLimits(connect, read, maxBytes, maxPixels, threads);
  }

  /** A copy with another byte limit. */
  public ImageLimits withMaxBytes(long maxBytes) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, threads);
  }

  /** A copy with another pixel limit. */
  public ImageLimits withMaxPixels(long maxPixels) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, threads);
  }

  /** A copy with another number of decode threads. */
  public ImageLimits withThreads(int threads) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, threads);
  }

  /** Reads the image settings from an embedder's settings (the embedder calls {@link ConfigMap#finish()}). */
  public static ImageLimits read(ConfigMap c) {
    var d = DEFAULTS;
    return new ImageLimits(
        Duration.ofMillis(c.getLong("connect_timeout_ms", d.connectTimeout.toMillis())),
        Duration.ofMillis(c.getLong("read_timeout_ms", d.readTimeout.toMillis())),
        c.getLong("max_bytes", d.maxBytes),
        c.getLong("max_pixels", d.maxPixels),
        c.getInt("decode_threads", d.threads));
  }
}
