package org.artsim.collection.view;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Draws 2-D points, one colour per label value (sorted values, {@link Drawing#category}), a title and
 * a legend: the picture of {@link PcaMap} and {@link CollectionMap}. Points are scaled to fill the
 * square; axes carry no units.
 */
final class ScatterPlot {
  static final int LEGEND = 190;

  private ScatterPlot() {}

  /** The plot, {@code size} pixels square plus the legend; a null label draws as {@code (none)}. */
  static BufferedImage render(double[][] points, List<String> labels, String title, int size) {
    var values = new TreeSet<String>();
    var named = new ArrayList<String>(labels.size());
    for (String v : labels) {
      named.add(v == null ? "(none)" : v);
      values.add(v == null ? "(none)" : v);
    }
    var order = new ArrayList<>(values);
    var img = new BufferedImage(size + LEGEND, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size + LEGEND, size);
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (double[] pt : points) {
      minX = Math.min(minX, pt[0]);
      maxX = Math.max(maxX, pt[0]);
      minY = Math.min(minY, pt[1]);
      maxY = Math.max(maxY, pt[1]);
    }
    double margin = 20;
    double sx = (size - 2 * margin) / Math.max(1e-12, maxX - minX);
    double sy = (size - 2 * margin) / Math.max(1e-12, maxY - minY);
    double r = points.length > 2000 ? 2.5 : 4;
    for (int i = 0; i < points.length; i++) {
      double px = margin + (points[i][0] - minX) * sx;
      double py = size - margin - (points[i][1] - minY) * sy;
      Color col = Drawing.category(order.indexOf(named.get(i)));
      g.setColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 210));
      g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
    }
    Drawing.text(g, title, 10, 14, Drawing.BOLD, Color.BLACK, size);
    for (int v = 0; v < order.size(); v++) {
      int y = 30 + 18 * v;
      g.setColor(Drawing.category(v));
      g.fillRect(size + 10, y - 9, 10, 10);
      Drawing.text(g, order.get(v), size + 26, y, Drawing.FONT, Color.BLACK, LEGEND - 30);
    }
    g.dispose();
    return img;
  }
}
