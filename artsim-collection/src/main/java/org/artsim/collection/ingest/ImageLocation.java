package org.artsim.collection.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.artsim.ImageSource;
import org.artsim.InvalidArgumentException;

/**
 * Where a record's image is: a catalogue value turned into an {@link ImageSource}, and refused
 * before anything is read when it could not be read safely.
 *
 * <ul>
 *   <li>A value with a scheme is a URL: {@code http} and {@code https} (with a host) and {@code
 *       file} are accepted; {@code jar:} and every other scheme are refused ({@link #resolve}).
 *   <li>Any other value is a path; a relative path is resolved against the base directory (the
 *       catalogue's directory during ingestion, {@code ArtCollection.imageBase()} otherwise, the
 *       working directory when that is null).
 *   <li>A path (or {@code file:} URL) that exists but is not a regular file &mdash; a device such as
 *       {@code /dev/zero}, a FIFO, a directory &mdash; or lies under {@code /proc}, {@code /sys} or
 *       {@code /dev} is refused ({@link #unsafeFile}); a path that does not exist is left to the
 *       embedder, which reports it unreadable.
 * </ul>
 */
public final class ImageLocation {
  private static final Pattern URL_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*", Pattern.DOTALL);
  private static final List<String> SCHEMES = List.of("http", "https", "file");
  private static final List<String> SYSTEM_DIRS = List.of("/proc/", "/sys/", "/dev/");

  private ImageLocation() {}

  /**
   * The image source for a catalogue value.
   *
   * @param id the record's id, for messages
   * @param image the path or URL
   * @param base the directory relative paths resolve against, or null for the working directory
   * @throws InvalidArgumentException if the value is blank, a malformed URL, or of another scheme
   */
  public static ImageSource resolve(String id, String image, Path base) {
    if (image == null || image.isBlank()) {
      throw new InvalidArgumentException("record '" + id + "' has no image; give it an image path or URL, or add it with a vector");
    }
    String s = image.strip();
    if (URL_SCHEME.matcher(s).matches() && !looksLikeWindowsDrive(s)) {
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new InvalidArgumentException("record '" + id + "' has a malformed image URL '" + s + "': " + e.getMessage() + "; fix the URL in the catalogue", e);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!SCHEMES.contains(scheme)) {
        throw new InvalidArgumentException("record '" + id + "' has an image URL with the unsupported scheme '" + scheme + "' (" + s + "); use http, https or file");
      }
      if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isBlank())) {
        throw new InvalidArgumentException("record '" + id + "' has an image URL without a host: '" + s + "'; fix the URL in the catalogue");
      }
      if (scheme.equals("file")) {
        try {
          Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
          throw new InvalidArgumentException("record '" + id + "' has a file URL that names no local file: '" + s + "'; give a path or file:///absolute/path", e);
        }
      }
      return ImageSource.of(uri);
    }
    Path p;
    try {
      p = Path.of(s);
    } catch (InvalidPathException e) {
      throw new InvalidArgumentException("record '" + id + "' has an image path that is not valid here: '" + s + "' (" + e.getReason() + "); fix it in the catalogue", e);
    }
    if (!p.isAbsolute() && base != null) {
      p = base.resolve(p);
    }
    return ImageSource.of(p);
  }

  private static boolean looksLikeWindowsDrive(String s) {
    return s.length() > 2 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':' && (s.charAt(2) == '\\' || s.charAt(2) == '/');
  }

  /**
   * Why a source must not be read, or null: a local path that exists but is not a regular file, or
   * lies in a system directory. Reads no content (only the file's attributes).
   */
  public static String unsafeFile(ImageSource source) {
    Path p = null;
    if (source instanceof ImageSource.OfFile f) {
      p = f.path();
    } else if (source instanceof ImageSource.OfUrl u && "file".equalsIgnoreCase(u.uri().getScheme())) {
      p = Path.of(u.uri());
    }
    if (p == null || !Files.exists(p)) {
      return null;
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (IOException e) {
      return null;
    }
    String r = real.toString().replace('\\', '/');
    for (String dir : SYSTEM_DIRS) {
      if (r.startsWith(dir)) {
        return "the image " + p + " lies in the system directory " + dir + " and was not read; point the catalogue at an image file";
      }
    }
    if (!Files.isRegularFile(real)) {
      return "the image " + p + " is not a regular file (a device, FIFO or directory) and was not read; point the catalogue at an image file";
    }
    return null;
  }

  /**
   * Decodes a local image (a regular file or a {@code file:} URL) with ImageIO; null for remote
   * URLs, other sources, and files that are missing, unsafe or not an image.
   */
  public static java.awt.image.BufferedImage decodeLocal(ImageSource source) {
    Path p = source instanceof ImageSource.OfFile f ? f.path() : source instanceof ImageSource.OfUrl u && "file".equalsIgnoreCase(u.uri().getScheme()) ? Path.of(u.uri()) : null;
    if (p == null || !Files.isRegularFile(p) || unsafeFile(source) != null) {
      return null;
    }
    try {
      return javax.imageio.ImageIO.read(p.toFile());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
