package org.artsim.collection.iiif;

import java.time.Duration;
import java.util.Map;
import org.artsim.ConfigException;

/**
 * The bounds for reading an IIIF {@code info.json} and the size of the derivative asked for.
 * The timeouts default to those of artsim's image downloads (10 s to connect, 30 s for the whole
 * body), so an IIIF image is bounded like any other URL; the derivative itself is then downloaded by
 * the embedder under its own limits.
 *
 * @param connectTimeout how long the connection may take to open
 * @param readTimeout how long the whole {@code info.json} may take to arrive
 * @param maxInfoBytes the largest {@code info.json} read, in bytes (default 1 MiB)
 * @param shortSide the shorter side of the derivative, in pixels (default 224; never more than the full image)
 * @param maxPixels the largest derivative asked for, in pixels (default 16 M): a declared size so
 *     elongated that its derivative would be larger is refused
 */
public record IiifLimits(Duration connectTimeout, Duration readTimeout, int maxInfoBytes, int shortSide, long maxPixels) {
  private static final IiifLimits DEFAULTS = new IiifLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20, 224, 16L << 20);

  /** Validates the bounds. */
  public IiifLimits {
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new ConfigException("iiif: connect timeout must be positive, got " + connectTimeout);
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new ConfigException("iiif: read timeout must be positive, got " + readTimeout);
    }
    if (maxInfoBytes < 256) {
      throw new ConfigException("iiif: max info.json bytes must be >= 256, got " + maxInfoBytes);
    }
    if (shortSide < 1 || shortSide > 8192) {
      throw new ConfigException("iiif: the derivative's short side must be in [1, 8192] pixels, got " + shortSide);
    }
    if (maxPixels < (long) shortSide * shortSide) {
      throw new ConfigException("iiif: max pixels must be >= short side squared (" + (long) shortSide * shortSide + "), got " + maxPixels);
    }
  }

  /** The defaults. */
  public static IiifLimits defaults() {
    return DEFAULTS;
  }

  /**
   * The defaults adjusted by an embedder's settings ({@code EmbedderInfo.settings()}): {@code
   * connect_timeout_ms} and {@code read_timeout_ms} when the embedder states them, and the short side
   * from {@code image_size}, {@code size} or {@code working_size} (the first that is a whole
   * number in range). Settings that do not parse are ignored.
   */
  public static IiifLimits forEmbedder(Map<String, String> settings) {
    var d = DEFAULTS;
    if (settings == null) {
      return d;
    }
    long connect = number(settings.get("connect_timeout_ms"), 1, Integer.MAX_VALUE, d.connectTimeout.toMillis());
    long read = number(settings.get("read_timeout_ms"), 1, Integer.MAX_VALUE, d.readTimeout.toMillis());
    long side = d.shortSide;
    for (String key : new String[] {"image_size", "size", "working_size"}) {
      long v = number(settings.get(key), 1, 8192, -1);
      if (v > 0) {
        side = v;
        break;
      }
    }
    return new IiifLimits(Duration.ofMillis(connect), Duration.ofMillis(read), d.maxInfoBytes, (int) side, Math.max(d.maxPixels, side * side));
  }

  private static long number(String s, long min, long max, long otherwise) {
    if (s == null || !s.strip().matches("\\d{1,10}")) {
      return otherwise;
    }
    long v = Long.parseLong(s.strip());
    return v < min || v > max ? otherwise : v;
  }

  /** A copy with other timeouts. */
  public IiifLimits withTimeouts(Duration connect, Duration read) {
    return new IiifLimits(connect, read, maxInfoBytes, shortSide, maxPixels);
  }

  /** A copy with another derivative size. */
  public IiifLimits withShortSide(int pixels) {
    return new IiifLimits(connectTimeout, readTimeout, maxInfoBytes, pixels, Math.max(maxPixels, (long) pixels * pixels));
  }

  /** A copy with another info.json byte limit. */
  public IiifLimits withMaxInfoBytes(int bytes) {
    return new IiifLimits(connectTimeout, readTimeout, bytes, shortSide, maxPixels);
  }
}
