package org.artsim.collection.view;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.LabelSuggestion;
import org.artsim.io.AtomicFiles;

/**
 * An HTML page of results: sections of a query and its hits, each hit with a thumbnail, its id,
 * title, score and labels. Thumbnails are written as PNGs to {@code thumbs/} beside the page and
 * referenced relatively, so the directory can be moved or zipped. Everything from the catalogue is
 * HTML-escaped. Not thread-safe; build one page from one thread.
 *
 * <p>With {@link #suggesting(String)}, each work shown whose own value of that label field is
 * missing, or differs from the top {@linkplain ArtCollection#suggestLabels(String, String, int)
 * label suggestion}, gets a line such as {@code probably: animals/bugs, 0.80} (the suggested value
 * and its share of the similarity-weighted vote); a work whose label agrees gets none, so the
 * lines point a curator at the records worth a second look. {@link #map} adds the collection's
 * 2-D map ({@link CollectionMap}) as a PNG beside the page.
 *
 * <pre>{@code
 * HtmlReport.create("Similar works").section("Similar to w-0007", art, "w-0007", art.similarTo("w-0007", 8)).write(Path.of("out/index.html"));
 * }</pre>
 */
public final class HtmlReport {
  private static final int THUMB = 160;
  private final String title;
  private final List<Section> sections = new ArrayList<>();
  private String suggestField;

  private record Section(String heading, String queryId, Map<String, List<Hit>> groups, String text, ArtCollection collection, MapSpec map) {}

  private record MapSpec(String field, CollectionMap.Method method, UmapConfig config) {}

  private HtmlReport(String title) {
    this.title = title;
  }

  /** A new, empty page. */
  public static HtmlReport create(String title) {
    return new HtmlReport(title);
  }

  /** A section: a query record (or null) and its hits. */
  public HtmlReport section(String heading, ArtCollection c, String queryId, List<Hit> hits) {
    sections.add(new Section(heading, queryId, Map.of("", hits), null, c, null));
    return this;
  }

  /** A section with one group of hits per label value ("matches by culture"). */
  public HtmlReport section(String heading, ArtCollection c, String queryId, Map<String, List<Hit>> perLabel) {
    sections.add(new Section(heading, queryId, perLabel, null, c, null));
    return this;
  }

  /** A section of plain text. */
  public HtmlReport text(String heading, String text) {
    sections.add(new Section(heading, null, Map.of(), text, null, null));
    return this;
  }

  /**
   * A section with the collection's 2-D map coloured by {@code labelField}, made by {@code method}
   * (see {@link CollectionMap}; {@code AUTO}: UMAP up to {@value CollectionMap#UMAP_LIMIT} records).
   */
  public HtmlReport map(String heading, ArtCollection c, String labelField, CollectionMap.Method method, UmapConfig config) {
    if (c == null || labelField == null || method == null || config == null) {
      throw new InvalidArgumentException("collection, labelField, method and config must not be null; e.g. map(\"Map\", art, \"category\", Method.AUTO, UmapConfig.defaults())");
    }
    sections.add(new Section(heading, null, Map.of(), null, c, new MapSpec(labelField, method, config)));
    return this;
  }

  /**
   * Shows, under each work whose own {@code field} is missing or differs from its top label
   * suggestion, "probably: VALUE, SHARE"; null turns it off. The field is checked against each
   * section's collection when the page is written.
   */
  public HtmlReport suggesting(String field) {
    this.suggestField = field;
    return this;
  }

  /** Writes the page and its thumbnails; returns the page's path. */
  public Path write(Path html) {
    Path dir = html.toAbsolutePath().getParent();
    var sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>")
        .append("body{font-family:sans-serif;margin:2em}figure{display:inline-block;width:").append(THUMB + 10)
        .append("px;margin:6px;vertical-align:top;font-size:12px}figure img{max-width:").append(THUMB)
        .append("px;max-height:").append(THUMB).append("px}.query img{outline:3px solid #d62728}.score{color:#555}.labels{color:#777}.probably{color:#b35900}</style></head>\n<body>\n")
        .append("<h1>").append(esc(title)).append("</h1>\n");
    for (Section s : sections) {
      sb.append("<section>\n<h2>").append(esc(s.heading())).append("</h2>\n");
      if (s.text() != null) {
        sb.append("<p>").append(esc(s.text()).replace("\n", "<br>")).append("</p>\n");
      }
      if (s.map() != null) {
        String name = "maps/map-" + sections.indexOf(s) + ".png";
        Path png = dir.resolve(name);
        CollectionMap.write(s.collection(), s.map().field(), 640, s.map().method(), s.map().config(), png);
        sb.append("<p><img class=\"map\" src=\"").append(esc(name)).append("\" alt=\"").append(esc("map by " + s.map().field())).append("\"></p>\n");
      }
      if (s.collection() != null && suggestField != null && s.collection().size() > 0) {
        s.collection().labelValues(suggestField);
      }
      if (s.queryId() != null) {
        sb.append(figure(s.collection(), dir, s.queryId(), null, "query", suggestField));
      }
      for (var g : s.groups().entrySet()) {
        if (!g.getKey().isEmpty()) {
          sb.append("<h3>").append(esc(g.getKey())).append("</h3>\n");
        }
        if (g.getValue().isEmpty()) {
          sb.append("<p class=\"empty\">no match</p>\n");
        }
        for (Hit h : g.getValue()) {
          sb.append(figure(s.collection(), dir, h.id(), h.score(), "hit", suggestField));
        }
      }
      sb.append("</section>\n");
    }
    sb.append("</body></html>\n");
    AtomicFiles.writeString(html, sb.toString());
    return html;
  }

  private static String figure(ArtCollection c, Path dir, String id, Float score, String cls, String suggestField) {
    CatalogueRecord r = c.contains(id) ? c.record(id) : null;
    String src = thumbnail(c, dir, id);
    var sb = new StringBuilder("<figure class=\"").append(cls).append("\">");
    if (src != null) {
      sb.append("<img src=\"").append(esc(src)).append("\" alt=\"").append(esc(r != null && r.title() != null ? r.title() : id)).append("\">");
    } else {
      sb.append("<div class=\"noimage\">no image</div>");
    }
    sb.append("<figcaption><b>").append(esc(id)).append("</b>");
    if (r != null && r.title() != null) {
      sb.append("<br>").append(esc(r.title()));
    }
    if (score != null) {
      sb.append("<br><span class=\"score\">score ").append(String.format(Locale.ROOT, "%.4f", score)).append("</span>");
    }
    if (r != null && !r.indexLabels().isEmpty()) {
      sb.append("<br><span class=\"labels\">").append(esc(r.indexLabels().toString())).append("</span>");
    }
    LabelSuggestion probably = r == null || suggestField == null ? null : suggestion(c, id, suggestField);
    if (probably != null && !probably.value().equals(r.indexLabels().get(suggestField))) {
      sb.append("<br><span class=\"probably\">probably: ").append(esc(probably.value())).append(String.format(Locale.ROOT, ", %.2f", probably.share())).append("</span>");
    }
    return sb.append("</figcaption></figure>\n").toString();
  }

  /** The top suggestion, or null when no other record carries the field (nothing can vote). */
  private static LabelSuggestion suggestion(ArtCollection c, String id, String field) {
    try {
      return c.suggestLabels(id, field, 1).get(0);
    } catch (InvalidArgumentException e) {
      return null;
    }
  }

  private static String thumbnail(ArtCollection c, Path dir, String id) {
    if (!c.contains(id)) {
      return null;
    }
    BufferedImage img = c.readImage(id);
    if (img == null) {
      String image = c.record(id).image();
      return image != null && image.matches("(?i)^https?:.*") ? image : null;
    }
    String name = "thumbs/" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    Drawing.writePngPlain(Drawing.scaled(img, THUMB), dir.resolve(name));
    return name;
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    var sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
