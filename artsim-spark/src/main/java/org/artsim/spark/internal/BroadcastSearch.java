package org.artsim.spark.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.artsim.VectorIndex;

/**
 * Answers the rows of one partition against the broadcast index, in batches, and appends each
 * row's neighbours as a new last column (the helper vector and condition columns, the last two of
 * the input, are dropped).
 *
 * @param handle the broadcast index
 * @param reader reads and checks the query vectors
 * @param k neighbours per row
 * @param conditionField the label field conditions apply to, or null
 * @param withCondition whether the last input column is a condition (the vector is then second to last)
 * @param output turns a row's hits into the output column's value
 */
public record BroadcastSearch(
    BroadcastShards.Handle handle,
    RowReader reader,
    int k,
    String conditionField,
    boolean withCondition,
    SerializableFunction<List<HitRecord>, Object> output)
    implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** A function Spark can ship to executors. */
  public interface SerializableFunction<A, B> extends Function<A, B>, java.io.Serializable {}

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    VectorIndex index = handle.index();
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && rows.hasNext()) {
          current = batch(index, rows).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private List<Row> batch(VectorIndex index, Iterator<Row> rows) {
    var batch = new ArrayList<Row>(ShardSearch.BATCH);
    var queries = new ArrayList<QueryRecord>(ShardSearch.BATCH);
    while (batch.size() < ShardSearch.BATCH && rows.hasNext()) {
      Row row = rows.next();
      int width = row.length();
      int vectorPos = withCondition ? width - 2 : width - 1;
      queries.add(reader.query(Integer.toString(batch.size()), row, vectorPos, withCondition ? width - 1 : -1, conditionField, null));
      batch.add(row);
    }
    var hits = new HashMap<String, List<HitRecord>>();
    for (var t : ShardSearch.searchBatch(index, queries, k)) {
      hits.put(t._1(), t._2().hits());
    }
    var out = new ArrayList<Row>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      int kept = row.length() - (withCondition ? 2 : 1);
      Object[] values = new Object[kept + 1];
      for (int c = 0; c < kept; c++) {
        values[c] = row.get(c);
      }
      values[kept] = output.apply(hits.get(Integer.toString(i)));
      out.add(RowFactory.create(values));
    }
    return out;
  }
}
