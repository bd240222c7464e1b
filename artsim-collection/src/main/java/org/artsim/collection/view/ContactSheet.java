package org.artsim.collection.view;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;

/**
 * PNG contact sheets of a query and its matches, drawn with java.awt (headless).
 *
 * <ul>
 *   <li>{@link #matches}: one row per query &mdash; the query, then its matches left to right,
 *       each captioned with its id and score;
 *   <li>{@link #perLabel}: the "matches by culture / matches by medium" grid &mdash; one row per
 *       query, the query in the first column, then one column per label value holding that value's
 *       best match (column headers name the values).
 * </ul>
 *
 * Images are read from the records' image files ({@link ArtCollection#readImage}); records whose
 * image cannot be read here (remote URLs) get a grey tile. Stateless and thread-safe.
 */
public final class ContactSheet {
  /** The default tile side in pixels. */
  public static final int TILE = 128;
  private static final int PAD = 8;
  private static final int CAPTION = 30;
  private static final int HEADER = 22;

  private ContactSheet() {}

  /** A query and its matches, one row. */
  public static BufferedImage matches(ArtCollection c, String queryId, List<Hit> hits) {
    return matches(c, c.readImage(queryId), queryId, hits);
  }

  /** A query image (which need not be in the collection) and its matches, one row. */
  public static BufferedImage matches(ArtCollection c, BufferedImage query, String queryCaption, List<Hit> hits) {
    int cols = 1 + hits.size();
    int w = PAD + cols * (TILE + PAD);
    int h = HEADER + TILE + CAPTION + PAD;
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    Drawing.text(g, "query", PAD, HEADER - 6, Drawing.BOLD, Color.BLACK, TILE);
    Drawing.text(g, "matches", PAD + TILE + PAD, HEADER - 6, Drawing.BOLD, Color.BLACK, w);
    tile(g, query, queryCaption, null, PAD, HEADER, true);
    for (int i = 0; i < hits.size(); i++) {
      Hit hit = hits.get(i);
      tile(g, c.readImage(hit.id()), hit.id(), hit.score(), PAD + (i + 1) * (TILE + PAD), HEADER, false);
    }
    g.dispose();
    return img;
  }

  /**
   * The per-label grid for several queries: row {@code r} shows query {@code r} and, under each
   * label value, the best match of that value ({@code perQuery} maps query id to value to hits, as
   * {@link ArtCollection#matchesPerLabel} returns them).
   */
  public static BufferedImage perLabel(ArtCollection c, String field, Map<String, Map<String, List<Hit>>> perQuery) {
    if (perQuery.isEmpty()) {
      throw new InvalidArgumentException("no queries to draw; give at least one query's matches");
    }
    var values = new ArrayList<String>();
    perQuery.values().forEach(m -> m.keySet().forEach(v -> {
      if (!values.contains(v)) {
        values.add(v);
      }
    }));
    int cols = 1 + values.size();
    int w = PAD + cols * (TILE + PAD);
    int h = HEADER + perQuery.size() * (TILE + CAPTION + PAD) + PAD;
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    Drawing.text(g, "query", PAD, HEADER - 6, Drawing.BOLD, Color.BLACK, TILE);
    for (int v = 0; v < values.size(); v++) {
      Drawing.text(g, field + ": " + values.get(v), PAD + (v + 1) * (TILE + PAD), HEADER - 6, Drawing.BOLD, Color.BLACK, TILE);
    }
    int row = 0;
    for (var e : perQuery.entrySet()) {
      int y = HEADER + row * (TILE + CAPTION + PAD);
      tile(g, c.readImage(e.getKey()), e.getKey(), null, PAD, y, true);
      for (int v = 0; v < values.size(); v++) {
        List<Hit> hits = e.getValue().getOrDefault(values.get(v), List.of());
        int x = PAD + (v + 1) * (TILE + PAD);
        if (hits.isEmpty()) {
          g.setColor(new Color(0xf0, 0xf0, 0xf0));
          g.fillRect(x, y, TILE, TILE);
          Drawing.text(g, "no match", x + 8, y + TILE / 2, Drawing.FONT, Color.GRAY, TILE - 16);
        } else {
          tile(g, c.readImage(hits.get(0).id()), hits.get(0).id(), hits.get(0).score(), x, y, false);
        }
      }
      row++;
    }
    g.dispose();
    return img;
  }

  /** {@link #perLabel(ArtCollection, String, Map)} for one query. */
  public static BufferedImage perLabel(ArtCollection c, String queryId, String field, Map<String, List<Hit>> perValue) {
    var m = new LinkedHashMap<String, Map<String, List<Hit>>>();
    m.put(queryId, perValue);
    return perLabel(c, field, m);
  }

  private static void tile(Graphics2D g, BufferedImage img, String caption, Float score, int x, int y, boolean query) {
    Drawing.thumbnail(g, img, x, y, TILE);
    if (query) {
      g.setColor(new Color(0xd6, 0x27, 0x28));
      g.drawRect(x - 1, y - 1, TILE + 1, TILE + 1);
    }
    Drawing.text(g, caption, x, y + TILE + 12, Drawing.FONT, Color.BLACK, TILE);
    if (score != null) {
      Drawing.text(g, String.format(Locale.ROOT, "score %.4f", score), x, y + TILE + 25, Drawing.FONT, Color.DARK_GRAY, TILE);
    }
  }

  /** Writes a sheet as PNG, atomically. */
  public static Path write(BufferedImage sheet, Path png) {
    Drawing.writePng(sheet, png);
    return png;
  }
}
