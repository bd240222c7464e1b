package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.artsim.Artsim;
import org.artsim.FileFormatException;
import org.artsim.Metric;
import org.artsim.SearchRequest;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.index.HnswConfig.Quantization;
import org.artsim.index.HnswConfig.Storage;
import org.artsim.testing.NeighbourAssertions;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code hnsw-lucene} graph through its life: built in one batch (then frozen: links without
 * scores), grown by single adds and removals (thawed first), saved and loaded (frozen from the
 * file), grown again. At every stage searches that go through the graph find what an exact scan
 * finds, and a loaded index answers exactly as the one it was saved from. Crafted graph sections
 * are refused by type. Each stage runs with the fp32 vectors on the heap and mapped.
 */
class LuceneHnswLifecycleTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);
  private static final int DIM = 12;

  @TempDir Path tmp;

  private HnswConfig config(Quantization quantization, Storage storage) {
    return HnswConfig.defaults().withM(8).withEfConstruction(64).withEf(48).withThreads(1).withSearchThreads(2).withQuantization(quantization).withStorage(storage)
        .withDirectory(tmp);
  }

  private static double recall(VectorIndex index, VectorIndex exact, SplittableRandom r, int queries) {
    double sum = 0;
    for (int i = 0; i < queries; i++) {
      float[] q = RandomVectors.gaussian(r, DIM);
      sum += NeighbourAssertions.recall(index.search(SearchRequest.of(q, 10)), exact.search(q, 10));
    }
    return sum / queries;
  }

  @ParameterizedTest
  @CsvSource({"NONE,HEAP", "INT8,HEAP", "NONE,MAPPED", "INT8,MAPPED"})
  void everyStageFindsWhatAScanFindsAndALoadedIndexAnswersAlike(Quantization quantization, Storage storage) {
    Seeds.stream("hnsw-lifecycle", 2)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              List<VectorEntry> entries = LuceneHnswInt8IndexTest.clustered(r, 3400, DIM, 40, 0.6);
              Path file = tmp.resolve("lifecycle-" + quantization + "-" + storage + "-" + seed + ".bin");
              String context = Seeds.reproduce(seed) + " " + quantization + " " + storage;
              try (VectorIndex index = Artsim.index(config(quantization, storage), DIM, Metric.COSINE);
                  VectorIndex exact = Artsim.index("flat", DIM, Metric.COSINE)) {
                index.addAll(entries.subList(0, 2400));
                exact.addAll(entries.subList(0, 2400));
                assertThat(recall(index, exact, r, 100)).as(context + " after the build").isGreaterThanOrEqualTo(0.9);
                for (VectorEntry e : entries.subList(2400, 2700)) {
                  index.add(e.id(), e.vector(), e.labels());
                  exact.add(e.id(), e.vector(), e.labels());
                }
                for (int i = 0; i < 2400; i += 40) {
                  index.remove(entries.get(i).id());
                  exact.remove(entries.get(i).id());
                }
                assertThat(recall(index, exact, r, 100)).as(context + " after single adds and removals").isGreaterThanOrEqualTo(0.9);
                index.save(file);
                try (VectorIndex loaded = Artsim.loadIndex(file)) {
                  assertThat(loaded.toString()).contains("storage=" + storage.setting());
                  for (int i = 0; i < 40; i++) {
                    float[] q = RandomVectors.gaussian(r, DIM);
                    assertThat(loaded.search(SearchRequest.of(q, 10))).as(context + " loaded").isEqualTo(index.search(SearchRequest.of(q, 10)));
                  }
                  loaded.addAll(entries.subList(2700, 3000));
                  for (VectorEntry e : entries.subList(3000, 3400)) {
                    loaded.add(e.id(), e.vector(), e.labels());
                  }
                  exact.addAll(entries.subList(2700, 3400));
                  assertThat(loaded.size()).isEqualTo(exact.size());
                  assertThat(recall(loaded, exact, r, 100)).as(context + " after growing the loaded index").isGreaterThanOrEqualTo(0.9);
                }
              }
            });
  }

  /** Offset of the payload: magic, format string (length-prefixed), version. */
  private static int payloadStart(byte[] file) {
    return 8 + 4 + ByteBuffer.wrap(file, 8, 4).getInt() + 4;
  }

  private static byte[] withChecksum(byte[] head, byte[] payload) {
    var crc = new CRC32C();
    crc.update(head);
    crc.update(payload);
    return ByteBuffer.allocate(head.length + payload.length + 4 + END.length).put(head).put(payload).putInt((int) crc.getValue()).put(END).array();
  }

  /**
   * A level-0 list longer than {@code 2m} (with valid neighbours and a valid checksum) is refused
   * with its reason, not an unchecked exception from the packed links.
   */
  @Test
  void aLevelZeroListLongerThanTwoMIsRefused() throws IOException {
    int n = 300;
    int m = 4;
    Path file = tmp.resolve("level0.bin");
    try (VectorIndex index = Artsim.index(HnswConfig.defaults().withM(m).withThreads(1), DIM, Metric.L2)) {
      index.addAll(RandomVectors.entries(new SplittableRandom(3), n, DIM, 3, false));
      index.save(file);
    }
    byte[] good = Files.readAllBytes(file);
    int start = payloadStart(good);
    byte[] head = Arrays.copyOfRange(good, 0, start);
    ByteBuffer payload = ByteBuffer.wrap(Arrays.copyOfRange(good, start, good.length - 4 - END.length));
    // the graph section ends the payload: levels, entry, then level 0 = n nodes, node 0 first
    int at = -1;
    for (int p = 8; p + 12 <= payload.capacity(); p += 1) {
      int levels = payload.getInt(p - 8);
      int entry = payload.getInt(p - 4);
      if (payload.getInt(p) == n && payload.getInt(p + 4) == 0 && payload.getInt(p + 8) >= 1 && payload.getInt(p + 8) <= 2 * m
          && levels >= 1 && levels <= 8 && entry >= 0 && entry < n) {
        at = p;
      }
    }
    assertThat(at).as("level 0 found in the payload").isPositive();
    int size = payload.getInt(at + 8);
    int extra = 2 * m + 1 - size;
    int listEnd = at + 12 + 4 * size;
    ByteBuffer crafted = ByteBuffer.allocate(payload.capacity() + 4 * extra);
    crafted.put(payload.array(), 0, listEnd);
    for (int i = 0; i < extra; i++) {
      crafted.putInt(1);
    }
    crafted.put(payload.array(), listEnd, payload.capacity() - listEnd);
    crafted.putInt(at + 8, 2 * m + 1);
    Path bad = tmp.resolve("level0-crafted.bin");
    Files.write(bad, withChecksum(head, crafted.array()));
    assertThatThrownBy(() -> Artsim.loadIndex(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("node 0 has 9 links on level 0, more than 2m = 8");
  }
}
