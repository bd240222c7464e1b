package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.FileFormatException;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.UnsupportedVersionException;
import org.artsim.VectorIndex;
import org.artsim.index.HnswConfig;
import org.artsim.index.HnswConfig.Quantization;
import org.artsim.io.ArtsimFiles;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions 2 and 3 of the {@code hnsw-lucene} file (the quantization and storage sections): int8
 * indexes round-trip, version-1 and version-2 files still load, and damaged, truncated, crafted or future-version files give typed
 * errors.
 */
class LuceneHnswFileTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);
  private static final int DIM = 6;

  @TempDir Path tmp;

  private Path savedInt8(String name) {
    Path file = tmp.resolve(name);
    try (VectorIndex index = Artsim.index(HnswConfig.defaults("hnsw-lucene").withQuantization(Quantization.INT8).withM(4).withThreads(1), DIM, Metric.L2)) {
      var r = new SplittableRandom(7);
      index.addAll(RandomVectors.entries(r, 60, DIM, 3, false));
      index.remove("id-0003");
      index.save(file);
    }
    return file;
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

  @Test
  void anInt8IndexRoundTripsWithItsRangesAndAnswersAlike() {
    Path file = savedInt8("int8.bin");
    var r = new SplittableRandom(8);
    try (VectorIndex original = Artsim.index(HnswConfig.defaults("hnsw-lucene").withQuantization(Quantization.INT8).withM(4).withThreads(1), DIM, Metric.L2)) {
      original.addAll(RandomVectors.entries(new SplittableRandom(7), 60, DIM, 3, false));
      original.remove("id-0003");
      try (VectorIndex loaded = Artsim.loadIndex(file)) {
        assertThat(loaded.toString()).contains("quantization=int8");
        for (int i = 0; i < 20; i++) {
          float[] q = RandomVectors.gaussian(r, DIM);
          assertThat(loaded.search(q, 5)).isEqualTo(original.search(q, 5));
        }
        loaded.add("late", new float[DIM]);
        assertThat(loaded.search(new float[DIM], 1)).extracting(Hit::id).containsExactly("late");
      }
    }
    assertThat(ArtsimFiles.peek(file).version()).isEqualTo(3);
  }

  /** Version 2 is version 3 without the storage field: it loads onto the heap and answers alike. */
  @Test
  void aVersionTwoFileStillLoads() throws IOException {
    Path v3 = savedInt8("v3.bin");
    byte[] good = Files.readAllBytes(v3);
    int start = payloadStart(good);
    byte[] head = Arrays.copyOfRange(good, 0, start);
    ByteBuffer.wrap(head).putInt(start - 4, 2);
    byte[] payload = Arrays.copyOfRange(good, start, good.length - 4 - END.length);
    int storage = quantizationOffset() + 8 + 8 * DIM;
    assertThat(ByteBuffer.wrap(payload).getInt(storage)).as("the storage field where the format says").isZero();
    byte[] v2 = new byte[payload.length - 4];
    System.arraycopy(payload, 0, v2, 0, storage);
    System.arraycopy(payload, storage + 4, v2, storage, payload.length - storage - 4);
    Path file = tmp.resolve("v2.bin");
    Files.write(file, withChecksum(head, v2));
    try (VectorIndex loaded = Artsim.loadIndex(file);
        VectorIndex current = Artsim.loadIndex(v3)) {
      assertThat(loaded.toString()).contains("quantization=int8", "storage=heap");
      var r = new SplittableRandom(9);
      for (int i = 0; i < 10; i++) {
        float[] q = RandomVectors.gaussian(r, DIM);
        assertThat(loaded.search(q, 5)).isEqualTo(current.search(q, 5));
      }
    }
  }

  @Test
  void aVersionOneFileStillLoads() {
    Path file = tmp.resolve("v1.bin");
    ArtsimFiles.write(
        file,
        Artsim.INDEX_FORMAT_PREFIX + "hnsw-lucene",
        1,
        out -> {
          out.writeInt(2);
          out.writeString("L2");
          out.writeInt(4);
          out.writeInt(20);
          out.writeInt(10);
          out.writeLong(42L);
          out.writeInt(1);
          out.writeInt(16);
          out.writeInt(2);
          out.writeBoolean(false);
          out.writeString("a");
          out.writeLabels(Labels.of("culture", "japanese"));
          out.writeBoolean(false);
          out.writeString("b");
          out.writeLabels(Labels.none());
          out.writeFloats(new float[] {0, 0, 5, 5}, 0, 4);
          out.writeInt(1);
          out.writeInt(0);
          out.writeInt(2);
          out.writeInt(0);
          out.writeInt(1);
          out.writeInts(new int[] {1}, 0, 1);
          out.writeInt(1);
          out.writeInt(1);
          out.writeInts(new int[] {0}, 0, 1);
        });
    try (VectorIndex index = Artsim.loadIndex(file)) {
      assertThat(index.kind()).isEqualTo("hnsw-lucene");
      assertThat(index.toString()).contains("quantization=none");
      assertThat(index.search(new float[] {4, 4}, 2)).extracting(Hit::id).containsExactly("b", "a");
      assertThat(index.labels("a")).isEqualTo(Labels.of("culture", "japanese"));
    }
  }

  @Test
  void aFutureVersionIsRefusedByType() throws IOException {
    byte[] good = Files.readAllBytes(savedInt8("future.bin"));
    int start = payloadStart(good);
    byte[] head = Arrays.copyOfRange(good, 0, start);
    ByteBuffer.wrap(head).putInt(start - 4, 4);
    Path crafted = tmp.resolve("v4.bin");
    Files.write(crafted, withChecksum(head, Arrays.copyOfRange(good, start, good.length - 4 - END.length)));
    assertThatThrownBy(() -> Artsim.loadIndex(crafted))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("was written in version 4 of the 'artsim.index.hnsw-lucene' format");
  }

  @Test
  void truncatedAndDamagedFilesAreRefusedByType() throws IOException {
    byte[] good = Files.readAllBytes(savedInt8("damaged.bin"));
    Path bad = tmp.resolve("bad.bin");
    for (int cut : new int[] {good.length - 1, good.length - 13, good.length / 2, 20}) {
      Files.write(bad, Arrays.copyOf(good, cut));
      assertThatThrownBy(() -> Artsim.loadIndex(bad)).as("cut at " + cut).isInstanceOf(FileFormatException.class);
    }
    byte[] flipped = good.clone();
    flipped[payloadStart(good) + 50] ^= 1;
    Files.write(bad, flipped);
    assertThatThrownBy(() -> Artsim.loadIndex(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("checksum");
  }

  /** The quantization section sits right after the eight header fields (dim, metric "L2", 6 settings). */
  private static int quantizationOffset() {
    return 4 + (4 + 2) + 4 * 3 + 8 + 4 * 2;
  }

  @Test
  void aCraftedQuantizationSectionIsRefusedWithItsReason() throws IOException {
    byte[] good = Files.readAllBytes(savedInt8("crafted.bin"));
    int start = payloadStart(good);
    byte[] head = Arrays.copyOfRange(good, 0, start);
    byte[] payload = Arrays.copyOfRange(good, start, good.length - 4 - END.length);
    int q = quantizationOffset();
    assertThat(ByteBuffer.wrap(payload).getInt(q)).as("the int8 kind where the format says").isEqualTo(1);
    Path crafted = tmp.resolve("q.bin");

    byte[] kind = payload.clone();
    ByteBuffer.wrap(kind).putInt(q, 7);
    Files.write(crafted, withChecksum(head, kind));
    assertThatThrownBy(() -> Artsim.loadIndex(crafted)).isInstanceOf(FileFormatException.class).hasMessageContaining("quantization kind 7 (0 none, 1 int8)");

    byte[] fitted = payload.clone();
    ByteBuffer.wrap(fitted).putInt(q + 4, 1000);
    Files.write(crafted, withChecksum(head, fitted));
    assertThatThrownBy(() -> Artsim.loadIndex(crafted)).isInstanceOf(FileFormatException.class).hasMessageContaining("int8 codes fitted at 1000 nodes, but the graph holds 60");

    byte[] storage = payload.clone();
    ByteBuffer.wrap(storage).putInt(q + 8 + 8 * DIM, 7);
    Files.write(crafted, withChecksum(head, storage));
    assertThatThrownBy(() -> Artsim.loadIndex(crafted)).isInstanceOf(FileFormatException.class).hasMessageContaining("storage kind 7 (0 heap, 1 mapped)");

    for (float value : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      byte[] step = payload.clone();
      ByteBuffer.wrap(step).putFloat(q + 8 + 4 * DIM + 4 * 2, value);
      Files.write(crafted, withChecksum(head, step));
      assertThatThrownBy(() -> Artsim.loadIndex(crafted))
          .as("step " + value)
          .isInstanceOf(FileFormatException.class)
          .hasMessageContaining("int8 range of dimension 2 is centre");
    }
  }

  @Test
  void craftedInt8FilesWithAValidChecksumGiveOnlyTypedErrors() throws IOException {
    byte[] good = Files.readAllBytes(savedInt8("fuzz.bin"));
    int start = payloadStart(good);
    byte[] head = Arrays.copyOfRange(good, 0, start);
    byte[] payload = Arrays.copyOfRange(good, start, good.length - 4 - END.length);
    Path crafted = tmp.resolve("fuzz-crafted.bin");
    int refused = 0;
    for (long seed : Seeds.stream("int8-fuzz", 300).toArray()) {
      var r = new SplittableRandom(seed);
      byte[] p = payload.clone();
      switch (r.nextInt(4)) {
        case 0 -> ByteBuffer.wrap(p).putInt(r.nextInt(Math.min(p.length - 4, quantizationOffset() + 8 + 8 * DIM)), r.nextBoolean() ? r.nextInt() : r.nextInt(-2, 70));
        case 1 -> p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
        case 2 -> p = Arrays.copyOf(p, r.nextInt(p.length));
        default -> ByteBuffer.wrap(p).putFloat(quantizationOffset() + 8 + 4 * r.nextInt(2 * DIM), r.nextBoolean() ? Float.NaN : (float) r.nextGaussian());
      }
      Files.write(crafted, withChecksum(head, p));
      try (VectorIndex index = Artsim.loadIndex(crafted)) {
        float[] q = RandomVectors.gaussian(r, index.dimension());
        try {
          index.search(q, 10);
          index.search(q, 3, LabelFilter.anyOf("colour", "c1"));
          index.searchBatch(new float[][] {q, q}, 4, LabelFilter.none());
          index.add("fuzz-new", RandomVectors.gaussian(r, index.dimension()));
        } catch (ArtsimException e) {
          // a typed refusal is an acceptable answer
        }
      } catch (ArtsimException e) {
        refused++;
      } catch (Throwable t) {
        fail(Seeds.reproduce(seed) + ": loading a crafted int8 file gave " + t, t);
      }
    }
    assertThat(refused).isGreaterThan(50);
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
