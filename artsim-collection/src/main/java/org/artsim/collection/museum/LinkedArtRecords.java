package org.artsim.collection.museum;

import static org.artsim.collection.museum.Fields.put;
import static org.artsim.collection.museum.Fields.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.FileFormatException;
import org.artsim.collection.iiif.IiifImages;

/**
 * Linked Art JSON-LD objects ({@code "type": "HumanMadeObject"}), read by the Getty AAT terms the
 * Linked Art model uses:
 *
 * <ul>
 *   <li>id: the {@code identified_by} Identifier classified as an accession number (AAT 300312355),
 *       else the first Identifier, else the object's {@code id} URI;
 *   <li>title: the {@code identified_by} Name classified as the primary name (AAT 300404670), else
 *       the first Name, else {@code _label};
 *   <li>artist: the {@code _label} of {@code produced_by.carried_out_by} (or of its {@code part}s);
 *   <li>date: the production time-span's Name, else the year of {@code begin_of_the_begin};
 *   <li>classification: the {@code classified_as} term that is itself classified as a type of work
 *       (AAT 300435443), else the first term; culture: the term classified as a nationality/culture
 *       (AAT 300055768);
 *   <li>medium: the {@code referred_to_by} statement classified as a material statement (AAT
 *       300435429), else the {@code made_of} labels;
 *   <li>description: the statement classified as a description (AAT 300435416 or 300080091);
 *   <li>image: the first {@code representation[].digitally_shown_by[].access_point[].id}; a
 *       representation that conforms to the IIIF Image API is read as an IIIF image.
 * </ul>
 */
final class LinkedArtRecords {
  private static final String ACCESSION = "300312355";
  private static final String PRIMARY_NAME = "300404670";
  private static final String TYPE_OF_WORK = "300435443";
  private static final String CULTURE = "300055768";
  private static final String MATERIAL_STATEMENT = "300435429";
  private static final List<String> DESCRIPTION = List.of("300435416", "300080091");

  private LinkedArtRecords() {}

  static Map<String, String> flatten(Map<String, Object> r) {
    Object type = r.get("type");
    if (type != null && !"HumanMadeObject".equals(type)) {
      throw new FileFormatException("the record's type is " + Fields.text(type, "type") + ", not HumanMadeObject; only objects are read");
    }
    var out = new LinkedHashMap<String, String>();
    var names = new ArrayList<Map<?, ?>>();
    var identifiers = new ArrayList<Map<?, ?>>();
    for (Map<?, ?> i : Fields.objects(r, "identified_by")) {
      if ("Name".equals(i.get("type"))) {
        names.add(i);
      } else if ("Identifier".equals(i.get("type"))) {
        identifiers.add(i);
      }
    }
    identifiers.stream().filter(i -> classifiedAs(i, ACCESSION)).forEach(i -> put(out, "id", text(i, "content")));
    identifiers.forEach(i -> put(out, "id", text(i, "content")));
    put(out, "id", text(r, "id"));
    put(out, "uri", text(r, "id"));
    names.stream().filter(n -> classifiedAs(n, PRIMARY_NAME)).forEach(n -> put(out, "title", text(n, "content")));
    names.forEach(n -> put(out, "title", text(n, "content")));
    put(out, "title", text(r, "_label"));
    production(Fields.object(r, "produced_by"), out);
    var types = Fields.objects(r, "classified_as");
    types.stream().filter(t -> classifiedAs(t, TYPE_OF_WORK)).forEach(t -> put(out, "classification", text(t, "_label")));
    types.stream().filter(t -> classifiedAs(t, CULTURE)).forEach(t -> put(out, "culture", text(t, "_label")));
    types.stream().filter(t -> !classifiedAs(t, CULTURE)).forEach(t -> put(out, "classification", text(t, "_label")));
    for (Map<?, ?> s : Fields.objects(r, "referred_to_by")) {
      if (classifiedAs(s, MATERIAL_STATEMENT)) {
        put(out, "medium", text(s, "content"));
      }
      if (DESCRIPTION.stream().anyMatch(d -> classifiedAs(s, d))) {
        put(out, "description", text(s, "content"));
      }
    }
    var materials = Fields.objects(r, "made_of").stream().map(m -> text(m, "_label")).filter(m -> m != null).toList();
    if (!materials.isEmpty()) {
      put(out, "medium", String.join(", ", materials));
    }
    for (Map<?, ?> rep : Fields.objects(r, "representation")) {
      image(rep, out);
    }
    return out;
  }

  private static void production(Map<?, ?> p, Map<String, String> out) {
    if (p == null) {
      return;
    }
    for (Map<?, ?> who : Fields.objects(p, "carried_out_by")) {
      put(out, "artist", text(who, "_label"));
    }
    for (Map<?, ?> part : Fields.objects(p, "part")) {
      for (Map<?, ?> who : Fields.objects(part, "carried_out_by")) {
        put(out, "artist", text(who, "_label"));
      }
    }
    Map<?, ?> span = Fields.object(p, "timespan");
    if (span != null) {
      for (Map<?, ?> n : Fields.objects(span, "identified_by")) {
        put(out, "date", text(n, "content"));
      }
      String begin = text(span, "begin_of_the_begin");
      if (begin != null && begin.matches("-?\\d{1,4}-.*")) {
        put(out, "date", begin.substring(0, begin.indexOf('-', 1)));
      }
    }
  }

  private static void image(Map<?, ?> rep, Map<String, String> out) {
    for (Map<?, ?> dig : Fields.objects(rep, "digitally_shown_by")) {
      boolean iiif = Fields.objects(dig, "conforms_to").stream().anyMatch(c -> String.valueOf(c.get("id")).contains("iiif.io/api/image"));
      for (Map<?, ?> ap : Fields.objects(dig, "access_point")) {
        String url = text(ap, "id");
        if (url != null) {
          put(out, "image", iiif ? IiifImages.infoJsonUrl(url) : url);
        }
      }
    }
  }

  /** Whether an entry's {@code classified_as} holds the AAT term {@code aat}. */
  private static boolean classifiedAs(Map<?, ?> entry, String aat) {
    for (Map<?, ?> c : Fields.objects(entry, "classified_as")) {
      Object id = c.get("id");
      if (id instanceof String s && (s.endsWith("/" + aat) || s.endsWith(":" + aat))) {
        return true;
      }
    }
    return false;
  }
}
