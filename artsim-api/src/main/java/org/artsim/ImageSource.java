package org.artsim;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

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
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      return path.toString();
    }
  }

  /** An image at a URL (http, https, file or jar); downloads have bounded time and size. */
  record OfUrl(URI uri) implements ImageSource {
    /** Validates the URI. */
    public OfUrl {
      Objects.requireNonNull(uri, "uri");
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
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(name, "name");
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
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(name, "name");
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
    Objects.requireNonNull(pathOrUrl, "pathOrUrl");
    if (pathOrUrl.matches("(?i)^(https?|file|jar):.*")) {
      return new OfUrl(URI.create(pathOrUrl));
    }
    return new OfFile(Path.of(pathOrUrl));
  }
}
