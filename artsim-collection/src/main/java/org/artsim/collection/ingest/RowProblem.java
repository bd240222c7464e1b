package org.artsim.collection.ingest;

/**
 * One catalogue row that was not added, and why.
 *
 * @param kind what was wrong
 * @param line the 1-based line of the row in the file (for binary vector files, {@code .npy} and
 *     {@code .fvecs}: the 1-based row number, that is the 0-based row index plus one)
 * @param id the row's id, or null if it has none
 * @param message what was wrong and what to do
 */
public record RowProblem(Kind kind, long line, String id, String message) {

  /** What can be wrong with a row. */
  public enum Kind {
    /** The id column is missing or blank. */
    MISSING_ID,
    /** The id was seen before in the file, or is already in the collection. */
    DUPLICATE_ID,
    /** The image column is missing or blank. */
    MISSING_IMAGE,
    /** The image value looks like a URL but is malformed or of an unsupported scheme ({@code jar:} and other nested schemes included). */
    BAD_URL,
    /** The image path names something that is not a regular file (a device such as {@code /dev/zero}, a FIFO, a directory, {@code /proc}); it was not read. */
    BAD_FILE,
    /** A field holds a control character (other than tab and line breaks). */
    BAD_CHARACTER,
    /** The row, or one of its fields, is longer than the limits of {@link IngestOptions}. */
    TOO_LONG,
    /** The image could not be read or embedded (missing file, not an image, download failed). */
    UNREADABLE_IMAGE,
    /** The row is malformed: CSV quoting, a field count that does not match the header, invalid JSON. */
    MALFORMED_ROW,
    /** The row holds bytes that are not UTF-8. */
    BAD_ENCODING,
    /**
     * A vector import row whose vector cannot be added: a length other than the index's dimension,
     * a value that is not a finite number (NaN, infinity, a float64 too large for float32, text
     * that is no number), or all zeros under the cosine metric.
     */
    BAD_VECTOR
  }

  @Override
  public String toString() {
    return "line " + line + (id == null ? "" : " (" + id + ")") + ": " + kind + ": " + message;
  }
}
