package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;

/** Self-joins over broadcast and sharded models equal VectorIndex.similarTo on one index. */
class ArtsimSelfJoinTest {
  @Test
  void neighbourGraphsAndNearDuplicatesEqualTheSingleMachineAnswer() {
    var data = new TestData(21, 160, 6, 1);
    for (String strategy : new String[] {"broadcast", "partitioned"}) {
      ArtsimKnnModel model = new ArtsimKnn().setLabelCols(new String[] {"culture"}).setStrategy(strategy).setNumShards(3).fit(data.itemFrame());
      Map<String, List<String>> plain = graph(ArtsimSelfJoin.neighbours(model, 4, null).collectAsList());
      Map<String, List<String>> same = graph(ArtsimSelfJoin.neighbours(model, 3, "culture").collectAsList());
      Set<String> pairs = new HashSet<>();
      for (Row r : ArtsimSelfJoin.nearDuplicates(model, 5, 1e-6, null).collectAsList()) {
        pairs.add(r.getString(0) + "|" + r.getString(1));
      }
      try (VectorIndex reference = Artsim.index("flat", data.dimension, Metric.COSINE)) {
        reference.addAll(data.items);
        var expectedPairs = new HashSet<String>();
        assertThat(plain).as(strategy).hasSize(data.items.size());
        for (VectorEntry e : data.items) {
          assertThat(plain.get(e.id())).as(strategy + " " + e.id()).isEqualTo(ids(reference.similarTo(e.id(), 4, LabelFilter.none())));
          String culture = e.labels().get("culture");
          List<String> sameExpected = culture == null ? List.of() : ids(reference.similarTo(e.id(), 3, LabelFilter.anyOf("culture", culture)));
          assertThat(same.get(e.id())).as(strategy + " same culture " + e.id()).isEqualTo(sameExpected);
          for (Hit h : reference.similarTo(e.id(), 5, LabelFilter.none())) {
            if (Metric.COSINE.distance(h.score()) <= 1e-6) {
              expectedPairs.add(e.id().compareTo(h.id()) < 0 ? e.id() + "|" + h.id() : h.id() + "|" + e.id());
            }
          }
        }
        assertThat(expectedPairs).as("the data holds repeated vectors").isNotEmpty();
        assertThat(pairs).as(strategy).isEqualTo(expectedPairs);
      }
      model.release();
    }
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.id() + " " + h.score()).toList();
  }

  private static Map<String, List<String>> graph(List<Row> rows) {
    var out = new HashMap<String, List<String>>();
    for (Row r : rows) {
      var list = new ArrayList<String>();
      for (Object o : r.getList(1)) {
        Row h = (Row) o;
        list.add(h.getString(0) + " " + h.getFloat(1));
      }
      out.put(r.getString(0), list);
    }
    return out;
  }
}
