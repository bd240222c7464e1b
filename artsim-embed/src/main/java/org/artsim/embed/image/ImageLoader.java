package org.artsim.embed.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>Regular files, {@code file:} URLs, {@code http(s):} URLs (connect and whole-download
 *       timeouts, redirects within the same protocol), encoded bytes, and decoded images; bytes are
 *       counted against the limit while reading ({@link ImageBytes}: special files and other URL
 *       schemes, {@code jar:} included, are refused).
 *   <li>The pixel limit and the decode memory budget (bytes per pixel from the header, shared by
 *       every decode running at once: {@link ImageLimits#maxDecodeBytes()}) are checked from the
 *       header before decoding.
 *   <li>Conversion to RGB follows Pillow's {@code Image.convert("RGB")}: by default alpha is
 *       dropped (not composited), grey is replicated into R, G and B without any gamma conversion,
 *       16-bit samples keep their high byte, palette images are looked up. With {@link
 *       ImageLimits#alpha()} = {@link AlphaMode#WHITE} transparent pixels are composited on white
 *       instead.
 *   <li>Refused with a clear message: missing or unreadable files, bytes that are no image format
 *       this JVM reads, truncated or corrupt data (including a JPEG the decoder warns about), CMYK
 *       and YCCK JPEGs (convert them to RGB first), images over the pixel, memory or byte limit, downloads
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
      case ImageSource.OfImage i -> toRgb(i.image(), limits.alpha());
      case ImageSource.OfBytes b -> decode(checkSize(b.bytes(), b.name(), limits), b.name(), limits);
      case ImageSource.OfFile f -> decode(ImageBytes.readFile(f.path(), limits.maxBytes(), "image"), f.describe(), limits);
      case ImageSource.OfUrl u -> decode(ImageBytes.read(u.uri(), limits), u.describe(), limits);
    };
  }

  private static byte[] checkSize(byte[] bytes, String name, ImageLimits limits) {
    if (bytes.length > limits.maxBytes()) {
      throw new EmbeddingException(name + ": " + bytes.length + " bytes is over the limit of " + limits.maxBytes() + " bytes; raise max_bytes or shrink the image");
    }
    return bytes;
  }

  /**
   * Downloads the bytes at an {@code http(s)} URL within the limits (see {@link ImageBytes#fetch}).
   *
   * @throws EmbeddingException on another scheme, a timeout, an HTTP error status, an oversize body or an I/O error
   */
  public static byte[] fetch(URI uri, ImageLimits limits) {
    return ImageBytes.fetch(uri, limits.connectTimeout().toMillis(), limits.readTimeout().toMillis(), limits.maxBytes(), "image");
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
        int bytesPerPixel = DecodeBudget.bytesPerPixel(reader);
        long need = DecodeBudget.estimate(w, h, bytesPerPixel);
        if (need > limits.maxDecodeBytes()) {
          throw new EmbeddingException(name + ": decoding " + w + " x " + h + " pixels at " + bytesPerPixel + " bytes per pixel (plus " + DecodeBudget.RGB_BYTES_PER_PIXEL
              + " for the RGB copy) needs about " + mib(need) + " MiB, over max_decode_bytes = " + mib(limits.maxDecodeBytes())
              + " MiB (shared by all images decoding at once); raise max_decode_bytes (and the heap, -Xmx) or downscale the image");
        }
        DecodeBudget.Reservation reservation = DecodeBudget.of(limits.maxDecodeBytes()).reserve(need, name);
        try {
          return read(reader, bytes, name, limits.alpha());
        } finally {
          reservation.close();
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new EmbeddingException(name + ": cannot decode the image (" + e.getMessage() + causeText(e) + ")", e);
    }
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1 << 20));
  }

  /** Decodes the first image of a reader whose header was checked, and converts it to RGB. */
  private static BufferedImage read(ImageReader reader, byte[] bytes, String name, AlphaMode alpha) throws IOException {
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
    return toRgb(image, alpha);
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
   * convert("RGB")} does (alpha dropped, see the class comment). Returns the same object if it
   * already is one.
   */
  public static BufferedImage toRgb(BufferedImage src) {
    return toRgb(src, AlphaMode.DROP);
  }

  /**
   * Converts any decoded image to 8-bit sRGB {@code TYPE_INT_RGB}, handling transparency as {@code
   * alpha} says ({@link AlphaMode#DROP}: Pillow's {@code convert("RGB")}; {@link AlphaMode#WHITE}:
   * composited on white). Returns the same object if it already is one.
   */
  public static BufferedImage toRgb(BufferedImage src, AlphaMode alpha) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    WritableRaster target = out.getRaster();
    int[] rgb = new int[w];
    var cm = src.getColorModel();
    boolean white = alpha == AlphaMode.WHITE && cm.hasAlpha();
    Raster raster = src.getRaster();
    int type = cm.getColorSpace().getType();
    boolean direct = cm instanceof ComponentColorModel && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB) && !(white && cm.isAlphaPremultiplied());
    int dataType = raster.getDataBuffer().getDataType();
    if ((direct && cm.getColorSpace().isCS_sRGB() || direct && type == ColorSpace.TYPE_GRAY)
        && (dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT)) {
      int bands = raster.getNumBands();
      int alphaBand = cm.hasAlpha() ? bands - 1 : -1;
      int shift = dataType == DataBuffer.TYPE_USHORT ? 8 : 0;
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
          int p = (r << 16) | (g << 8) | b;
          rgb[x] = white ? onWhite(p, row[x * bands + alphaBand] >>> shift) : p;
        }
        target.setDataElements(0, y, w, 1, rgb);
      }
      return out;
    }
    for (int y = 0; y < h; y++) {
      src.getRGB(0, y, w, 1, rgb, 0, w);
      for (int x = 0; x < w; x++) {
        rgb[x] = white ? onWhite(rgb[x], rgb[x] >>> 24) : rgb[x] & 0xFFFFFF;
      }
      target.setDataElements(0, y, w, 1, rgb);
    }
    return out;
  }

  /** The RGB of colour {@code p} (low 24 bits) with 8-bit opacity {@code a}, composited on white. */
  static int onWhite(int p, int a) {
    return blend((p >>> 16) & 0xFF, a) << 16 | blend((p >>> 8) & 0xFF, a) << 8 | blend(p & 0xFF, a);
  }

  private static int blend(int c, int a) {
    return (c * a + 255 * (255 - a) + 127) / 255;
  }
}
