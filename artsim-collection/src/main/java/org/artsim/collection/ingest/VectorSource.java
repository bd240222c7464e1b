package org.artsim.collection.ingest;

import java.io.Closeable;
import java.io.IOException;

/**
 * Rows of one vector file, read one at a time with bounded memory. Implementations throw {@link
 * org.artsim.FileFormatException} for problems of the whole file (a bad header, truncated data) and
 * return rows with an {@link VectorRow.Issue} for problems of one row.
 */
interface VectorSource extends Closeable {

  /** The number of data rows, when the file's header or size tells it; -1 when only reading tells. */
  long rows();

  /** The vector length every row has, when the header tells it; -1 otherwise. */
  int dimension();

  /** The next row, or null at the end. */
  VectorRow next() throws IOException;

  /** Skips {@code n} rows (as {@link #next()} would count them) without keeping them. */
  void skip(long n) throws IOException;

  /** Where a row is, for messages: {@code "line 7"} or {@code "row index 6"}. */
  String where(long number);
}
