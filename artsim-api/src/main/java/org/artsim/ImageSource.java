package org.artsim;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where an image comes from: a file, a URL, bytes in memory, or a decoded {@link BufferedImage}.
 * Image embedders accept any of them; {@link #of(String)} picks by the text's shape.
 */
public sealed interface ImageSource {

  /** A short description for messages and reports (the path, the URL or the name). */
  String describe();

  /** An image file on disk. */
  record OfFile(Path path) implements ImageSource {
    /** Validates the path. */
    public OfFile {
      if (path == null) {
        throw new InvalidArgumentException("path is null");
      }
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  /**
   * An image at a URL. Embedders read http, https and file URLs, with bounded time and size; other
   * schemes, nested ones such as {@code jar:} included, are refused when read.
   */
  record OfUrl(URI uri) implements ImageSource {
    /** Validates the URI. */
    public OfUrl {
      if (uri == null) {
        throw new InvalidArgumentException("uri is null");
      }
    }

    @Override
    public String describe() {
      return uri.toString();
    }
  }

  /** Encoded image bytes (PNG, JPEG...), with a name for messages. */
  record OfBytes(byte[] bytes, String name) implements ImageSource {
    /** Validates the fields. */
    public OfBytes {
      if (bytes == null) {
        throw new InvalidArgumentException("bytes is null");
      }
      if (name == null) {
        throw new InvalidArgumentException("name is null");
      }
    }

    @Override
    public String describe() {
      return name;
    }
  }

  /** An image already decoded in memory. */
  record OfImage(BufferedImage image, String name) implements ImageSource {
    /** Validates the fields. */
    public OfImage {
      if (image == null) {
        throw new InvalidArgumentException("image is null");
      }
      if (name == null) {
        throw new InvalidArgumentException("name is null");
      }
    }

    @Override
    public String describe() {
      return name;
    }
  }

  /** An image file. */
  static ImageSource of(Path path) {
    return new OfFile(path);
  }

  /** An image at a URL. */
  static ImageSource of(URI uri) {
    return new OfUrl(uri);
  }

  /** A decoded image. */
  static ImageSource of(BufferedImage image) {
    return new OfImage(image, "image@" + Integer.toHexString(System.identityHashCode(image)));
  }

  /** A URL if the text starts with a scheme such as {@code https:}, else a file path. */
  static ImageSource of(String pathOrUrl) {
    if (pathOrUrl == null) {
      throw new InvalidArgumentException("pathOrUrl is null; pass an image path or an http(s) or file URL");
    }
    try {
      if (pathOrUrl.matches("(?i)^[a-z][a-z0-9+.-]*:.+") && !pathOrUrl.matches("(?i)^[a-z]:[\\\\/].*")) {
        return new OfUrl(URI.create(pathOrUrl));
      }
      return new OfFile(Path.of(pathOrUrl));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("'" + pathOrUrl + "' is neither a valid URL nor a valid path: " + e.getMessage(), e);
    }
  }
}
