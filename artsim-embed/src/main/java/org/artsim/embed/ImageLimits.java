package org.artsim.embed;

import java.time.Duration;
import java.util.Map;
import org.artsim.ConfigException;
import org.artsim.embed.image.AlphaMode;
import org.artsim.spi.ConfigMap;

/**
 * Bounds on reading one image, shared by every image embedder: how long a download may take, how
 * many bytes an encoded image may have, how many pixels it may decode to, how much memory decoding
 * may take, how many images are fetched and decoded at once in a batch, and what happens to
 * transparency when the image becomes RGB.
 *
 * <p>Bytes are counted while reading, from every source (special files such as devices and FIFOs
 * are refused, see {@link org.artsim.embed.image.ImageBytes}). The pixel and memory bounds are
 * checked from the image header before any pixel is decoded, so a hostile 50,000 &times; 50,000
 * PNG, or a small 16-bit PNG declaring a huge size, costs a few bytes of reading, not gigabytes.
 * The memory bound is shared by all decodes running at once in the JVM (see {@link
 * #maxDecodeBytes()}).
 *
 * @param connectTimeout the longest wait for a connection to a URL's host; setting {@code
 *     connect_timeout_ms}
 * @param readTimeout the longest a whole download may take (each read also waits at most this
 *     long); setting {@code read_timeout_ms}
 * @param maxBytes the largest encoded image accepted, from any source; setting {@code max_bytes}
 * @param maxPixels the largest width &times; height accepted; setting {@code max_pixels}
 * @param maxDecodeBytes the memory all images being decoded at once may take together, estimated
 *     from each header as width &times; height &times; (bytes per decoded pixel, 8 for 16-bit RGBA,
 *     + 4 for the RGB copy); a decode waits while others hold too much, and an image that alone
 *     needs more is refused; setting {@code max_decode_bytes}, default a quarter of the maximum
 *     heap, between 64 MiB and 1 GiB
 * @param threads how many images a batch fetches and decodes in parallel; setting {@code
 *     decode_threads}
 * @param alpha what happens to transparent pixels: {@link AlphaMode#DROP} (the default, Pillow's
 *     {@code convert("RGB")}: the hidden colour is kept) or {@link AlphaMode#WHITE} (composited on
 *     white, better for clip art and icons); setting {@code alpha} = {@code drop} | {@code white}
 */
public record ImageLimits(Duration connectTimeout, Duration readTimeout, long maxBytes, long maxPixels, long maxDecodeBytes, int threads, AlphaMode alpha) {
  private static final ImageLimits DEFAULTS = new ImageLimits(
      Duration.ofSeconds(10), Duration.ofSeconds(30), 64L << 20, 100_000_000L,
      defaultDecodeBytes(Runtime.getRuntime().maxMemory()), Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())), AlphaMode.DROP);

  /** Validates the bounds. */
  public ImageLimits {
    validate("images", connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads);
    if (alpha == null) {
      throw new ConfigException("images: alpha is null; use AlphaMode.DROP (Pillow convert(\"RGB\") parity) or AlphaMode.WHITE");
    }
  }

  /** The bounds with {@link AlphaMode#DROP}, the default transparency handling. */
  public ImageLimits(Duration connectTimeout, Duration readTimeout, long maxBytes, long maxPixels, long maxDecodeBytes, int threads) {
    this(connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads, AlphaMode.DROP);
  }

  private static void validate(String who, Duration connectTimeout, Duration readTimeout, long maxBytes, long maxPixels, long maxDecodeBytes, int threads) {
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new ConfigException(who + ": connect_timeout_ms must be > 0, got " + (connectTimeout == null ? null : connectTimeout.toMillis()));
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new ConfigException(who + ": read_timeout_ms must be > 0, got " + (readTimeout == null ? null : readTimeout.toMillis()));
    }
    if (maxBytes < 1) {
      throw new ConfigException(who + ": max_bytes must be >= 1, got " + maxBytes);
    }
    if (maxPixels < 1) {
      throw new ConfigException(who + ": max_pixels must be >= 1, got " + maxPixels);
    }
    if (maxDecodeBytes < 1) {
      throw new ConfigException(who + ": max_decode_bytes must be >= 1, got " + maxDecodeBytes);
    }
    if (threads < 1 || threads > 256) {
      throw new ConfigException(who + ": decode_threads must be in [1, 256], got " + threads);
    }
  }

  /**
   * The default {@link #maxDecodeBytes()} for a JVM whose maximum heap is {@code maxHeap}: a
   * quarter of it, at least 64 MiB and at most 1 GiB (256 MiB for a 1 GiB heap: a 16-bit RGBA image
   * of up to about 22 megapixels, an 8-bit RGB one of up to about 38).
   */
  public static long defaultDecodeBytes(long maxHeap) {
    return Math.max(64L << 20, Math.min(1L << 30, maxHeap / 4));
  }

  /** 10 s to connect, 30 s per download, 64 MiB, 100 megapixels, {@link #defaultDecodeBytes} of this heap, min(8, max(2, cores)) threads, alpha dropped. */
  public static ImageLimits defaults() {
    return DEFAULTS;
  }

  /** A copy with other timeouts. */
  public ImageLimits withTimeouts(Duration connect, Duration read) {
    return new ImageLimits(connect, read, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }

  /** A copy with another byte limit. */
  public ImageLimits withMaxBytes(long maxBytes) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }

  /** A copy with another pixel limit. */
  public ImageLimits withMaxPixels(long maxPixels) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }

  /** A copy with another decode memory budget. */
  public ImageLimits withMaxDecodeBytes(long maxDecodeBytes) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }

  /** A copy with other transparency handling ({@link AlphaMode#WHITE} composites on white). */
  public ImageLimits withAlpha(AlphaMode alpha) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }

  /** A copy with another number of decode threads. */
  public ImageLimits withThreads(int threads) {
    return new ImageLimits(connectTimeout, readTimeout, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }

  /**
   * The settings of these limits that change the vectors, for an embedder's {@link
   * org.artsim.EmbedderInfo#settings()}: {@code alpha} when it is not the default {@code drop}
   * (so a collection saved with {@code alpha=white} says so and is reloaded with it, and
   * collections saved before the setting existed, all {@code drop}, stay compatible). Timeouts and
   * size bounds do not change a vector and are not listed.
   */
  public Map<String, String> vectorSettings() {
    return alpha == DEFAULTS.alpha ? Map.of() : Map.of("alpha", alpha.settingValue());
  }

  /**
   * Reads the image settings from an embedder's settings (the embedder calls {@link
   * ConfigMap#finish()}); errors name {@code provider} and the key.
   */
  public static ImageLimits read(String provider, ConfigMap c) {
    var d = DEFAULTS;
    var connect = Duration.ofMillis(c.getLong("connect_timeout_ms", d.connectTimeout.toMillis()));
    var read = Duration.ofMillis(c.getLong("read_timeout_ms", d.readTimeout.toMillis()));
    long maxBytes = c.getLong("max_bytes", d.maxBytes);
    long maxPixels = c.getLong("max_pixels", d.maxPixels);
    long maxDecodeBytes = c.getLong("max_decode_bytes", d.maxDecodeBytes);
    int threads = c.getInt("decode_threads", d.threads);
    AlphaMode alpha = c.getEnum("alpha", AlphaMode.class, d.alpha);
    validate(provider, connect, read, maxBytes, maxPixels, maxDecodeBytes, threads);
    return new ImageLimits(connect, read, maxBytes, maxPixels, maxDecodeBytes, threads, alpha);
  }
}
