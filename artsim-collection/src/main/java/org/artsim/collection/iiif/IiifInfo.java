package org.artsim.collection.iiif;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.artsim.FileFormatException;

/**
 * What an IIIF Image API {@code info.json} says about one image, as far as choosing a derivative
 * needs: the API version, the full size, the server's compliance level, the preferred {@code
 * sizes}, and the {@code maxWidth}/{@code maxHeight}/{@code maxArea} limits (from the v2 profile
 * object or the v3 top level).
 *
 * @param version 2 or 3
 * @param base the image's base URL (the {@code info.json} URL without {@code /info.json})
 * @param width the full width in pixels
 * @param height the full height in pixels
 * @param level the compliance level (0, 1 or 2), or -1 when not stated
 * @param sizes the preferred sizes the server lists (may be empty)
 * @param maxWidth the widest derivative served, or 0 for no limit
 * @param maxHeight the tallest derivative served, or 0 for no limit
 * @param maxArea the most pixels in a derivative, or 0 for no limit
 */
public record IiifInfo(int version, URI base, long width, long height, int level, List<Size> sizes, long maxWidth, long maxHeight, long maxArea) {

  /** The largest dimension accepted from an {@code info.json} (10^9 pixels a side). */
  public static final long MAX_SIDE = 1_000_000_000L;

  /**
   * One size a server lists.
   *
   * @param width pixels
   * @param height pixels
   */
  public record Size(long width, long height) {}

  /** Copies the sizes. */
  public IiifInfo {
    sizes = List.copyOf(sizes);
  }

  /**
   * Reads a parsed {@code info.json}.
   *
   * @param json the parsed document
   * @param infoUrl where it came from (its base becomes {@link #base()}: an {@code id} in the
   *     document that points elsewhere is not followed)
   * @throws FileFormatException if it is not an IIIF Image API v2 or v3 document, or a size is
   *     missing, not a positive whole number, or over {@link #MAX_SIDE}
   */
  public static IiifInfo parse(Map<String, Object> json, URI infoUrl) {
    int version = version(json, infoUrl);
    long width = size(json.get("width"), "width", infoUrl, true);
    long height = size(json.get("height"), "height", infoUrl, true);
    long maxWidth = 0;
    long maxHeight = 0;
    long maxArea = 0;
    int level = -1;
    Object profile = json.get("profile");
    var profiles = profile instanceof List<?> l ? l : profile == null ? List.of() : List.of(profile);
    for (Object p : profiles) {
      if (p instanceof String s) {
        level = Math.max(level, levelOf(s));
      } else if (p instanceof Map<?, ?> m && version == 2) {
        maxWidth = size(m.get("maxWidth"), "maxWidth", infoUrl, false);
        maxHeight = size(m.get("maxHeight"), "maxHeight", infoUrl, false);
        maxArea = area(m.get("maxArea"), infoUrl);
      }
    }
    if (version == 3) {
      maxWidth = size(json.get("maxWidth"), "maxWidth", infoUrl, false);
      maxHeight = size(json.get("maxHeight"), "maxHeight", infoUrl, false);
      maxArea = area(json.get("maxArea"), infoUrl);
    }
    if (maxHeight == 0 && maxWidth > 0) {
      maxHeight = maxWidth;
    }
    var sizes = new ArrayList<Size>();
    if (json.get("sizes") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          sizes.add(new Size(size(m.get("width"), "sizes[].width", infoUrl, true), size(m.get("height"), "sizes[].height", infoUrl, true)));
        }
      }
    }
    return new IiifInfo(version, IiifImages.baseOf(infoUrl), width, height, level, sizes, maxWidth, maxHeight, maxArea);
  }

  private static int version(Map<String, Object> json, URI from) {
    Object context = json.get("@context");
    var contexts = context instanceof List<?> l ? l : context == null ? List.of() : List.of(context);
    for (Object c : contexts) {
      if (c instanceof String s && s.contains("iiif.io/api/image/3")) {
        return 3;
      }
      if (c instanceof String s && s.contains("iiif.io/api/image/2")) {
        return 2;
      }
    }
    if ("ImageService3".equals(json.get("type")) && json.get("id") instanceof String) {
      return 3;
    }
    if (json.get("@id") instanceof String && json.containsKey("protocol")) {
      return 2;
    }
    throw new FileFormatException(from + " is JSON but not an IIIF Image API 2 or 3 info.json (no image @context, type or protocol); check the URL");
  }

  private static int levelOf(String profile) {
    int i = profile.lastIndexOf("level");
    if (i >= 0 && i + 5 < profile.length() && Character.isDigit(profile.charAt(i + 5))) {
      return profile.charAt(i + 5) - '0';
    }
    return -1;
  }

  private static long size(Object v, String name, URI from, boolean required) {
    if (v == null) {
      if (required) {
        throw new FileFormatException(from + ": the info.json has no " + name + "; it is not a usable IIIF image description");
      }
      return 0;
    }
    String s = v instanceof String t ? t.strip() : "";
    if (!s.matches("\\d{1,18}") || Long.parseLong(s) < 1) {
      throw new FileFormatException(from + ": the info.json's " + name + " is " + describe(v) + ", not a positive whole number of pixels");
    }
    long n = Long.parseLong(s);
    if (n > MAX_SIDE) {
      throw new FileFormatException(from + ": the info.json declares a " + name + " of " + n + " pixels, over the limit of " + MAX_SIDE + "; it is not a plausible image");
    }
    return n;
  }

  private static long area(Object v, URI from) {
    if (v == null) {
      return 0;
    }
    String s = v instanceof String t ? t.strip() : "";
    if (!s.matches("\\d{1,18}") || Long.parseLong(s) < 1) {
      throw new FileFormatException(from + ": the info.json's maxArea is " + describe(v) + ", not a positive whole number of pixels");
    }
    return Long.parseLong(s);
  }

  private static String describe(Object v) {
    String s = v instanceof Map ? "an object" : v instanceof List ? "a list" : "'" + v + "'";
    return s.length() > 40 ? s.substring(0, 40) + "...'" : s;
  }

  /**
   * The URL of the derivative to embed: the whole region, scaled so its shorter side is {@code
   * limits.shortSide()} (never enlarged), then shrunk into {@code maxWidth}, {@code maxHeight} and
   * {@code maxArea}, as a JPEG in the default quality. A level-0 server (which serves only its listed
   * sizes) gets the smallest listed size whose shorter side reaches the target, else the largest; a
   * level-0 server that lists none gets the full image ({@code full} in v2, {@code max} in v3). The
   * size is asked as {@code w,} (a level-1 feature of both versions, so more servers answer it than
   * {@code !w,h}).
   *
   * @throws FileFormatException if the derivative would be over {@code limits.maxPixels()} (an image
   *     declared absurdly elongated)
   */
  public URI derivative(IiifLimits limits) {
    String full = version == 3 ? "max" : "full";
    String size;
    if (level == 0) {
      if (sizes.isEmpty()) {
        size = full;
      } else {
        Size s = listed(limits.shortSide());
        size = s.width() == width && s.height() == height ? full : version == 3 ? s.width() + "," + s.height() : s.width() + ",";
        checkPixels(s.width(), s.height(), limits);
      }
    } else {
      long[] wh = fitted(limits.shortSide());
      checkPixels(wh[0], wh[1], limits);
      size = wh[0] == width && wh[1] == height ? full : wh[0] + ",";
    }
    return URI.create(base + "/full/" + size + "/0/default.jpg");
  }

  private void checkPixels(long w, long h, IiifLimits limits) {
    if (Math.multiplyHigh(w, h) != 0 || w * h > limits.maxPixels()) {
      throw new FileFormatException(base + ": a derivative of " + w + " x " + h + " pixels (from a declared " + width + " x " + height
          + ") is over the limit of " + limits.maxPixels() + " pixels; the image is too elongated to embed");
    }
  }

  private Size listed(int target) {
    var sorted = new ArrayList<>(sizes);
    sorted.sort(Comparator.comparingLong((Size s) -> Math.min(s.width(), s.height())).thenComparingLong(Size::width));
    for (Size s : sorted) {
      if (Math.min(s.width(), s.height()) >= target) {
        return s;
      }
    }
    return sorted.get(sorted.size() - 1);
  }

  /**
   * Width and height with the shorter side at {@code target} (not enlarged), inside the server's
   * limits; the height is the one a server computes from the width, rounded up, so a server that
   * rounds either way stays within {@code maxHeight} and {@code maxArea}.
   */
  private long[] fitted(int target) {
    double scale = Math.min(1.0, target / (double) Math.min(width, height));
    if (maxWidth > 0) {
      scale = Math.min(scale, maxWidth / (double) width);
    }
    if (maxHeight > 0) {
      scale = Math.min(scale, maxHeight / (double) height);
    }
    if (maxArea > 0) {
      scale = Math.min(scale, Math.sqrt(maxArea / ((double) width * height)));
    }
    if (scale >= 1.0) {
      return new long[] {width, height};
    }
    long w = Math.max(1, Math.min(width, (long) Math.floor(width * scale)));
    while (w > 1 && !fits(w)) {
      w--;
    }
    return new long[] {w, heightFor(w)};
  }

  /** The height of a derivative {@code w} wide, rounded up. */
  long heightFor(long w) {
    return Math.max(1, Math.ceilDiv(height * w, width));
  }

  private boolean fits(long w) {
    long h = heightFor(w);
    return (maxWidth == 0 || w <= maxWidth) && (maxHeight == 0 || h <= maxHeight) && (maxArea == 0 || w * h <= maxArea);
  }
}
