package org.artsim.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.QueryExplanation;
import org.artsim.Recommendations;
import org.artsim.TermRewrite;
import org.artsim.TextSearchResult;
import org.artsim.analysis.Cluster;
import org.artsim.analysis.Clusters;
import org.artsim.collection.TextSearchMode;

/**
 * The JSON API under {@code /api} (documented in the module's README): search, a work, similar
 * works, per-label matches, duplicates, the visitor's session (like, unlike, clear, recommend),
 * clusters and the map. Every route checks its method (405 otherwise), its parameters and the ids
 * it is given (404 for an unknown id); results are bounded by {@link ServerConfig#maxResults()}.
 */
final class Api {
  /** The default number of results. */
  static final int DEFAULT_K = 12;

  private final App app;

  Api(App app) {
    this.app = app;
  }

  /** Answers a request whose path starts with {@code api}. */
  Response handle(Request r) {
    List<String> s = r.segments();
    String route = s.size() < 2 ? "" : s.get(1);
    return switch (route) {
      case "info" -> get(r, s, 2) ? info() : null;
      case "search" -> get(r, s, 2) ? search(r) : null;
      case "works" -> works(r, s);
      case "session" -> session(r, s);
      case "clusters" -> get(r, s, 2) ? clusters(r) : null;
      case "map" -> get(r, s, 2) ? map(r) : null;
      default -> throw HttpError.notFound("no API route /" + String.join("/", s) + "; see the README of artsim-server for the routes");
    };
  }

  /** Checks a GET route of {@code length} segments; true, or throws. */
  private static boolean get(Request r, List<String> s, int length) {
    return check(r, s, length, "GET");
  }

  private static boolean check(Request r, List<String> s, int length, String method) {
    if (s.size() != length) {
      throw HttpError.notFound("no API route /" + String.join("/", s));
    }
    if (!r.method().equals(method)) {
      throw new HttpError(405, "method-not-allowed", "/" + String.join("/", s) + " takes " + method + ", not " + r.method(), method);
    }
    return true;
  }

  private Response info() {
    var json = new Json().beginObject().field("size", app.art().size()).field("embedder", app.art().embedderInfo().toString());
    json.field("textSearch", app.art().textIndex().isPresent() ? (app.art().config().denseTextSearch() ? "HYBRID" : "TFIDF") : "off");
    json.name("labelFields").beginArray();
    app.works().labelFields().forEach(json::value);
    json.endArray();
    json.name("limits").beginObject().field("maxResults", app.config().maxResults()).field("maxQueryChars", app.config().maxQueryChars())
        .field("maxBodyBytes", app.config().maxBodyBytes()).endObject();
    return Response.json(json.endObject());
  }

  private Response search(Request r) {
    String q = r.param("q", "").strip();
    if (q.isEmpty()) {
      throw HttpError.badRequest("q (the search text) is required, e.g. /api/search?q=blue+vase");
    }
    int k = app.k(r, "k", DEFAULT_K);
    TextSearchResult result = search(q, k, r.param("mode"), filter(r));
    var json = new Json().beginObject().field("query", q);
    explanation(json, result.explanation());
    json.name("hits");
    app.works().write(json, result.hits());
    return Response.json(json.endObject());
  }

  /** A text search: hybrid when the collection has a dense text index, else keywords with typo forgiveness; {@code mode} overrides. */
  TextSearchResult search(String q, int k, String mode, LabelFilter filter) {
    if (app.art().textIndex().isEmpty()) {
      throw new HttpError(400, "text-search-off", "this collection has no text index, so it cannot be searched by text; open a work or the map instead");
    }
    if (mode == null || mode.isBlank()) {
      return app.art().searchText(q, k, filter);
    }
    TextSearchMode m;
    try {
      m = TextSearchMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("mode must be tfidf, dense or hybrid, got '" + Request.clip(mode) + "'");
    }
    return app.art().searchText(q, k, filter, m);
  }

  /** The {@code filter=field:value} parameter as a label filter, or null when absent; a 400 when malformed or of an unknown field. */
  LabelFilter filter(Request r) {
    String f = r.param("filter");
    if (f == null || f.isBlank()) {
      return null;
    }
    int colon = f.indexOf(':');
    if (colon <= 0 || colon == f.length() - 1) {
      throw HttpError.badRequest("filter must be field:value, e.g. culture:japanese, got '" + Request.clip(f) + "'");
    }
    return LabelFilter.anyOf(app.works().checkField(f.substring(0, colon)), f.substring(colon + 1));
  }

  private static void explanation(Json json, QueryExplanation e) {
    json.name("explanation").beginObject().field("message", e.message());
    json.name("matchedTerms").beginArray();
    e.matchedTerms().forEach(json::value);
    json.endArray().name("rewrites").beginArray();
    for (TermRewrite w : e.rewrites()) {
      json.beginObject().field("term", w.term()).field("reason", w.reason()).name("replacements").beginArray();
      w.replacements().forEach(json::value);
      json.endArray().endObject();
    }
    json.endArray().name("ignoredTerms").beginArray();
    e.ignoredTerms().forEach(json::value);
    json.endArray().endObject();
  }

  private Response works(Request r, List<String> s) {
    if (s.size() < 3) {
      throw HttpError.notFound("name a work: /api/works/{id}");
    }
    String id = app.works().find(s.get(2)).id();
    String what = s.size() == 3 ? "" : s.get(3);
    var json = new Json();
    switch (what) {
      case "" -> {
        get(r, s, 3);
        app.works().write(json, app.art().record(id));
      }
      case "similar" -> {
        get(r, s, 4);
        json.beginObject().field("id", id).name("hits");
        app.works().write(json, app.art().similarTo(id, app.k(r, "k", DEFAULT_K), filter(r)));
        json.endObject();
      }
      case "per-label" -> {
        get(r, s, 4);
        perLabel(json, r, id);
      }
      case "duplicates" -> {
        get(r, s, 4);
        double threshold = r.doubleParam("threshold", app.config().duplicateThreshold(), 0, 2);
        json.beginObject().field("id", id).field("threshold", threshold).name("duplicates").beginArray();
        app.analyses().duplicatesOf(id, threshold).forEach((d, distance) -> app.works().write(json, new Hit(d, distance.floatValue(), org.artsim.Labels.none())));
        json.endArray().endObject();
      }
      default -> throw HttpError.notFound("no API route /" + String.join("/", s) + "; a work has similar, per-label and duplicates");
    }
    return Response.json(json);
  }

  private void perLabel(Json json, Request r, String id) {
    String field = r.param("field");
    field = field == null || field.isBlank() ? app.works().defaultField(Pages.GRID_VALUES) : app.works().checkField(field);
    json.beginObject().field("id", id).field("field", field).name("matches").beginArray();
    if (field != null) {
      List<String> values = app.art().labelValues(field);
      boolean truncated = values.size() > app.config().maxResults();
      values = values.subList(0, Math.min(values.size(), app.config().maxResults()));
      for (Map.Entry<String, List<Hit>> e : app.art().matchesPerLabel(id, field, values, app.k(r, "k", 1)).entrySet()) {
        json.beginObject().field("value", e.getKey()).name("hits");
        app.works().write(json, e.getValue());
        json.endObject();
      }
      json.endArray().field("truncated", truncated);
    } else {
      json.endArray();
    }
    json.endObject();
  }

  private Response session(Request r, List<String> s) {
    Visitor v = r.visitor(app.sessions());
    int k = app.k(r, "k", Pages.FOR_YOU);
    if (s.size() == 2) {
      get(r, s, 2);
      return Response.json(session(v, v.current(k)));
    }
    check(r, s, 3, "POST");
    r.readForm();
    switch (s.get(2)) {
      case "like" -> v.like(app.works().find(r.param("id")).id());
      case "unlike" -> v.unlike(app.works().find(r.param("id")).id());
      case "clear" -> v.clear();
      case "recommend" -> {
        return Response.json(session(v, v.next(k)));
      }
      default -> throw HttpError.notFound("no API route /api/session/" + Request.clip(s.get(2)) + "; use like, unlike, clear or recommend");
    }
    return Response.json(session(v, v.current(k)));
  }

  /** The session's state: likes and the current recommendations. */
  private Json session(Visitor v, Recommendations recs) {
    var json = new Json().beginObject().name("likes").beginArray();
    for (String id : v.likes()) {
      if (app.art().contains(id)) {
        app.works().write(json, app.art().record(id));
      }
    }
    json.endArray().name("recommendations").beginObject().name("hits");
    app.works().write(json, recs.hits());
    return json.field("reason", recs.reason()).endObject().endObject();
  }

  private Response clusters(Request r) {
    int size = app.art().size();
    if (size == 0) {
      throw HttpError.badRequest("the collection is empty: there is nothing to cluster");
    }
    int max = Math.min(size, Math.min(app.config().maxResults(), Pages.MAX_CLUSTERS));
    int k = r.intParam("k", Math.min(Pages.DEFAULT_CLUSTERS, max), 1, max);
    int seed = r.intParam("seed", 42, 0, Integer.MAX_VALUE);
    Clusters c = app.analyses().clusters(k, seed);
    var json = new Json().beginObject().field("k", k).field("seed", seed).field("method", c.method()).field("loss", c.loss()).name("clusters").beginArray();
    for (Cluster cl : c.clusters()) {
      json.beginObject().field("size", cl.size()).name("medoid");
      app.works().write(json, app.art().record(cl.medoid()));
      json.name("members").beginArray();
      cl.members().forEach(json::value);
      json.endArray().endObject();
    }
    return Response.json(json.endArray().endObject());
  }

  private Response map(Request r) {
    String field = r.param("field");
    field = field == null || field.isBlank() ? app.works().defaultField(Pages.GRID_VALUES) : app.works().checkField(field);
    Analyses.MapPoints m = app.analyses().map();
    var json = new Json().beginObject().field("field", field).field("method", m == null ? "none" : m.method());
    json.name("points").beginArray();
    if (m != null) {
      for (int i = 0; i < m.ids().size(); i++) {
        String id = m.ids().get(i);
        if (!app.art().contains(id)) {
          continue;
        }
        var rec = app.art().record(id);
        json.beginObject().field("id", id).field("x", m.points()[i][0]).field("y", m.points()[i][1])
            .field("label", field == null ? null : rec.indexLabels().get(field)).field("title", rec.title()).field("page", Works.page(id)).endObject();
      }
    }
    return Response.json(json.endArray().endObject());
  }
}
