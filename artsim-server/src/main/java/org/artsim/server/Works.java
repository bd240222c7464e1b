package org.artsim.server;

import java.util.LinkedHashSet;
import java.util.List;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;

/**
 * How works appear in the API: a record as a JSON object with its links ({@code page}, {@code
 * image}, {@code thumbnail}, each with the id percent-encoded), a hit as the record plus its score;
 * and the label fields the collection's records carry. Thread-safe (reads the collection only).
 */
final class Works {
  private final ArtCollection art;
  private List<String> fields;
  private int fieldsAt = -1;

  Works(ArtCollection art) {
    this.art = art;
  }

  /** The page of a work. */
  static String page(String id) {
    return "/work/" + Html.segment(id);
  }

  /** The image route of a work. */
  static String image(String id) {
    return "/image/" + Html.segment(id);
  }

  /** The thumbnail route of a work. */
  static String thumbnail(String id) {
    return "/thumb/" + Html.segment(id);
  }

  /** Writes a work as an object. */
  void write(Json json, CatalogueRecord r) {
    json.beginObject();
    fields(json, r);
    json.endObject();
  }

  /** Writes a hit as its work plus {@code score}; a hit whose work was removed meanwhile has the id and score only. */
  void write(Json json, Hit h) {
    json.beginObject();
    if (art.contains(h.id())) {
      fields(json, art.record(h.id()));
    } else {
      json.field("id", h.id());
    }
    json.field("score", h.score());
    json.endObject();
  }

  /** Writes hits as an array. */
  void write(Json json, List<Hit> hits) {
    json.beginArray();
    hits.forEach(h -> write(json, h));
    json.endArray();
  }

  private void fields(Json json, CatalogueRecord r) {
    json.field("id", r.id()).field("title", r.title()).field("artist", r.artist()).field("date", r.date())
        .field("culture", r.culture()).field("classification", r.classification()).field("medium", r.medium()).field("description", r.description());
    json.name("labels").beginObject();
    r.indexLabels().values().forEach(json::field);
    json.endObject();
    json.field("page", page(r.id())).field("image", image(r.id())).field("thumbnail", thumbnail(r.id()));
  }

  /** The label fields any record carries, in order of first appearance (recomputed when the size changes). */
  synchronized List<String> labelFields() {
    int size = art.size();
    if (fields == null || fieldsAt != size) {
      var out = new LinkedHashSet<String>();
      for (CatalogueRecord r : art.records()) {
        out.addAll(r.indexLabels().values().keySet());
      }
      fields = List.copyOf(out);
      fieldsAt = size;
    }
    return fields;
  }

  /**
   * The field a per-label grid or map uses when the request names none: the first field with 2 to
   * {@code maxValues} values, else the first field, else null.
   */
  String defaultField(int maxValues) {
    List<String> all = labelFields();
    for (String f : all) {
      int n = art.labelValues(f).size();
      if (n >= 2 && n <= maxValues) {
        return f;
      }
    }
    return all.isEmpty() ? null : all.get(0);
  }

  /** A label field named by a request: one of {@link #labelFields()}, or a 400 that lists them. */
  String checkField(String field) {
    List<String> all = labelFields();
    if (!all.contains(field)) {
      throw HttpError.badRequest("'" + Request.clip(field) + "' is not a label field of this collection; use one of " + all);
    }
    return field;
  }

  /** The record of an id from a route, or a 404 (the id is only ever looked up, never used as a path). */
  CatalogueRecord find(String id) {
    if (id == null || !art.contains(id)) {
      throw new HttpError(404, "unknown-id", "no work has the id '" + Request.clip(String.valueOf(id)) + "'; ids are listed by /api/search");
    }
    return art.record(id);
  }
}
