package org.artsim.bench.quality;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a render for the quality harness: the size is read from the header first and images over a
 * pixel budget are refused before decoding; transparency is composited on white (clip art is drawn
 * for a white page) or dropped, as asked; the result fits in {@code maxSide} pixels.
 */
final class Thumbnails {
  private Thumbnails() {}

  /** How transparent pixels are treated. */
  enum Alpha {
    /** Composite on a white background. */
    WHITE,
    /** Keep the colour channels as stored (what Pillow's convert("RGB") does). */
    DROP
  }

  /** The image as RGB, at most {@code maxSide} on its longer side; null if its header declares over {@code maxPixels}. */
  static BufferedImage read(Path file, Alpha alpha, int maxSide, long maxPixels) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no image reader for " + file);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > maxPixels) {
          return null;
        }
        var param = reader.getDefaultReadParam();
        int longer = Math.max(reader.getWidth(0), reader.getHeight(0));
        int step = Math.max(1, longer / (maxSide * 2));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage src = reader.read(0, param);
        return toRgb(src, alpha, maxSide);
      } finally {
        reader.dispose();
      }
    }
  }

  /** Whether the image's header declares at most {@code maxPixels}; reads the header only. */
  static boolean fits(Path file, long maxPixels) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no image reader for " + file);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return (long) reader.getWidth(0) * reader.getHeight(0) <= maxPixels;
      } finally {
        reader.dispose();
      }
    }
  }

  private static BufferedImage toRgb(BufferedImage src, Alpha alpha, int maxSide) {
    double scale = Math.min(1.0, maxSide / (double) Math.max(src.getWidth(), src.getHeight()));
    int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
    BufferedImage source = src;
    if (alpha == Alpha.DROP && src.getColorModel().hasAlpha()) {
      source = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < src.getHeight(); y++) {
        for (int x = 0; x < src.getWidth(); x++) {
          source.setRGB(x, y, src.getRGB(x, y) & 0xFFFFFF);
        }
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** The raw-pixels baseline: a {@code side x side} RGB thumbnail as a vector in [0, 1]. */
  static float[] pixels(BufferedImage rgb, int side) {
    BufferedImage small = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(rgb, 0, 0, side, side, null);
    } finally {
      g.dispose();
    }
    float[] v = new float[side * side * 3];
    int i = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int p = small.getRGB(x, y);
        v[i++] = ((p >> 16) & 0xFF) / 255f;
        v[i++] = ((p >> 8) & 0xFF) / 255f;
        v[i++] = (p & 0xFF) / 255f;
      }
    }
    return v;
  }
}
