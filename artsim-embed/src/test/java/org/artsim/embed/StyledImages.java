package org.artsim.embed;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Generated "styles": a palette (4) times a pattern (4). Each image of a style draws the style's
 * pattern with random geometry and colours jittered around the palette, so images of one style
 * share palette and texture but no two are alike.
 */
public final class StyledImages {
  /** Palettes: warm, cool, earth, pastel. */
  static final int[][][] PALETTES = {
    {{200, 40, 30}, {240, 140, 30}, {250, 210, 80}},
    {{20, 60, 160}, {40, 160, 170}, {120, 200, 240}},
    {{100, 70, 40}, {120, 120, 50}, {60, 40, 30}},
    {{240, 180, 200}, {200, 220, 250}, {250, 240, 200}},
  };
  /** Number of patterns: horizontal stripes, checks, circles, diagonal hatching. */
  static final int PATTERNS = 4;
  /** Number of styles. */
  public static final int STYLES = PALETTES.length * PATTERNS;

  private StyledImages() {}

  /** Image {@code i} of style {@code style} (deterministic in both). */
  public static BufferedImage draw(int style, int i, int size) {
    var rnd = new SplittableRandom(style * 1000L + i);
    int[][] pal = PALETTES[style / PATTERNS];
    int pattern = style % PATTERNS;
    var img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(jitter(pal[0], rnd));
    g.fillRect(0, 0, size, size);
    int period = 8 + rnd.nextInt(10);
    switch (pattern) {
      case 0 -> {
        for (int y = rnd.nextInt(period); y < size; y += period) {
          g.setColor(jitter(pal[1 + rnd.nextInt(2)], rnd));
          g.fillRect(0, y, size, period / 2);
        }
      }
      case 1 -> {
        for (int y = 0; y < size; y += period) {
          for (int x = ((y / period) % 2) * period; x < size; x += 2 * period) {
            g.setColor(jitter(pal[1 + rnd.nextInt(2)], rnd));
            g.fillRect(x, y, period, period);
          }
        }
      }
      case 2 -> {
        for (int k = 0; k < 14; k++) {
          int r = 4 + rnd.nextInt(size / 6);
          g.setColor(jitter(pal[1 + rnd.nextInt(2)], rnd));
          g.fillOval(rnd.nextInt(size) - r, rnd.nextInt(size) - r, 2 * r, 2 * r);
        }
      }
      default -> {
        g.setStroke(new BasicStroke(2 + rnd.nextInt(3)));
        for (int d = -size; d < size; d += period) {
          g.setColor(jitter(pal[1 + rnd.nextInt(2)], rnd));
          g.drawLine(d, 0, d + size, size);
        }
      }
    }
    g.dispose();
    return img;
  }

  private static Color jitter(int[] c, SplittableRandom rnd) {
    return new Color(clamp(c[0] + rnd.nextInt(-15, 16)), clamp(c[1] + rnd.nextInt(-15, 16)), clamp(c[2] + rnd.nextInt(-15, 16)));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
