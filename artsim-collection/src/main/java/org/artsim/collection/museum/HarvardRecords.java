package org.artsim.collection.museum;

import static org.artsim.collection.museum.Fields.put;
import static org.artsim.collection.museum.Fields.text;

import java.util.LinkedHashMap;
import java.util.Map;
import org.artsim.collection.iiif.IiifImages;

/**
 * Harvard Art Museums API object records ({@code /object}: {@code records[]}): {@code id} (or
 * {@code objectid}, else {@code objectnumber}) is the id; the image is the first {@code
 * images[].iiifbaseuri} as an IIIF image (a derivative of the size the embedder needs), else {@code
 * primaryimageurl}, else {@code images[].baseimageurl}; the artist is the first of {@code people[]}
 * whose role is Artist (else the first person); {@code culture}, {@code medium} (else {@code
 * technique}), {@code classification}, {@code department}, {@code division}, {@code dated}.
 */
final class HarvardRecords {
  private HarvardRecords() {}

  static Map<String, String> flatten(Map<String, Object> r) {
    var out = new LinkedHashMap<String, String>();
    put(out, "id", text(r, "id"));
    put(out, "id", text(r, "objectid"));
    put(out, "id", text(r, "objectnumber"));
    put(out, "object_number", text(r, "objectnumber"));
    put(out, "title", text(r, "title"));
    var people = Fields.objects(r, "people");
    for (Map<?, ?> p : people) {
      if ("artist".equalsIgnoreCase(String.valueOf(p.get("role")))) {
        put(out, "artist", text(p, "name"));
        put(out, "artist", text(p, "displayname"));
      }
    }
    for (Map<?, ?> p : people) {
      put(out, "artist", text(p, "name"));
    }
    for (Map<?, ?> img : Fields.objects(r, "images")) {
      String iiif = text(img, "iiifbaseuri");
      if (iiif != null) {
        put(out, "image", IiifImages.infoJsonUrl(iiif));
      }
    }
    put(out, "image", text(r, "primaryimageurl"));
    for (Map<?, ?> img : Fields.objects(r, "images")) {
      put(out, "image", text(img, "baseimageurl"));
    }
    put(out, "culture", text(r, "culture"));
    put(out, "medium", text(r, "medium"));
    put(out, "medium", text(r, "technique"));
    put(out, "classification", text(r, "classification"));
    put(out, "department", text(r, "department"));
    put(out, "division", text(r, "division"));
    put(out, "date", text(r, "dated"));
    put(out, "description", text(r, "description"));
    put(out, "description", text(r, "labeltext"));
    put(out, "url", text(r, "url"));
    return out;
  }
}
