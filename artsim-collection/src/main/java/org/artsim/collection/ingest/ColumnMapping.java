package org.artsim.collection.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.artsim.ConfigException;

/**
 * Which columns of a catalogue export (CSV header names, or JSON keys) fill which fields of a
 * {@link org.artsim.collection.CatalogueRecord}. Each field has a list of candidate column names:
 * the first one present in the file is used (matched exactly, else ignoring case), so one mapping
 * serves exports that name columns differently. JSON keys may be paths: {@code people[0].name},
 * {@code images.0.baseimageurl}.
 *
 * <p>Presets: {@link #standard()} (artsim's own lower-case names, used by the generated default
 * collection), {@link #metRijks()} (the Met/Rijksmuseum table of SynapseML's art explorer:
 * {@code Thumbnail_Url, Culture, Classification}) and {@link #harvard()} (Harvard Art Museums object
 * records with {@code primaryimageurl}).
 *
 * <p>Labels are the record's culture, classification, medium and artist; {@link #labels()} adds
 * more (label name to candidate columns). With {@code keepOtherColumns}, every column not mapped
 * is kept as an extra text field. Immutable.
 *
 * @param id candidates for the id (required)
 * @param image candidates for the image path or URL (required)
 * @param title candidates for the title
 * @param artist candidates for the artist
 * @param culture candidates for the culture
 * @param classification candidates for the classification
 * @param medium candidates for the medium
 * @param date candidates for the date
 * @param description columns joined (in this order, blank line between) into the description
 * @param labels extra labels: label name to candidate columns
 * @param keepOtherColumns whether unmapped columns become extra fields
 * @param imageKind what an image URL is: {@link ImageKind#AUTO} (a URL ending in {@code
 *     /info.json} is an IIIF image, any other an image file) or {@link ImageKind#IIIF} (every
 *     http(s) URL is an IIIF Image API base URL or {@code info.json}); null means AUTO
 */
public record ColumnMapping(
    List<String> id,
    List<String> image,
    List<String> title,
    List<String> artist,
    List<String> culture,
    List<String> classification,
    List<String> medium,
    List<String> date,
    List<String> description,
    Map<String, List<String>> labels,
    boolean keepOtherColumns,
    ImageKind imageKind) {

  /** What the image column's URLs are. */
  public enum ImageKind {
    /** A URL ending in {@code /info.json} is an IIIF image; any other URL is the image itself. */
    AUTO,
    /**
     * Every http(s) URL is an IIIF Image API image: a base URL ({@code https://host/iiif/id}) or its
     * {@code info.json}; the collection asks the server for a derivative of the size the embedder
     * needs ({@code org.artsim.collection.iiif}).
     */
    IIIF;

    /** The kind named {@code auto} or {@code iiif} (any case), as in {@code imageKind=iiif}. */
    public static ImageKind byName(String name) {
      for (ImageKind k : values()) {
        if (k.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
          return k;
        }
      }
      throw new ConfigException("column mapping: unknown imageKind '" + name + "'; use auto or iiif");
    }
  }

  /** A mapping whose image URLs are of {@link ImageKind#AUTO} kind. */
  public ColumnMapping(
      List<String> id,
      List<String> image,
      List<String> title,
      List<String> artist,
      List<String> culture,
      List<String> classification,
      List<String> medium,
      List<String> date,
      List<String> description,
      Map<String, List<String>> labels,
      boolean keepOtherColumns) {
    this(id, image, title, artist, culture, classification, medium, date, description, labels, keepOtherColumns, ImageKind.AUTO);
  }

  /** Validates that id and image have candidates, and copies everything. */
  public ColumnMapping {
    id = copy("id", id, true);
    image = copy("image", image, true);
    title = copy("title", title, false);
    artist = copy("artist", artist, false);
    culture = copy("culture", culture, false);
    classification = copy("classification", classification, false);
    medium = copy("medium", medium, false);
    date = copy("date", date, false);
    description = copy("description", description, false);
    var l = new LinkedHashMap<String, List<String>>();
    if (labels != null) {
      labels.forEach((k, v) -> l.put(Objects.requireNonNull(k, "label name"), copy("label " + k, v, true)));
    }
    labels = Collections.unmodifiableMap(l);
    imageKind = imageKind == null ? ImageKind.AUTO : imageKind;
  }

  private static List<String> copy(String what, List<String> names, boolean required) {
    var out = new ArrayList<String>();
    if (names != null) {
      for (String n : names) {
        if (n != null && !n.isBlank()) {
          out.add(n.strip());
        }
      }
    }
    if (required && out.isEmpty()) {
      throw new ConfigException("column mapping: name at least one column for the " + what);
    }
    return List.copyOf(out);
  }

  /** artsim's own column names: {@code id,title,artist,culture,classification,medium,date,description,image}. */
  public static ColumnMapping standard() {
    return new ColumnMapping(
        List.of("id"), List.of("image"), List.of("title"), List.of("artist"), List.of("culture"), List.of("classification"), List.of("medium"),
        List.of("date"), List.of("description"), Map.of(), true);
  }

  /**
   * The Met Open Access / Rijksmuseum shape, as in SynapseML's "Exploring Art Across Cultures":
   * {@code id} or {@code Object ID}, {@code Thumbnail_Url}, {@code Title}, {@code Artist} or {@code
   * Artist Display Name}, {@code Culture}, {@code Classification}, {@code Medium}, {@code Object Date}.
   */
  public static ColumnMapping metRijks() {
    return new ColumnMapping(
        List.of("id", "Object ID", "Object Number", "objectNumber"),
        List.of("Thumbnail_Url", "thumbnail_url", "Link Resource", "image"),
        List.of("Title", "title"),
        List.of("Artist", "Artist Display Name", "principalOrFirstMaker", "artist"),
        List.of("Culture"),
        List.of("Classification"),
        List.of("Medium"),
        List.of("Object Date", "Date", "date"),
        List.of("Description", "description"),
        Map.of(),
        true);
  }

  /**
   * Harvard Art Museums object records (JSON Lines or CSV): {@code objectid}, {@code
   * primaryimageurl}, {@code title}, {@code people[0].name}, {@code culture}, {@code
   * classification}, {@code medium}/{@code technique}, {@code dated}, {@code description}/{@code
   * labeltext}.
   */
  public static ColumnMapping harvard() {
    return new ColumnMapping(
        List.of("objectid", "id"),
        List.of("primaryimageurl"),
        List.of("title"),
        List.of("people[0].name", "people.0.name", "artist"),
        List.of("culture"),
        List.of("classification"),
        List.of("medium", "technique"),
        List.of("dated", "datebegin"),
        List.of("description", "labeltext"),
        Map.of(),
        false);
  }

  /** A copy with other id candidates. */
  public ColumnMapping withId(String... columns) {
    return new ColumnMapping(List.of(columns), image, title, artist, culture, classification, medium, date, description, labels, keepOtherColumns, imageKind);
  }

  /** A copy with other image candidates. */
  public ColumnMapping withImage(String... columns) {
    return new ColumnMapping(id, List.of(columns), title, artist, culture, classification, medium, date, description, labels, keepOtherColumns, imageKind);
  }

  /** A copy with other title candidates. */
  public ColumnMapping withTitle(String... columns) {
    return new ColumnMapping(id, image, List.of(columns), artist, culture, classification, medium, date, description, labels, keepOtherColumns, imageKind);
  }

  /** A copy with other culture candidates. */
  public ColumnMapping withCulture(String... columns) {
    return new ColumnMapping(id, image, title, artist, List.of(columns), classification, medium, date, description, labels, keepOtherColumns, imageKind);
  }

  /** A copy with other classification candidates. */
  public ColumnMapping withClassification(String... columns) {
    return new ColumnMapping(id, image, title, artist, culture, List.of(columns), medium, date, description, labels, keepOtherColumns, imageKind);
  }

  /** A copy with other description columns. */
  public ColumnMapping withDescription(String... columns) {
    return new ColumnMapping(id, image, title, artist, culture, classification, medium, date, List.of(columns), labels, keepOtherColumns, imageKind);
  }

  /** A copy with one more label, read from the first of {@code columns} present. */
  public ColumnMapping withLabel(String name, String... columns) {
    var l = new LinkedHashMap<>(labels);
    l.put(name, Arrays.asList(columns));
    return new ColumnMapping(id, image, title, artist, culture, classification, medium, date, description, l, keepOtherColumns, imageKind);
  }

  /** A copy that keeps (or drops) unmapped columns as extra fields. */
  public ColumnMapping withKeepOtherColumns(boolean keep) {
    return new ColumnMapping(id, image, title, artist, culture, classification, medium, date, description, labels, keep, imageKind);
  }

  /** A copy whose image URLs are of another kind ({@code imageKind=iiif}: IIIF Image API base URLs). */
  public ColumnMapping withImageKind(ImageKind kind) {
    return new ColumnMapping(id, image, title, artist, culture, classification, medium, date, description, labels, keepOtherColumns, kind);
  }

  /** Every candidate name, for "which columns are mapped". */
  List<String> allCandidates() {
    var out = new ArrayList<String>();
    for (List<String> l : List.of(id, image, title, artist, culture, classification, medium, date, description)) {
      out.addAll(l);
    }
    labels.values().forEach(out::addAll);
    return out;
  }
}
