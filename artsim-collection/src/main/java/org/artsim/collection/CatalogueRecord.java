package org.artsim.collection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.TextDocument;

/**
 * One catalogue entry of an {@link ArtCollection}: an artwork's id, its descriptive fields, where
 * its image is, free-form extra fields and its labels.
 *
 * <p>Every text field may be {@code null} (catalogue exports are patchy). {@code image} is a file
 * path or a URL ({@code https:}, {@code file:}); relative paths are resolved against the
 * collection's image base. The labels an item is searched and filtered by ({@link #indexLabels()})
 * are its culture, classification, medium and artist, where present, overridden and extended by
 * {@link #labels()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * var r = CatalogueRecord.of("met-45734", "Quail and Millet", "images/45734.jpg")
 *     .withArtist("Kiyohara Yukinobu").withCulture("Japan").withClassification("Paintings");
 * }</pre>
 *
 * @param id the unique id (non-blank)
 * @param title the title
 * @param artist the maker
 * @param culture the culture (a label)
 * @param classification the classification, e.g. "Paintings", "Ceramics" (a label)
 * @param medium the medium or technique (a label)
 * @param date the date as the catalogue gives it ("ca. 1650", "1890–95")
 * @param description free text (several description columns are joined with a blank line)
 * @param image the image path or URL
 * @param fields extra catalogue fields, searched as text (copied, order kept)
 * @param labels extra or overriding labels
 */
public record CatalogueRecord(
    String id,
    String title,
    String artist,
    String culture,
    String classification,
    String medium,
    String date,
    String description,
    String image,
    Map<String, String> fields,
    Labels labels) {

  /** The label field names filled from the record's own fields. */
  public static final String CULTURE = "culture", CLASSIFICATION = "classification", MEDIUM = "medium", ARTIST = "artist";

  /** Validates the id and copies the fields. */
  public CatalogueRecord {
    if (id == null || id.isBlank()) {
      throw new InvalidArgumentException("a catalogue record needs a non-blank id, got " + (id == null ? "null" : "'" + id + "'"));
    }
    var copy = new LinkedHashMap<String, String>();
    if (fields != null) {
      fields.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(k, v);
            }
          });
    }
    fields = Collections.unmodifiableMap(copy);
    labels = labels == null ? Labels.none() : labels;
  }

  /** A record with an id, a title and an image; the other fields are empty. */
  public static CatalogueRecord of(String id, String title, String image) {
    return new CatalogueRecord(id, title, null, null, null, null, null, null, image, Map.of(), Labels.none());
  }

  /** A copy with a title. */
  public CatalogueRecord withTitle(String v) {
    return new CatalogueRecord(id, v, artist, culture, classification, medium, date, description, image, fields, labels);
  }

  /** A copy with an artist. */
  public CatalogueRecord withArtist(String v) {
    return new CatalogueRecord(id, title, v, culture, classification, medium, date, description, image, fields, labels);
  }

  /** A copy with a culture. */
  public CatalogueRecord withCulture(String v) {
    return new CatalogueRecord(id, title, artist, v, classification, medium, date, description, image, fields, labels);
  }

  /** A copy with a classification. */
  public CatalogueRecord withClassification(String v) {
    return new CatalogueRecord(id, title, artist, culture, v, medium, date, description, image, fields, labels);
  }

  /** A copy with a medium. */
  public CatalogueRecord withMedium(String v) {
    return new CatalogueRecord(id, title, artist, culture, classification, v, date, description, image, fields, labels);
  }

  /** A copy with a date. */
  public CatalogueRecord withDate(String v) {
    return new CatalogueRecord(id, title, artist, culture, classification, medium, v, description, image, fields, labels);
  }

  /** A copy with a description. */
  public CatalogueRecord withDescription(String v) {
    return new CatalogueRecord(id, title, artist, culture, classification, medium, date, v, image, fields, labels);
  }

  /** A copy with another image path or URL. */
  public CatalogueRecord withImage(String v) {
    return new CatalogueRecord(id, title, artist, culture, classification, medium, date, description, v, fields, labels);
  }

  /** A copy with extra fields (replacing the previous extras). */
  public CatalogueRecord withFields(Map<String, String> v) {
    return new CatalogueRecord(id, title, artist, culture, classification, medium, date, description, image, v, labels);
  }

  /** A copy with extra labels (replacing the previous extras). */
  public CatalogueRecord withLabels(Labels v) {
    return new CatalogueRecord(id, title, artist, culture, classification, medium, date, description, image, fields, v);
  }

  /**
   * The labels the item carries in the indexes: culture, classification, medium and artist (those
   * that are not blank), then {@link #labels()}, which win on a clash.
   */
  public Labels indexLabels() {
    var map = new LinkedHashMap<String, String>();
    put(map, CULTURE, culture);
    put(map, CLASSIFICATION, classification);
    put(map, MEDIUM, medium);
    put(map, ARTIST, artist);
    map.putAll(labels.values());
    return Labels.of(map);
  }

  /** The text the text index searches: the descriptive fields and the extras, by field name. */
  public TextDocument textDocument() {
    var map = new LinkedHashMap<String, String>();
    put(map, "title", title);
    put(map, ARTIST, artist);
    put(map, CULTURE, culture);
    put(map, CLASSIFICATION, classification);
    put(map, MEDIUM, medium);
    put(map, "date", date);
    put(map, "description", description);
    fields.forEach((k, v) -> put(map, k, v));
    return new TextDocument(map, indexLabels());
  }

  /** A field by name: one of the record's own ({@code title}, {@code culture}...) or an extra; null if absent. */
  public String field(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name) {
      case "id" -> id;
      case "title" -> title;
      case ARTIST -> artist;
      case CULTURE -> culture;
      case CLASSIFICATION -> classification;
      case MEDIUM -> medium;
      case "date" -> date;
      case "description" -> description;
      case "image" -> image;
      default -> fields.containsKey(name) ? fields.get(name) : labels.get(name);
    };
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value.strip());
    }
  }

  @Override
  public String toString() {
    var sb = new StringBuilder("CatalogueRecord[").append(id);
    if (title != null) {
      sb.append(", '").append(title).append('\'');
    }
    if (artist != null) {
      sb.append(", ").append(artist);
    }
    Labels l = indexLabels();
    if (!l.isEmpty()) {
      sb.append(", ").append(l);
    }
    return sb.append(']').toString();
  }
}
