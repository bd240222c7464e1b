package org.artsim.collection.ingest;

import java.util.List;
import java.util.Map;

/**
 * A catalogue format with its own record shape (a museum's CSV export or API JSON), read by {@link
 * CatalogueReader} when set with {@link IngestOptions#withRecordFormat}: the format names its column
 * mapping, and for JSON how its records are found in a document and flattened into named text
 * fields that the mapping then reads. Implementations: {@code org.artsim.collection.museum.MuseumFormat}.
 *
 * <p>Implementations are stateless and thread-safe; {@link #flatten} never keeps its argument.
 */
public interface RecordFormat {

  /** The format's name, as given in {@code format=NAME} (for example {@code rijksmuseum}). */
  String formatName();

  /** The columns (or flattened field names) the records' fields are read from. */
  ColumnMapping mapping();

  /** Whether the export is CSV (read with {@link #mapping()}, no flattening), not JSON. */
  boolean tabular();

  /**
   * The keys of a top-level JSON object whose array (or single object) holds the records, such as
   * {@code artObjects}; a document whose top-level object has none of them is one record.
   */
  List<String> recordKeys();

  /**
   * One JSON record as named text fields (the names {@link #mapping()} reads); unknown fields are
   * ignored, missing ones left out.
   *
   * @throws org.artsim.FileFormatException if the record is malformed (its id is an object, say);
   *     the reader reports the row and goes on
   */
  Map<String, String> flatten(Map<String, Object> record);
}
