package org.artsim.collection.museum;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.artsim.ConfigException;
import org.artsim.collection.ingest.ColumnMapping;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.RecordFormat;

/**
 * What museums publish, as catalogue formats: {@code IngestOptions.of(MuseumFormat.HARVARD)} (or
 * {@code MuseumFormat.byName("harvard").options()}) reads an export of that shape through {@code
 * ArtCollection.ingest(path, options)}.
 *
 * <p>JSON formats accept a whole API response (the records under {@link #recordKeys()}, streamed
 * one at a time), a top-level array of records, one record per file, or JSON Lines ({@code .jsonl},
 * {@code .ndjson}) of records. Each record is flattened into artsim's columns ({@code id, title,
 * artist, culture, classification, medium, date, description, image}) plus the format's label
 * fields ({@link #labelFields()}) and a few kept text fields ({@code url}, ...); unknown fields are
 * ignored, and a record with a documented field of the wrong shape is a reported {@code
 * MALFORMED_ROW}. Culture, classification, medium (and artist) are labels as in every collection.
 */
public enum MuseumFormat implements RecordFormat {
  /**
   * The Met's Open Access CSV ({@code MetObjects.csv}): {@code Object ID}, {@code Title}, {@code
   * Artist Display Name}, {@code Culture}, {@code Medium}, {@code Classification}, {@code Object
   * Date}, {@code Department}; other columns ({@code Tags}, {@code Link Resource}...) are kept as
   * text. The CSV has no image column (the Met's API gives {@code primaryImage}): add one named
   * {@code primaryImage}, {@code primaryImageSmall}, {@code image} or {@code Image URL}; rows without
   * it are reported {@code MISSING_IMAGE}.
   */
  MET_CSV("met-csv", List.of(), null, List.of("department")),
  /** The Rijksmuseum collection API ({@code artObjects[]} or {@code artObject}); see {@code RijksmuseumRecords}. */
  RIJKSMUSEUM("rijksmuseum", List.of("artObjects", "artObject"), RijksmuseumRecords::flatten, List.of("place")),
  /** Harvard Art Museums API object records ({@code records[]}); see {@code HarvardRecords}. */
  HARVARD("harvard", List.of("records"), HarvardRecords::flatten, List.of("department", "division")),
  /** Europeana Search API ({@code items[]}) or Record API ({@code object}) JSON; see {@code EuropeanaRecords}. */
  EUROPEANA("europeana", List.of("items", "object"), EuropeanaRecords::flatten, List.of("type", "provider", "country")),
  /** Linked Art JSON-LD {@code HumanMadeObject}s (one per file, an array, or {@code orderedItems}); see {@code LinkedArtRecords}. */
  LINKED_ART("linked-art", List.of("orderedItems", "items"), LinkedArtRecords::flatten, List.of());

  private final String formatName;
  private final List<String> recordKeys;
  private final Function<Map<String, Object>, Map<String, String>> flattener;
  private final List<String> labelFields;

  MuseumFormat(String formatName, List<String> recordKeys, Function<Map<String, Object>, Map<String, String>> flattener, List<String> labelFields) {
    this.formatName = formatName;
    this.recordKeys = recordKeys;
    this.flattener = flattener;
    this.labelFields = labelFields;
  }

  /**
   * The format named {@code met-csv}, {@code rijksmuseum}, {@code harvard}, {@code europeana} or
   * {@code linked-art} (any case; {@code _} for {@code -} accepted).
   *
   * @throws ConfigException for another name, listing the known ones
   */
  public static MuseumFormat byName(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    for (MuseumFormat f : values()) {
      if (f.formatName.equals(n)) {
        return f;
      }
    }
    throw new ConfigException("unknown museum format '" + name + "'; use one of " + Arrays.stream(values()).map(MuseumFormat::formatName).toList());
  }

  /** The ingestion options for this format, with the defaults otherwise. */
  public IngestOptions options() {
    return IngestOptions.of(this);
  }

  @Override
  public String formatName() {
    return formatName;
  }

  /** The extra label fields this format fills (beyond culture, classification, medium and artist). */
  public List<String> labelFields() {
    return labelFields;
  }

  @Override
  public boolean tabular() {
    return flattener == null;
  }

  @Override
  public List<String> recordKeys() {
    return recordKeys;
  }

  @Override
  public ColumnMapping mapping() {
    ColumnMapping m = this == MET_CSV ? met() : ColumnMapping.standard();
    for (String l : labelFields) {
      m = m.withLabel(l, this == MET_CSV ? "Department" : l);
    }
    return m;
  }

  private static ColumnMapping met() {
    return new ColumnMapping(
        List.of("Object ID", "Object Number"),
        List.of("primaryImage", "primaryImageSmall", "image", "Image URL"),
        List.of("Title", "Object Name"),
        List.of("Artist Display Name"),
        List.of("Culture"),
        List.of("Classification"),
        List.of("Medium"),
        List.of("Object Date"),
        List.of("Object Name", "Tags"),
        Map.of(),
        true);
  }

  @Override
  public Map<String, String> flatten(Map<String, Object> record) {
    if (flattener == null) {
      throw new UnsupportedOperationException(formatName + " is a CSV format; its rows are read by the column mapping");
    }
    return flattener.apply(record);
  }
}
