package org.artsim.collection.museum;

import static org.artsim.collection.museum.Fields.put;
import static org.artsim.collection.museum.Fields.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rijksmuseum collection API objects ({@code /api/en/collection}: {@code artObjects[]}; the details
 * call: {@code artObject}): {@code objectNumber} is the id, {@code webImage.url} the image, {@code
 * principalOrFirstMaker} (or {@code principalMakers[0].name}) the artist; the details call adds
 * {@code objectTypes}, {@code physicalMedium}/{@code materials}, {@code dating.presentingDate} and
 * the plaque texts.
 */
final class RijksmuseumRecords {
  private RijksmuseumRecords() {}

  static Map<String, String> flatten(Map<String, Object> r) {
    var out = new LinkedHashMap<String, String>();
    put(out, "id", text(r, "objectNumber"));
    put(out, "id", text(r, "id"));
    put(out, "title", text(r, "title"));
    put(out, "title", text(r, "longTitle"));
    put(out, "artist", text(r, "principalOrFirstMaker"));
    for (Map<?, ?> maker : Fields.objects(r, "principalMakers")) {
      put(out, "artist", text(maker, "name"));
    }
    put(out, "image", Fields.path(r, "webImage", "url"));
    put(out, "classification", text(r, "objectTypes"));
    put(out, "medium", text(r, "physicalMedium"));
    List<?> materials = Fields.list(r, "materials");
    if (!materials.isEmpty()) {
      put(out, "medium", String.join(", ", materials.stream().map(m -> text(m, "materials")).filter(m -> m != null).toList()));
    }
    put(out, "date", Fields.path(r, "dating", "presentingDate"));
    put(out, "place", text(r, "productionPlaces"));
    put(out, "description", text(r, "plaqueDescriptionEnglish"));
    put(out, "description", Fields.path(r, "label", "description"));
    put(out, "description", text(r, "description"));
    put(out, "long_title", text(r, "longTitle"));
    put(out, "url", Fields.path(r, "links", "web"));
    return out;
  }
}
