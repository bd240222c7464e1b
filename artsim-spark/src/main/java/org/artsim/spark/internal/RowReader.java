package org.artsim.spark.internal;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.sql.Row;
import org.artsim.DimensionMismatchException;
import org.artsim.InvalidVectorException;

/**
 * Reads items and queries out of rows prepared by {@link Columns}, refusing null vectors, null
 * components and vectors of the wrong length with the column named in the message.
 *
 * @param featuresCol the vector column's name, for messages
 * @param dimension the expected vector length, or 0 for any
 */
public record RowReader(String featuresCol, int dimension) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The vector at {@code pos}, checked. {@code what} says whose vector it is, for messages. */
  public float[] vector(Row row, int pos, String what) {
    if (row.isNullAt(pos)) {
      throw new InvalidVectorException(
          what + " has a null vector in column '" + featuresCol + "'; drop or fill rows with null vectors first");
    }
    List<Object> values = row.getList(pos);
    if (dimension > 0 && values.size() != dimension) {
      throw new DimensionMismatchException(
          what + " has a vector of " + values.size() + " values in column '" + featuresCol + "'; the model holds "
              + dimension + "-dimensional vectors, so queries must have " + dimension + " values");
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = values.get(i);
      if (v == null) {
        throw new InvalidVectorException(what + " has a null at position " + i + " of its vector in column '" + featuresCol + "'");
      }
      out[i] = ((Number) v).floatValue();
    }
    return out;
  }

  /** An item from a row laid out as (vector, id, label columns...). */
  public ItemRecord item(Row row, String[] labelFields) {
    String id = row.getString(1);
    float[] v = vector(row, 0, "item '" + id + "'");
    var labels = new HashMap<String, String>();
    for (int i = 0; i < labelFields.length; i++) {
      if (!row.isNullAt(2 + i)) {
        String value = row.getString(2 + i);
        if (!value.isBlank()) {
          labels.put(labelFields[i], value);
        }
      }
    }
    return new ItemRecord(id, v, labels);
  }

  /**
   * A query from a row's vector at {@code vectorPos} and optional condition ({@code
   * array<string>}) at {@code conditionPos} (-1: none), carrying {@code passenger} (may be null).
   * A null condition means no condition.
   */
  public QueryRecord query(String key, Row row, int vectorPos, int conditionPos, String conditionField, Row passenger) {
    float[] v = vector(row, vectorPos, "a query row");
    if (conditionPos < 0 || row.isNullAt(conditionPos)) {
      return new QueryRecord(key, v, null, null, null, passenger);
    }
    List<Object> allowed = row.getList(conditionPos);
    String[] values = allowed.stream().filter(java.util.Objects::nonNull).map(Object::toString).toArray(String[]::new);
    return new QueryRecord(key, v, conditionField, values, null, passenger);
  }
}
