package org.artsim.spark.internal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.artsim.LabelFilter;

/**
 * One query on its way to the shards: a key that brings its answer back to its row, the vector,
 * and an optional condition on one label field.
 *
 * @param key identifies the query among all queries of one search
 * @param vector the query vector
 * @param conditionField the label field the condition applies to, or null for no condition
 * @param allowed the values of {@code conditionField} a hit may have (empty: nothing matches)
 * @param excludeId an item id never to return (the query item itself in a self-join), or null
 * @param passenger the query's input row, carried along (through one shard only) so that the
 *     answer meets its row without evaluating the input twice; null when not needed
 */
public record QueryRecord(String key, float[] vector, String conditionField, String[] allowed, String excludeId, Row passenger)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A copy without the passenger row. */
  public QueryRecord withoutPassenger() {
    return passenger == null ? this : new QueryRecord(key, vector, conditionField, allowed, excludeId, null);
  }

  /** Whether the condition can match nothing (an empty list of allowed values). */
  public boolean matchesNothing() {
    return conditionField != null && allowed.length == 0;
  }

  /** The condition as an artsim filter (none when there is no condition). */
  public LabelFilter filter() {
    return conditionField == null ? LabelFilter.none() : LabelFilter.anyOf(conditionField, List.of(allowed));
  }

  /** A key that is equal for queries with equal conditions, to batch them. */
  public List<String> conditionKey() {
    if (conditionField == null) {
      return List.of();
    }
    String[] sorted = allowed.clone();
    Arrays.sort(sorted);
    var key = new java.util.ArrayList<String>(sorted.length + 1);
    key.add(conditionField);
    key.addAll(Arrays.asList(sorted));
    return key;
  }
}
