package org.artsim.embed.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import org.artsim.EmbeddingException;
import org.artsim.embed.ImageLimits;

/**
 * Reads the encoded bytes of an image (or a model) from a file or a URL, bounded whatever the
 * source:
 *
 * <ul>
 *   <li>Files: only regular files are opened. Devices ({@code /dev/zero}, {@code /dev/urandom}),
 *       FIFOs, sockets, directories and anything under the kernel's pseudo file systems ({@code
 *       /proc}, {@code /sys}, {@code /dev}, also through a symbolic link) are refused before they
 *       are opened, so a FIFO cannot hang the caller. The declared size is checked first and every
 *       read counts bytes against the limit, so a file that grows while it is read is cut off.
 *   <li>URLs: {@code file:} URLs are read as files; {@code http:} and {@code https:} have a connect
 *       timeout, a limit for the whole download checked after every read, and the byte limit
 *       counted while reading. Every other scheme, including the nested {@code jar:} (which would
 *       bypass those bounds), is refused with a message naming the allowed ones.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class ImageBytes {
  /** The URL schemes read, in messages. */
  public static final List<String> SCHEMES = List.of("file", "http", "https");

  private static final List<String> PSEUDO_FILE_SYSTEMS = List.of("/proc", "/sys", "/dev");
  private static final int CHUNK = 64 * 1024;

  private ImageBytes() {}

  /** The bytes at a {@code file:}, {@code http:} or {@code https:} URL, within the limits. */
  public static byte[] read(URI uri, ImageLimits limits) {
    String scheme = schemeOf(uri);
    if (scheme.equals("file")) {
      Path p;
      try {
        p = Path.of(uri);
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
        throw new EmbeddingException(uri + ": not a usable file URL (" + e.getMessage() + "); use file:/absolute/path", e);
      }
      return readFile(p, limits.maxBytes(), "image");
    }
    return fetch(uri, limits.connectTimeout().toMillis(), limits.readTimeout().toMillis(), limits.maxBytes(), "image");
  }

  private static String schemeOf(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new EmbeddingException(uri + ": unsupported URL scheme '" + scheme + "'; use " + String.join(", ", SCHEMES)
          + (scheme.equals("jar") ? " (nested jar: URLs are not read: they bypass the download limits; extract the image first)" : ""));
    }
    return scheme;
  }

  /**
   * The bytes of a regular file, at most {@code maxBytes}.
   *
   * @throws EmbeddingException for a missing, unreadable or special file, or one over the limit
   */
  public static byte[] readFile(Path path, long maxBytes, String what) {
    Path real;
    BasicFileAttributes attrs;
    try {
      real = path.toRealPath();
      attrs = Files.readAttributes(real, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new EmbeddingException(path + ": no such " + what + " file; check the path", e);
    } catch (IOException | SecurityException e) {
      throw new EmbeddingException(path + ": cannot read the file (" + e + "); check that it exists and is readable", e);
    }
    if (!attrs.isRegularFile()) {
      String kind = attrs.isDirectory() ? "a directory" : attrs.isSymbolicLink() ? "a symbolic link" : "a device, FIFO or socket";
      throw new EmbeddingException(path + ": is " + kind + ", not a regular file; only regular files are read as " + what + "s");
    }
    for (String fs : PSEUDO_FILE_SYSTEMS) {
      if (real.startsWith(fs)) {
        throw new EmbeddingException(path + ": is on the kernel's " + fs + " file system (" + real + "); only regular files on a disk are read as " + what + "s");
      }
    }
    if (attrs.size() > maxBytes) {
      throw new EmbeddingException(path + ": " + attrs.size() + " bytes is over the limit of " + maxBytes + " bytes for one " + what + "; raise max_bytes or shrink the " + what);
    }
    try (InputStream in = Files.newInputStream(real)) {
      return readBounded(in, maxBytes, 0, path.toString(), what, 0, 0);
    } catch (IOException e) {
      throw new EmbeddingException(path + ": cannot read the file (" + e + "); check that it exists and is readable", e);
    }
  }

  /**
   * Downloads the bytes at an {@code http(s)} URL: the connection must open within {@code
   * connectMillis}, the whole body must arrive within {@code totalMillis}, and it may not exceed
   * {@code maxBytes}; {@code what} names the thing in messages.
   *
   * @throws EmbeddingException on another scheme, a timeout, an HTTP error status, an oversize body
   *     or an I/O error
   */
  public static byte[] fetch(URI uri, long connectMillis, long totalMillis, long maxBytes, String what) {
    String scheme = schemeOf(uri);
    if (scheme.equals("file")) {
      throw new EmbeddingException(uri + ": a file URL is not downloaded; read it as a file");
    }
    long deadline = System.nanoTime() + totalMillis * 1_000_000L;
    URLConnection conn;
    try {
      conn = uri.toURL().openConnection();
    } catch (IOException | IllegalArgumentException e) {
      throw new EmbeddingException(uri + ": cannot open the URL (" + e.getMessage() + ")", e);
    }
    conn.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, connectMillis)));
    conn.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, totalMillis)));
    conn.setRequestProperty("User-Agent", "artsim");
    try {
      if (conn instanceof HttpURLConnection http) {
        http.setInstanceFollowRedirects(true);
        int status = http.getResponseCode();
        if (status / 100 != 2) {
          throw new EmbeddingException(uri + ": the server answered HTTP " + status + "; check the URL");
        }
      }
      long declared = conn.getContentLengthLong();
      if (declared > maxBytes) {
        throw new EmbeddingException(uri + ": " + declared + " bytes is over the limit of " + maxBytes + " bytes for one " + what + "; raise max_bytes");
      }
      try (InputStream in = conn.getInputStream()) {
        return readBounded(in, maxBytes, deadline, uri.toString(), what, connectMillis, totalMillis);
      }
    } catch (SocketTimeoutException e) {
      throw new EmbeddingException(timedOut(uri.toString(), e.getMessage(), connectMillis, totalMillis), e);
    } catch (IOException e) {
      throw new EmbeddingException(uri + ": download failed (" + e + ")", e);
    } finally {
      if (conn instanceof HttpURLConnection http) {
        http.disconnect();
      }
    }
  }

  /** Reads to the end, counting bytes against {@code maxBytes}; {@code totalMillis > 0}: also against the deadline. */
  private static byte[] readBounded(InputStream in, long maxBytes, long deadline, String name, String what, long connectMillis, long totalMillis)
      throws IOException {
    var out = new ByteArrayOutputStream(CHUNK);
    byte[] buf = new byte[CHUNK];
    long total = 0;
    int n;
    while ((n = in.read(buf, 0, maxBytes - total >= buf.length ? buf.length : (int) (maxBytes - total) + 1)) >= 0) {
      total += n;
      if (total > maxBytes) {
        throw new EmbeddingException(name + ": more than " + maxBytes + " bytes for one " + what + "; raise max_bytes or shrink the " + what);
      }
      out.write(buf, 0, n);
      if (totalMillis > 0 && System.nanoTime() - deadline > 0) {
        throw new EmbeddingException(timedOut(name, "the download took longer than " + totalMillis + " ms", connectMillis, totalMillis));
      }
    }
    return out.toByteArray();
  }

  private static String timedOut(String name, String what, long connectMillis, long totalMillis) {
    return name + ": timed out (" + what + "; connect limit " + connectMillis + " ms, download limit " + totalMillis
        + " ms); raise connect_timeout_ms/read_timeout_ms or check the server";
  }
}
