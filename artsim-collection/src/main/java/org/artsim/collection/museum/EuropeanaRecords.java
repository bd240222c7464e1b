package org.artsim.collection.museum;

import static org.artsim.collection.museum.Fields.put;
import static org.artsim.collection.museum.Fields.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Europeana items, in the two JSON shapes of its APIs. Search API ({@code items[]}): {@code id},
 * {@code title[]}, {@code dcCreator[]}, {@code edmIsShownBy[]} (else {@code edmPreview[]}) as the
 * image, {@code year[]}, {@code dcDescription[]}, {@code type}, {@code dataProvider[]}, {@code
 * country[]}, {@code guid}. Record API ({@code object}): {@code about}, the proxies' {@code
 * dcTitle}/{@code dcCreator}/{@code dcDescription}/{@code dcDate} language maps, the aggregations'
 * {@code edmIsShownBy} (else the Europeana aggregation's {@code edmPreview}).
 */
final class EuropeanaRecords {
  private EuropeanaRecords() {}

  static Map<String, String> flatten(Map<String, Object> r) {
    var out = new LinkedHashMap<String, String>();
    if (r.containsKey("proxies") || r.containsKey("aggregations")) {
      record(r, out);
    }
    put(out, "id", text(r, "id"));
    put(out, "title", text(r, "title"));
    put(out, "artist", text(r, "dcCreator"));
    put(out, "image", text(r, "edmIsShownBy"));
    put(out, "image", text(r, "edmPreview"));
    put(out, "date", text(r, "year"));
    put(out, "description", text(r, "dcDescription"));
    put(out, "type", text(r, "type"));
    put(out, "provider", text(r, "dataProvider"));
    put(out, "country", text(r, "country"));
    put(out, "url", text(r, "guid"));
    return out;
  }

  /** The Record API's object: language maps in proxies, the image in the aggregations. */
  private static void record(Map<String, Object> r, Map<String, String> out) {
    put(out, "id", text(r, "about"));
    for (Map<?, ?> proxy : Fields.objects(r, "proxies")) {
      put(out, "title", languageMap(proxy, "dcTitle"));
      put(out, "artist", languageMap(proxy, "dcCreator"));
      put(out, "description", languageMap(proxy, "dcDescription"));
      put(out, "date", languageMap(proxy, "dcDate"));
      put(out, "medium", languageMap(proxy, "dctermsMedium"));
    }
    for (Map<?, ?> agg : Fields.objects(r, "aggregations")) {
      put(out, "image", text(agg, "edmIsShownBy"));
      put(out, "provider", languageMap(agg, "edmDataProvider"));
    }
    Map<?, ?> eu = Fields.object(r, "europeanaAggregation");
    if (eu != null) {
      put(out, "image", text(eu, "edmPreview"));
      put(out, "country", languageMap(eu, "edmCountry"));
    }
  }

  /** A language map ({@code {"en": ["..."], "def": ["..."]}}): English, else the default, else any; text as it is. */
  private static String languageMap(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Map<?, ?> lang)) {
      return text(v, key);
    }
    for (String l : List.of("en", "def")) {
      String s = text(lang.get(l), key + "." + l);
      if (s != null) {
        return s;
      }
    }
    for (Object o : lang.values()) {
      String s = text(o, key);
      if (s != null) {
        return s;
      }
    }
    return null;
  }
}
