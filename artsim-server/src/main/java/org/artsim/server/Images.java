package org.artsim.server;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.artsim.collection.ArtCollection;

/**
 * The image and thumbnail routes' bytes. A work's image is read by the collection from the path
 * or {@code file:} URL its record holds ({@link ArtCollection#readImage}), decoded, scaled to fit
 * {@link #IMAGE_SIZE} or {@link #THUMB_SIZE} pixels and encoded again as PNG: the server never
 * streams a file's bytes, so a record whose image is not a picture serves nothing, and only the
 * collection's own images are reachable (the id is looked up, never used as a path). The last
 * {@link #THUMBS_KEPT} thumbnails are cached. Thread-safe.
 */
final class Images {
  /** The longest side of a served image. */
  static final int IMAGE_SIZE = 1024;
  /** The longest side of a thumbnail. */
  static final int THUMB_SIZE = 200;
  /** How many thumbnails are kept in memory. */
  static final int THUMBS_KEPT = 2_000;

  private final ArtCollection art;
  private final Map<String, byte[]> thumbs = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > THUMBS_KEPT;
    }
  };

  Images(ArtCollection art) {
    this.art = art;
  }

  /** The PNG of a work's image, at most {@link #IMAGE_SIZE} pixels on a side, or null if it cannot be read here. */
  byte[] image(String id) {
    return png(id, IMAGE_SIZE);
  }

  /** The PNG thumbnail of a work, or null if its image cannot be read here. */
  byte[] thumbnail(String id) {
    String key = id + "\n" + art.record(id).image();
    synchronized (thumbs) {
      byte[] cached = thumbs.get(key);
      if (cached != null) {
        return cached;
      }
    }
    byte[] png = png(id, THUMB_SIZE);
    if (png != null) {
      synchronized (thumbs) {
        thumbs.put(key, png);
      }
    }
    return png;
  }

  private byte[] png(String id, int size) {
    BufferedImage img = art.readImage(id);
    if (img == null) {
      return null;
    }
    BufferedImage scaled = fit(img, size);
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(scaled, "png", out);
    } catch (IOException e) {
      return null;
    }
    return out.toByteArray();
  }

  private static BufferedImage fit(BufferedImage img, int size) {
    int w = img.getWidth();
    int h = img.getHeight();
    double scale = Math.min(1.0, size / (double) Math.max(w, h));
    int nw = Math.max(1, (int) Math.round(w * scale));
    int nh = Math.max(1, (int) Math.round(h * scale));
    boolean alpha = img.getColorModel().hasAlpha();
    var out = new BufferedImage(nw, nh, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(img, 0, 0, nw, nh, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
