package org.artsim.spark.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import org.artsim.Hit;
import org.artsim.VectorIndex;
import scala.Tuple2;

/**
 * Answers a stream of queries against one index, in batches of queries with the same condition,
 * and yields each query's top-k lazily (a partition's queries are never all held at once).
 */
public final class ShardSearch {
  /** Queries searched together in one batch. */
  static final int BATCH = 512;

  private ShardSearch() {}

  /**
   * The top {@code k} of every query, keyed by the query's key; {@code index} may be null (an empty
   * shard), which yields empty lists. A query's {@code excludeId} is left out of its hits (so the
   * list may hold k-1 hits; callers ask for one more).
   */
  public static Iterator<Tuple2<String, Answer>> run(VectorIndex index, Iterator<QueryRecord> queries, int k) {
    return new Iterator<>() {
      private Iterator<Tuple2<String, Answer>> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && queries.hasNext()) {
          var batch = new ArrayList<QueryRecord>(BATCH);
          while (batch.size() < BATCH && queries.hasNext()) {
            batch.add(queries.next());
          }
          current = searchBatch(index, batch, k).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Tuple2<String, Answer> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** One batch: queries grouped by condition, each group searched in one call. */
  static List<Tuple2<String, Answer>> searchBatch(VectorIndex index, List<QueryRecord> batch, int k) {
    var groups = new LinkedHashMap<List<String>, List<QueryRecord>>();
    for (QueryRecord q : batch) {
      groups.computeIfAbsent(q.conditionKey(), key -> new ArrayList<>()).add(q);
    }
    var out = new ArrayList<Tuple2<String, Answer>>(batch.size());
    for (List<QueryRecord> group : groups.values()) {
      QueryRecord first = group.get(0);
      if (index == null || index.size() == 0 || first.matchesNothing()) {
        for (QueryRecord q : group) {
          out.add(new Tuple2<>(q.key(), new Answer(q.passenger(), List.of())));
        }
        continue;
      }
      float[][] vectors = new float[group.size()][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = group.get(i).vector();
      }
      List<List<Hit>> hits = index.searchBatch(vectors, k, first.filter());
      for (int i = 0; i < vectors.length; i++) {
        QueryRecord q = group.get(i);
        var records = new ArrayList<HitRecord>(hits.get(i).size());
        for (Hit h : hits.get(i)) {
          if (!h.id().equals(q.excludeId())) {
            records.add(HitRecord.of(h));
          }
        }
        out.add(new Tuple2<>(q.key(), new Answer(q.passenger(), records)));
      }
    }
    return out;
  }
}
