package org.artsim.index.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.artsim.ArtsimException;
import org.artsim.InvalidArgumentException;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;

class ParallelQueriesTest {

  private static long mix(long seed, int i) {
    long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    return z ^ (z >>> 31);
  }

  @Test
  void mapEqualsASequentialLoopForAnyCountThreadsAndGrain() {
    Seeds.stream("parallel-map", 40)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int count = r.nextInt(0, 500);
              int threads = r.nextInt(1, 9);
              var expected = new ArrayList<Long>();
              for (int i = 0; i < count; i++) {
                expected.add(mix(seed, i));
              }
              var calls = new AtomicInteger();
              List<Long> actual = ParallelQueries.map(count, threads, i -> {
                calls.incrementAndGet();
                return mix(seed, i);
              });
              assertThat(actual).as(Seeds.reproduce(seed)).isEqualTo(expected);
              assertThat(calls.get()).as("each query answered once").isEqualTo(count);

              int grain = r.nextInt(1, 40);
              long[] out = new long[count];
              int[] runs = new int[count];
              ParallelQueries.forRanges(count, threads, grain, (from, to) -> {
                assertThat(to - from).isBetween(1, grain);
                assertThat(from % grain).isZero();
                for (int i = from; i < to; i++) {
                  out[i] = mix(seed, i);
                  runs[i]++;
                }
              });
              for (int i = 0; i < count; i++) {
                assertThat(out[i]).isEqualTo(mix(seed, i));
                assertThat(runs[i]).isEqualTo(1);
              }
            });
  }

  @Test
  void severalThreadsReallyWorkWhenAsked() throws InterruptedException {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    var bothStarted = new CountDownLatch(2);
    ParallelQueries.forRanges(2, 2, 1, (from, to) -> {
      seen.add(Thread.currentThread());
      bothStarted.countDown();
      try {
        assertThat(bothStarted.await(30, TimeUnit.SECONDS)).as("the other chunk ran at the same time").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(seen).hasSize(2).contains(Thread.currentThread());
    assertThat(seen).anySatisfy(t -> assertThat(t.getName()).startsWith("artsim-search-"));
  }

  @Test
  void oneThreadRunsEverythingOnTheCaller() {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    ParallelQueries.map(100, 1, i -> seen.add(Thread.currentThread()));
    assertThat(seen).containsExactly(Thread.currentThread());
  }

  @Test
  void aWorkersExceptionReachesTheCallerTypedAndUnwrapped() {
    for (int threads : new int[] {1, 2, 4}) {
      for (int failing : new int[] {0, 37, 99}) {
        assertThatThrownBy(() -> ParallelQueries.map(100, threads, i -> {
          if (i == failing) {
            throw new InvalidArgumentException("query " + i + " is bad");
          }
          return i;
        }))
            .isExactlyInstanceOf(InvalidArgumentException.class)
            .hasMessage("query " + failing + " is bad");
      }
    }
    assertThatThrownBy(() -> ParallelQueries.map(10, 3, i -> {
      throw new StackOverflowError("deep");
    })).isInstanceOf(StackOverflowError.class).hasMessage("deep");
  }

  @Test
  void anInterruptedCallerStopsTheBatchWithATypedErrorAndKeepsItsFlag() {
    for (int threads : new int[] {1, 3}) {
      var answered = new AtomicInteger();
      Thread caller = Thread.currentThread();
      try {
        assertThatThrownBy(() -> ParallelQueries.map(10_000, threads, i -> {
          if (i == 5) {
            caller.interrupt();
          }
          return answered.incrementAndGet();
        }))
            .isExactlyInstanceOf(ArtsimException.class)
            .hasMessage("search interrupted: the calling thread was interrupted during a batch of 10000 queries, so no results are returned; the interrupt flag is set again");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void emptyBatchesRunNothing() {
    assertThat(ParallelQueries.map(0, 4, i -> {
      throw new AssertionError("ran");
    })).isEmpty();
  }
}
