package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class NodeHeapTest {

  private record Entry(float key, int node) {}

  @Test
  void popsKeysInTheOrderOfAReferencePriorityQueue() {
    Seeds.stream("node-heap", 60)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              var heap = new NodeHeap();
              var reference = new PriorityQueue<Entry>((a, b) -> Float.compare(a.key(), b.key()));
              for (int step = 0; step < 2000; step++) {
                if (reference.isEmpty() || r.nextInt(3) > 0) {
                  float key = r.nextInt(50) - 25 + (r.nextBoolean() ? 0.5f : 0f);
                  heap.push(key, step);
                  reference.add(new Entry(key, step));
                } else {
                  assertThat(heap.topKey()).as(Seeds.reproduce(seed)).isEqualTo(reference.peek().key());
                  float key = heap.topKey();
                  int node = heap.pop();
                  assertThat(reference.removeIf(e -> e.node() == node && e.key() == key)).as(Seeds.reproduce(seed)).isTrue();
                }
                assertThat(heap.size()).isEqualTo(reference.size());
              }
              if (seed % 2 == 0) {
                heap.clear();
                assertThat(heap.size()).isZero();
              }
            });
  }
}
