package org.artsim.collection.iiif;

import java.net.URI;
import java.util.Locale;
import org.artsim.EmbeddingException;
import org.artsim.FileFormatException;
import org.artsim.ImageSource;
import org.artsim.collection.ingest.JsonLines;

/**
 * IIIF Image API images as image sources: recognises an {@code info.json} URL, reads it within
 * {@link IiifLimits}, and gives the {@link ImageSource} of the derivative the embedder needs
 * ({@link IiifInfo#derivative}), which the embedder then downloads under its own URL limits.
 *
 * <p>Every failure &mdash; a timeout, an HTTP error, an over-long or malformed {@code info.json},
 * an implausible declared size &mdash; is an {@link EmbeddingException} naming the URL, so during
 * ingestion it is that one row's {@code UNREADABLE_IMAGE}, never the whole run's failure.
 * Stateless and thread-safe.
 */
public final class IiifImages {
  private static final String INFO = "/info.json";

  private IiifImages() {}

  /** Whether a source is an http(s) URL ending in {@code /info.json} (query and fragment aside). */
  public static boolean isInfoJson(ImageSource source) {
    if (!(source instanceof ImageSource.OfUrl u)) {
      return false;
    }
    String scheme = u.uri().getScheme() == null ? "" : u.uri().getScheme().toLowerCase(Locale.ROOT);
    String path = u.uri().getRawPath();
    return (scheme.equals("http") || scheme.equals("https")) && path != null && path.endsWith(INFO);
  }

  /**
   * The {@code info.json} URL for an IIIF base URL (a trailing slash dropped); a value that
   * already ends in {@code /info.json}, or is no http(s) URL, is returned as it is.
   */
  public static String infoJsonUrl(String image) {
    String s = image.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://")) || lower.endsWith(INFO) || s.contains("?") || s.contains("#")) {
      return s;
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s + INFO;
  }

  /** The base URL of an {@code info.json} URL. */
  static URI baseOf(URI info) {
    String s = info.toString();
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    return URI.create(s.endsWith(INFO) ? s.substring(0, s.length() - INFO.length()) : s);
  }

  /**
   * Reads and parses an {@code info.json}.
   *
   * @throws EmbeddingException if it cannot be downloaded within the limits or is no IIIF Image API 2 or 3 document
   */
  public static IiifInfo info(URI infoJson, IiifLimits limits) {
    byte[] bytes = InfoFetch.get(infoJson, limits);
    try {
      return IiifInfo.parse(JsonLines.parseObject(bytes, infoJson + " (IIIF info.json)"), infoJson);
    } catch (FileFormatException e) {
      throw new EmbeddingException(e.getMessage(), e);
    }
  }

  /**
   * The derivative to embed for an IIIF image given by its {@code info.json} (or base) URL.
   *
   * @throws EmbeddingException if the {@code info.json} cannot be read or no derivative fits the limits
   */
  public static ImageSource derivative(URI infoOrBase, IiifLimits limits) {
    URI info = URI.create(infoJsonUrl(infoOrBase.toString()));
    IiifInfo i = info(info, limits);
    try {
      return ImageSource.of(i.derivative(limits));
    } catch (FileFormatException e) {
      throw new EmbeddingException(e.getMessage(), e);
    }
  }
}
