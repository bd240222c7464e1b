package org.artsim.collection.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.artsim.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared drawing helpers: fitted thumbnails, captions that survive a machine without fonts, atomic PNG writes. */
final class Drawing {
  private static final Logger LOG = LoggerFactory.getLogger(Drawing.class);
  private static final AtomicBoolean FONT_WARNED = new AtomicBoolean();
  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);

  private Drawing() {}

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return g;
  }

  /** Draws text, or nothing (logged once) where the JDK has no usable fonts. */
  static void text(Graphics2D g, String s, int x, int y, Font font, Color color, int maxWidth) {
    try {
      g.setFont(font);
      g.setColor(color);
      String t = s;
      var fm = g.getFontMetrics();
      while (t.length() > 1 && fm.stringWidth(t) > maxWidth) {
        t = t.substring(0, t.length() - 2) + "…";
      }
      g.drawString(t, x, y);
    } catch (RuntimeException | Error e) {
      if (FONT_WARNED.compareAndSet(false, true)) {
        LOG.warn("captions are left out of images: this JDK cannot draw text ({}); install fontconfig and a font", e.toString());
      }
    }
  }

  /** Draws {@code img} fitted (aspect kept) and centred in the square at (x, y); a grey box if null. */
  static void thumbnail(Graphics2D g, BufferedImage img, int x, int y, int side) {
    if (img == null) {
      g.setColor(new Color(0xdd, 0xdd, 0xdd));
      g.fillRect(x, y, side, side);
      text(g, "no image", x + 8, y + side / 2, FONT, Color.DARK_GRAY, side - 16);
      return;
    }
    double s = Math.min((double) side / img.getWidth(), (double) side / img.getHeight());
    int w = Math.max(1, (int) Math.round(img.getWidth() * s));
    int h = Math.max(1, (int) Math.round(img.getHeight() * s));
    g.drawImage(img, x + (side - w) / 2, y + (side - h) / 2, w, h, null);
  }

  /** A scaled copy fitting in {@code side} x {@code side}. */
  static BufferedImage scaled(BufferedImage img, int side) {
    double s = Math.min(1.0, Math.min((double) side / img.getWidth(), (double) side / img.getHeight()));
    int w = Math.max(1, (int) Math.round(img.getWidth() * s));
    int h = Math.max(1, (int) Math.round(img.getHeight() * s));
    var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(out);
    g.drawImage(img, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** Writes a PNG atomically. */
  static void writePng(BufferedImage img, Path file) {
    AtomicFiles.write(
        file,
        out -> {
          if (!ImageIO.write(img, "png", out)) {
            throw new IOException("this JDK has no PNG writer");
          }
        });
  }

  /** Writes a PNG plainly (for regenerable files such as thumbnails). */
  static void writePngPlain(BufferedImage img, Path file) {
    try {
      java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(img, "png", file.toFile())) {
        throw new IOException("this JDK has no PNG writer");
      }
    } catch (IOException e) {
      throw new org.artsim.StorageException("could not write " + file + ": " + e + "; check that the directory is writable", e);
    }
  }

  /** A distinct colour for category {@code i} (a fixed qualitative palette, then golden-angle hues). */
  static Color category(int i) {
    int[] base = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    if (i < base.length) {
      return new Color(base[i]);
    }
    return Color.getHSBColor((float) ((i * 0.618033988749895) % 1.0), 0.65f, 0.85f);
  }
}
