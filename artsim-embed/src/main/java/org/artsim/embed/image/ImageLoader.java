package org.artsim.embed.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.artsim.EmbeddingException;
import org.artsim.ImageSource;
import org.artsim.embed.ImageLimits;

/**
 * Reads an {@link ImageSource} into an 8-bit sRGB {@link BufferedImage} ({@code TYPE_INT_RGB})
 * within {@link ImageLimits}, with an {@link EmbeddingException} that names the image and the fix
 * for every way it can fail.
 *
 * <ul>
 *   <li>Files, {@code file:} and {@code jar:} URLs, {@code http(s):} URLs (connect and whole-download
 *       timeouts, byte limit, redirects within the same protocol), encoded bytes, and decoded
 *       images.
 *   <li>The pixel limit is checked from the header before decoding.
 *   <li>Conversion to RGB follows Pillow's {@code Image.convert("RGB")}: alpha is dropped (not
 *       composited), grey is replicated into R, G and B without any gamma conversion, 16-bit
 *       samples keep their high byte, palette images are looked up.
 *   <li>Refused with a clear message: missing or unreadable files, bytes that are no image format
 *       this JVM reads, truncated or corrupt data (including a JPEG the decoder warns about), CMYK
 *       and YCCK JPEGs (convert them to RGB first), images over the pixel or byte limit, downloads
 *       that time out or answer with an HTTP error.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class ImageLoader {
  private ImageLoader() {}

  /**
   * Reads and converts one image.
   *
   * @throws EmbeddingException if the image cannot be read within the limits
   */
  public static BufferedImage load(ImageSource source, ImageLimits limits) {
    if (source == null) {
      throw new EmbeddingException("image source is null; pass ImageSource.of(path), ImageSource.of(uri) or ImageSource.of(image)");
    }
    return switch (source) {
      case ImageSource.OfImage i -> toRgb(i.image());
      case ImageSource.OfBytes b -> decode(checkSize(b.bytes(), b.name(), limits), b.name(), limits);
      case ImageSource.OfFile f -> decode(readFile(f.path(), limits), f.describe(), limits);
      case ImageSource.OfUrl u -> decode(fetch(u.uri(), limits), u.describe(), limits);
    };
  }

  private static byte[] checkSize(byte[] bytes, String name, ImageLimits limits) {
    if (bytes.length > limits.maxBytes()) {
      throw new EmbeddingException(name + ": " + bytes.length + " bytes is over the limit of " + limits.maxBytes() + " bytes; raise max_bytes or shrink the image");
    }
    return bytes;
  }

  static byte[] readFile(Path path, ImageLimits limits) {
    try {
      long size = Files.size(path);
      if (size > limits.maxBytes()) {
        throw new EmbeddingException(path + ": " + size + " bytes is over the limit of " + limits.maxBytes() + " bytes; raise max_bytes or shrink the image");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new EmbeddingException(path + ": no such image file; check the path", e);
    } catch (IOException e) {
      throw new EmbeddingException(path + ": cannot read the file (" + e + "); check that it exists and is readable", e);
    }
  }

  /**
   * Downloads the bytes at {@code uri} within the limits: the connection must open within the
   * connect timeout, the whole body must arrive within the read timeout, and it may not exceed the
   * byte limit.
   *
   * @throws EmbeddingException on a timeout, an HTTP error status, an oversize body or an I/O error
   */
  public static byte[] fetch(URI uri, ImageLimits limits) {
    return fetch(uri, limits.connectTimeout().toMillis(), limits.readTimeout().toMillis(), limits.maxBytes(), "image");
  }

  /** {@link #fetch(URI, ImageLimits)} with explicit bounds; {@code what} names the thing in messages. */
  public static byte[] fetch(URI uri, long connectMillis, long totalMillis, long maxBytes, String what) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!List.of("http", "https", "file", "jar").contains(scheme)) {
      throw new EmbeddingException(uri + ": unsupported URL scheme '" + scheme + "'; use http, https, file or jar");
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
        var out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 64 * 1024);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
          out.write(buf, 0, n);
          if (out.size() > maxBytes) {
            throw new EmbeddingException(uri + ": more than " + maxBytes + " bytes for one " + what + "; raise max_bytes");
          }
          if (System.nanoTime() > deadline) {
            throw new EmbeddingException(timedOut(uri, "the download took longer than " + totalMillis + " ms", connectMillis, totalMillis));
          }
        }
        return out.toByteArray();
      }
    } catch (SocketTimeoutException e) {
      throw new EmbeddingException(timedOut(uri, e.getMessage(), connectMillis, totalMillis), e);
    } catch (IOException e) {
      throw new EmbeddingException(uri + ": download failed (" + e + ")", e);
    } finally {
      if (conn instanceof HttpURLConnection http) {
        http.disconnect();
      }
    }
  }

  private static String timedOut(URI uri, String what, long connectMillis, long totalMillis) {
    return uri + ": timed out (" + what + "; connect limit " + connectMillis + " ms, download limit " + totalMillis
        + " ms); raise connect_timeout_ms/read_timeout_ms or check the server";
  }

  /**
   * Decodes encoded image bytes, checking the pixel limit from the header first.
   *
   * @throws EmbeddingException if the bytes are no readable image within the limits
   */
  public static BufferedImage decode(byte[] bytes, String name, ImageLimits limits) {
    if (bytes.length == 0) {
      throw new EmbeddingException(name + ": the image is empty (0 bytes)");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      var readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new EmbeddingException(name + ": not an image in a format this JVM can read (PNG, JPEG, GIF, BMP, WBMP" + (hasTiff() ? ", TIFF" : "") + "); the file is corrupt or of another type");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long w;
        long h;
        try {
          w = reader.getWidth(0);
          h = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw new EmbeddingException(name + ": corrupt or truncated " + reader.getFormatName() + " header (" + e.getMessage() + ")", e);
        }
        if (w <= 0 || h <= 0) {
          throw new EmbeddingException(name + ": the image has no pixels (" + w + " x " + h + ")");
        }
        if (w * h > limits.maxPixels()) {
          throw new EmbeddingException(name + ": " + w + " x " + h + " = " + (w * h) + " pixels is over the limit of " + limits.maxPixels() + " pixels; raise max_pixels or downscale the image");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, message) -> warnings.add(message));
        BufferedImage image;
        try {
          image = reader.read(0);
        } catch (IIOException e) {
          String m = String.valueOf(e.getMessage());
          if (m.contains("Unsupported Image Type") || m.contains("Unsupported JPEG")) {
            throw new EmbeddingException(name + ": " + CMYK, e);
          }
          throw new EmbeddingException(name + ": corrupt or truncated " + reader.getFormatName() + " (" + m + causeText(e) + ")", e);
        } catch (RuntimeException e) {
          throw new EmbeddingException(name + ": corrupt " + reader.getFormatName() + " (" + e + ")", e);
        }
        if (!warnings.isEmpty()) {
          throw new EmbeddingException(name + ": corrupt or truncated " + reader.getFormatName() + " (" + warnings.get(0) + ")");
        }
        if (reader.getFormatName().equalsIgnoreCase("png") && !endsWithIend(bytes)) {
          throw new EmbeddingException(name + ": corrupt or truncated png (no IEND chunk at the end)");
        }
        var cs = image.getColorModel().getColorSpace();
        if (cs.getType() == ColorSpace.TYPE_CMYK || cs.getType() == ColorSpace.TYPE_YCbCr && cs.getNumComponents() == 4) {
          throw new EmbeddingException(name + ": " + CMYK);
        }
        return toRgb(image);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new EmbeddingException(name + ": cannot decode the image (" + e.getMessage() + causeText(e) + ")", e);
    }
  }

  private static final String CMYK =
      "a CMYK or YCCK JPEG, which is not supported (its colours depend on conventions the file does not record); convert it to RGB first (e.g. `magick in.jpg -colorspace sRGB out.jpg`)";

  /** Whether the last 64 bytes hold a PNG IEND chunk type (trailing bytes after it are tolerated). */
  private static boolean endsWithIend(byte[] b) {
    for (int i = b.length - 8; i >= Math.max(0, b.length - 64); i--) {
      if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
        return true;
      }
    }
    return false;
  }

  private static String causeText(Throwable e) {
    return e.getCause() == null ? "" : ": " + e.getCause();
  }

  private static boolean hasTiff() {
    return ImageIO.getImageReadersByFormatName("tiff").hasNext();
  }

  /**
   * Converts any decoded image to 8-bit sRGB {@code TYPE_INT_RGB} the way Pillow's {@code
   * convert("RGB")} does (see the class comment). Returns the same object if it already is one.
   */
  public static BufferedImage toRgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[w * h];
    var cm = src.getColorModel();
    Raster raster = src.getRaster();
    int type = cm.getColorSpace().getType();
    boolean direct = cm instanceof ComponentColorModel && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB);
    if (direct && cm.getColorSpace().isCS_sRGB() || direct && type == ColorSpace.TYPE_GRAY) {
      int bands = raster.getNumBands();
      int dataType = raster.getDataBuffer().getDataType();
      int shift = dataType == DataBuffer.TYPE_USHORT ? 8 : 0;
      if (dataType != DataBuffer.TYPE_BYTE && dataType != DataBuffer.TYPE_USHORT) {
        return viaGetRgb(src, out, rgb);
      }
      int[] row = new int[w * bands];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          int r;
          int g;
          int b;
          if (type == ColorSpace.TYPE_GRAY) {
            r = g = b = row[x * bands] >>> shift;
          } else {
            r = row[x * bands] >>> shift;
            g = row[x * bands + 1] >>> shift;
            b = row[x * bands + 2] >>> shift;
          }
          rgb[y * w + x] = (r << 16) | (g << 8) | b;
        }
      }
      out.setRGB(0, 0, w, h, rgb, 0, w);
      return out;
    }
    return viaGetRgb(src, out, rgb);
  }

  private static BufferedImage viaGetRgb(BufferedImage src, BufferedImage out, int[] rgb) {
    int w = src.getWidth();
    int h = src.getHeight();
    src.getRGB(0, 0, w, h, rgb, 0, w);
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] &= 0xFFFFFF;
    }
    out.setRGB(0, 0, w, h, rgb, 0, w);
    return out;
  }
}
