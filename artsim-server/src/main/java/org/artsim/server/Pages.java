package org.artsim.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.artsim.Hit;
import org.artsim.TermRewrite;
import org.artsim.TextSearchResult;
import org.artsim.analysis.Cluster;
import org.artsim.analysis.Clusters;
import org.artsim.collection.CatalogueRecord;

/**
 * The server-rendered pages: search ({@code /}), a work ({@code /work/{id}}), the map ({@code
 * /map}) and the clusters ({@code /clusters}). Each reads what the matching API route reads, and
 * renders through {@link Layout}, which escapes every catalogue string.
 */
final class Pages {
  /** The most label values a "closest per label" grid or a map legend shows. */
  static final int GRID_VALUES = 24;
  /** The recommendations the "for you" panel shows. */
  static final int FOR_YOU = 6;
  /** The most clusters a request may ask for. */
  static final int MAX_CLUSTERS = 50;
  /** The clusters shown by default. */
  static final int DEFAULT_CLUSTERS = 8;
  /** The map's colours, one per label value (values beyond share the last, grey). */
  static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#393b79",
      "#ad494a", "#637939", "#7f7f7f");

  private final App app;
  private final Layout layout;
  private final Api api;

  Pages(App app, Api api) {
    this.app = app;
    this.layout = new Layout(app.art());
    this.api = api;
  }

  /** Answers a page request (GET only). */
  Response handle(Request r) {
    List<String> s = r.segments();
    String route = s.isEmpty() ? "" : s.get(0);
    if (!r.method().equals("GET")) {
      throw new HttpError(405, "method-not-allowed", "pages take GET, not " + r.method(), "GET");
    }
    return switch (route) {
      case "" -> Response.html(search(r));
      case "work" -> {
        if (s.size() != 2) {
          throw HttpError.notFound("name a work: /work/{id}");
        }
        yield Response.html(work(r, app.works().find(s.get(1))));
      }
      case "map" -> only(s, 1, () -> map(r));
      case "clusters" -> only(s, 1, () -> clusters(r));
      default -> throw HttpError.notFound("no page /" + String.join("/", s));
    };
  }

  private static Response only(List<String> s, int length, java.util.function.Supplier<String> page) {
    if (s.size() != length) {
      throw HttpError.notFound("no page /" + String.join("/", s));
    }
    return Response.html(page.get());
  }

  private String search(Request r) {
    Visitor v = r.visitor(app.sessions());
    String q = r.param("q", "").strip();
    Set<String> liked = v.likeSet();
    var body = new StringBuilder();
    if (q.isEmpty()) {
      body.append("<h1>Browse the collection</h1><p class=\"hint\">Search above, open a work for similar works, or like works to get recommendations.</p>");
      var first = app.art().ids().stream().limit(Api.DEFAULT_K).map(id -> new Hit(id, Float.NaN, app.art().record(id).indexLabels())).toList();
      body.append(layout.cards(first, liked));
    } else {
      TextSearchResult result = api.search(q, app.k(r, "k", Api.DEFAULT_K), r.param("mode"), api.filter(r));
      body.append("<h1>Results for “").append(Html.text(q)).append("”</h1><p class=\"explanation\" id=\"explanation\">");
      for (TermRewrite w : result.explanation().rewrites()) {
        body.append("<span class=\"rewrite\">").append(Html.text(w.term())).append(" → ").append(Html.text(String.join(", ", w.replacements()))).append("</span> ");
      }
      body.append(Html.text(result.explanation().message())).append("</p>");
      body.append(result.isEmpty() ? "<p class=\"empty\">No works match.</p>" : layout.cards(result.hits(), liked));
    }
    return layout.page(q.isEmpty() ? "Browse" : q, q, body.toString(), v, v.current(FOR_YOU));
  }

  private String work(Request r, CatalogueRecord rec) {
    Visitor v = r.visitor(app.sessions());
    Set<String> liked = v.likeSet();
    String id = rec.id();
    var body = new StringBuilder("<article class=\"work\" data-id=\"").append(Html.text(id)).append("\"><img class=\"full\" src=\"")
        .append(Html.text(Works.image(id))).append("\" alt=\"").append(Html.text(Layout.title(rec))).append("\"><div class=\"about\"><h1>")
        .append(Html.text(Layout.title(rec))).append("</h1><dl>");
    var fields = new LinkedHashMap<String, String>();
    fields.put("id", id);
    fields.put("artist", rec.artist());
    fields.put("date", rec.date());
    fields.put("culture", rec.culture());
    fields.put("classification", rec.classification());
    fields.put("medium", rec.medium());
    fields.put("description", rec.description());
    fields.putAll(rec.fields());
    rec.labels().values().forEach(fields::putIfAbsent);
    fields.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        body.append("<dt>").append(Html.text(name)).append("</dt><dd>").append(Html.text(value)).append("</dd>");
      }
    });
    body.append("</dl>").append(Layout.likeButton(id, liked.contains(id))).append("</div></article>");

    body.append("<h2>Similar works</h2>").append(layout.cards(app.art().similarTo(id, app.k(r, "k", Api.DEFAULT_K)), liked));

    String field = r.param("field");
    field = field == null || field.isBlank() ? app.works().defaultField(GRID_VALUES) : app.works().checkField(field);
    if (field != null) {
      body.append("<h2>Closest per ").append(Html.text(field)).append("</h2>").append(fieldForm(Works.page(id), field));
      List<String> values = app.art().labelValues(field);
      values = values.subList(0, Math.min(values.size(), GRID_VALUES));
      body.append("<div class=\"cards grid\">");
      for (Map.Entry<String, List<Hit>> e : app.art().matchesPerLabel(id, field, values, 1).entrySet()) {
        body.append("<div class=\"cell\"><h3>").append(Html.text(e.getKey())).append("</h3>");
        if (e.getValue().isEmpty()) {
          body.append("<p class=\"empty\">no other work</p>");
        } else {
          Hit h = e.getValue().get(0);
          body.append(layout.card(app.art().record(h.id()), h.score(), liked.contains(h.id())));
        }
        body.append("</div>");
      }
      body.append("</div>");
    }

    Map<String, Double> dups = app.analyses().duplicatesOf(id, app.config().duplicateThreshold());
    body.append("<h2>Duplicates</h2>");
    if (dups.isEmpty()) {
      body.append("<p class=\"empty\" id=\"duplicates\">No near-duplicate within cosine distance ").append(app.config().duplicateThreshold()).append(".</p>");
    } else {
      var hits = new ArrayList<Hit>();
      dups.forEach((d, dist) -> hits.add(new Hit(d, dist.floatValue(), app.art().record(d).indexLabels())));
      body.append("<p class=\"hint\">Score: cosine distance to this work.</p>").append(layout.cards(hits, liked));
    }
    return layout.page(Layout.title(rec), "", body.toString(), v, v.current(FOR_YOU));
  }

  private String fieldForm(String action, String field) {
    var sb = new StringBuilder("<form class=\"field\" method=\"get\" action=\"").append(Html.text(action)).append("\"><label>Label field <select name=\"field\">");
    for (String f : app.works().labelFields()) {
      sb.append("<option").append(f.equals(field) ? " selected" : "").append(" value=\"").append(Html.text(f)).append("\">").append(Html.text(f)).append("</option>");
    }
    return sb.append("</select></label><button type=\"submit\">Show</button></form>").toString();
  }

  private String map(Request r) {
    String field = r.param("field");
    field = field == null || field.isBlank() ? app.works().defaultField(GRID_VALUES) : app.works().checkField(field);
    Analyses.MapPoints m = app.analyses().map();
    var body = new StringBuilder("<h1>Map</h1>");
    if (m == null) {
      return layout.page("Map", "", body.append("<p class=\"empty\">A map needs at least two works.</p>").toString(), null, null);
    }
    body.append(String.format(Locale.ROOT, "<p class=\"hint\">%s of the image vectors (axes explain %.0f%% and %.0f%% of the variance); each point opens its work.</p>",
        m.method(), 100 * m.explained()[0], 100 * m.explained()[1]));
    if (field != null) {
      body.append(fieldForm("/map", field));
    }
    var values = new TreeSet<String>();
    for (String id : m.ids()) {
      if (app.art().contains(id)) {
        values.add(label(id, field));
      }
    }
    List<String> order = new ArrayList<>(values);
    double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (double[] p : m.points()) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    int size = 640;
    double sx = (size - 40) / Math.max(1e-12, maxX - minX);
    double sy = (size - 40) / Math.max(1e-12, maxY - minY);
    body.append("<div class=\"map\"><svg id=\"map\" viewBox=\"0 0 ").append(size).append(' ').append(size).append("\" role=\"img\" aria-label=\"map of the collection\">");
    for (int i = 0; i < m.ids().size(); i++) {
      String id = m.ids().get(i);
      if (!app.art().contains(id)) {
        continue;
      }
      double x = 20 + (m.points()[i][0] - minX) * sx;
      double y = size - 20 - (m.points()[i][1] - minY) * sy;
      body.append("<a href=\"").append(Html.text(Works.page(id))).append("\"><circle cx=\"").append(String.format(Locale.ROOT, "%.1f\" cy=\"%.1f", x, y))
          .append("\" r=\"5\" fill=\"").append(colour(order.indexOf(label(id, field)))).append("\"><title>").append(Html.text(Layout.title(app.art().record(id))))
          .append(" (").append(Html.text(label(id, field))).append(")</title></circle></a>");
    }
    body.append("</svg><ul class=\"legend\">");
    for (int i = 0; i < order.size() && i < GRID_VALUES; i++) {
      body.append("<li><span class=\"swatch\" data-colour=\"").append(colour(i)).append("\"><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"")
          .append(colour(i)).append("\"/></svg></span>").append(Html.text(order.get(i))).append("</li>");
    }
    if (order.size() > GRID_VALUES) {
      body.append("<li>and ").append(order.size() - GRID_VALUES).append(" more</li>");
    }
    body.append("</ul></div>");
    return layout.page("Map", "", body.toString(), null, null);
  }

  private String label(String id, String field) {
    String v = field == null ? null : app.art().record(id).indexLabels().get(field);
    return v == null ? "(none)" : v;
  }

  private static String colour(int i) {
    return PALETTE.get(Math.min(i, PALETTE.size() - 1));
  }

  private String clusters(Request r) {
    int size = app.art().size();
    if (size == 0) {
      return layout.page("Clusters", "", "<h1>Clusters</h1><p class=\"empty\">The collection is empty.</p>", null, null);
    }
    int max = Math.min(size, Math.min(app.config().maxResults(), MAX_CLUSTERS));
    int k = r.intParam("k", Math.min(DEFAULT_CLUSTERS, max), 1, max);
    Clusters c = app.analyses().clusters(k, 42);
    Visitor v = app.sessions().find(r.sessionCookie());
    Set<String> liked = v == null ? Set.of() : v.likeSet();
    var body = new StringBuilder("<h1>").append(k).append(" clusters</h1><p class=\"hint\">Each cluster is shown by its medoid, the real work at its centre (")
        .append(Html.text(c.method())).append(").</p><form class=\"field\" method=\"get\" action=\"/clusters\"><label>Clusters <input name=\"k\" type=\"number\" min=\"1\" max=\"")
        .append(max).append("\" value=\"").append(k).append("\"></label><button type=\"submit\">Show</button></form><div class=\"clusters\">");
    for (Cluster cl : c.clusters()) {
      body.append("<section class=\"cluster\"><h2>").append(cl.size()).append(cl.size() == 1 ? " work" : " works").append("</h2>")
          .append(layout.card(app.art().record(cl.medoid()), Double.NaN, liked.contains(cl.medoid()))).append("<div class=\"members\">");
      cl.members().stream().filter(id -> !id.equals(cl.medoid()) && app.art().contains(id)).limit(8).forEach(id -> body.append("<a href=\"")
          .append(Html.text(Works.page(id))).append("\"><img src=\"").append(Html.text(Works.thumbnail(id))).append("\" alt=\"")
          .append(Html.text(Layout.title(app.art().record(id)))).append("\" loading=\"lazy\"></a>"));
      body.append("</div></section>");
    }
    return layout.page("Clusters", "", body.append("</div>").toString(), null, null);
  }
}
