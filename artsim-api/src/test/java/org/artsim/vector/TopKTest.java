package org.artsim.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class TopKTest {
  record Scored(float score, int ord, String id) {}

  @Test
  void keepsTheBestKOrderedByScoreThenId() {
    Seeds.stream("topk", 300)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int n = r.nextInt(300);
              int k = 1 + r.nextInt(60);
              String[] ids = new String[n];
              var all = new ArrayList<Scored>();
              for (int i = 0; i < n; i++) {
                ids[i] = "x" + r.nextInt(1_000_000) + "-" + i;
                all.add(new Scored(r.nextInt(10) / 4f, i, ids[i]));
              }
              var top = new TopK(k, o -> ids[o]);
              all.forEach(s -> top.offer(s.score(), s.ord()));
              all.sort(Comparator.comparing((Scored s) -> -s.score()).thenComparing(Scored::id));
              List<Scored> expected = all.subList(0, Math.min(k, n));
              float[] scores = new float[top.size()];
              int[] ords = top.drainBestFirst(scores);
              assertThat(ords).as(Seeds.reproduce(seed)).containsExactly(expected.stream().mapToInt(Scored::ord).toArray());
              for (int i = 0; i < ords.length; i++) {
                assertThat(scores[i]).isEqualTo(expected.get(i).score());
              }
              assertThat(top.size()).isZero();
            });
  }
}
