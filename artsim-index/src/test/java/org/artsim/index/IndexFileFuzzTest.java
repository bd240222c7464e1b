package org.artsim.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.Artsim;
import org.artsim.FileFormatException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted files with a <em>valid checksum</em>: every index file format is saved, its payload is
 * mutated (header fields, lengths, counts, single bytes, NaN floats, cut or extended payloads), the
 * container's CRC-32C is recomputed, and the file is loaded. The only acceptable outcomes are a
 * typed artsim exception, or an index that then answers size, ids, labels and searches without an
 * untyped exception. An {@link Error} (OutOfMemoryError...), an unchecked JDK exception or a hang
 * fails the test with the seed that reproduces it.
 */
class IndexFileFuzzTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);
  private static final int[] INTERESTING = {
    0, 1, -1, 2, 3, 7, 255, 256, 65535, 65536, 1 << 20, (1 << 20) + 1, 1 << 24, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 8
  };

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"flat", "balltree", "hnsw", "hnsw-lucene"})
  void craftedFilesWithAValidChecksumGiveOnlyTypedErrors(String provider) throws IOException {
    Path original = tmp.resolve(provider + ".bin");
    try (VectorIndex index = Artsim.index(provider, 5, Metric.COSINE, Map.of())) {
      var r = new SplittableRandom(99);
      index.addAll(RandomVectors.entries(r, 40, 5, 3, false));
      index.put("extra", RandomVectors.gaussian(r, 5), Labels.of("colour", "c9", "shape", "s1"));
      index.remove("id-0002");
      index.remove("id-0005");
      index.save(original);
    }
    byte[] good = Files.readAllBytes(original);
    int payloadStart = 8 + 4 + ByteBuffer.wrap(good, 8, 4).getInt() + 4;
    int payloadEnd = good.length - 4 - END.length;
    Path crafted = tmp.resolve(provider + "-crafted.bin");
    int loaded = 0;
    int refused = 0;
    for (long seed : Seeds.stream("fuzz-" + provider, 600).toArray()) {
      var r = new SplittableRandom(seed);
      byte[] payload = mutate(Arrays.copyOfRange(good, payloadStart, payloadEnd), r);
      Files.write(crafted, withChecksum(Arrays.copyOfRange(good, 0, payloadStart), payload));
      try (VectorIndex index = Artsim.loadIndex(crafted)) {
        exercise(index, r);
        loaded++;
      } catch (ArtsimException e) {
        refused++;
      } catch (Throwable t) {
        fail(Seeds.reproduce(seed) + ": loading a crafted " + provider + " file gave " + t, t);
      }
    }
    assertThat(refused).as("most crafted files are refused").isGreaterThan(loaded / 4);
  }

  /** Saves a small L2 index holding one distinctive component value and returns the file's bytes. */
  private byte[] savedWithMarker(String provider) throws IOException {
    Path file = tmp.resolve(provider + "-marker.bin");
    try (VectorIndex index = Artsim.index(provider, 4, Metric.L2, Map.of())) {
      var r = new SplittableRandom(5);
      index.addAll(RandomVectors.entries(r, 30, 4, 2, false));
      index.add("marked", new float[] {1, MARKER, 3, 4}, Labels.of("colour", "c0"));
      index.save(file);
    }
    return Files.readAllBytes(file);
  }

  private static final float MARKER = 12345.678f;

  private static int payloadStart(byte[] file) {
    return 8 + 4 + ByteBuffer.wrap(file, 8, 4).getInt() + 4;
  }

  /** The file with {@code change} applied to its payload and the checksum recomputed. */
  private Path rewritten(byte[] file, String name, java.util.function.Consumer<ByteBuffer> change) throws IOException {
    int start = payloadStart(file);
    byte[] payload = Arrays.copyOfRange(file, start, file.length - 4 - END.length);
    change.accept(ByteBuffer.wrap(payload));
    Path out = tmp.resolve(name);
    Files.write(out, withChecksum(Arrays.copyOfRange(file, 0, start), payload));
    return out;
  }

  /** Overwrites the stored {@code marker} with {@code value}, in the byte order it was written in (flat version 3 stores little-endian vectors). */
  private static void replaceFloat(ByteBuffer payload, float marker, float value) {
    for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN}) {
      payload.order(order);
      for (int i = 0; i + 4 <= payload.limit(); i++) {
        if (payload.getFloat(i) == marker) {
          payload.putFloat(i, value);
          return;
        }
      }
    }
    throw new AssertionError("marker not found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "balltree", "hnsw", "hnsw-lucene"})
  void aStoredNaNOrInfinityIsRefusedOnLoad(String provider) throws IOException {
    byte[] file = savedWithMarker(provider);
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
      Path crafted = rewritten(file, provider + "-nan.bin", b -> replaceFloat(b, MARKER, bad));
      assertThatThrownBy(() -> Artsim.loadIndex(crafted))
          .isInstanceOf(FileFormatException.class)
          .hasMessageContaining("damaged")
          .hasMessageContaining(Float.isNaN(bad) ? "NaN" : "Infinity");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"flat", "balltree", "hnsw", "hnsw-lucene"})
  void aCraftedDimensionIsRefusedBeforeAllocating(String provider) throws IOException {
    byte[] file = savedWithMarker(provider);
    for (int dim : new int[] {1 << 30, Integer.MAX_VALUE, 1 << 20, -4, 0}) {
      Path crafted = rewritten(file, provider + "-dim.bin", b -> b.putInt(0, dim));
      assertThatThrownBy(() -> Artsim.loadIndex(crafted)).as("dim " + dim).isInstanceOf(FileFormatException.class).hasMessageContaining("damaged");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hnsw", "hnsw-lucene"})
  void aCraftedMaxItemsInTheHeaderIsRefused(String provider) throws IOException {
    byte[] file = savedWithMarker(provider);
    // dim, metric string (length + bytes "L2"), m, efConstruction, ef, seed (8), threads, maxItems
    int maxItemsAt = 4 + 4 + 2 + 4 + 4 + 4 + 8 + 4;
    Path crafted = rewritten(file, provider + "-max.bin", b -> b.putInt(maxItemsAt, 1 << 30));
    assertThatThrownBy(() -> Artsim.loadIndex(crafted)).isInstanceOf(FileFormatException.class).hasMessageContaining("max_items");
  }

  @org.junit.jupiter.api.Test
  void aCraftedCapacityInsideTheHnswlibGraphIsRefused() throws IOException {
    byte[] file = savedWithMarker("hnsw");
    int graphCapacity = HnswConfig.defaults().maxItems();
    // hnswlib writes its capacity as a plain int; raise every occurrence of it to 2^30
    Path crafted =
        rewritten(
            file,
            "hnsw-capacity.bin",
            b -> {
              int found = 0;
              for (int i = 0; i + 4 <= b.limit(); i++) {
                if (b.getInt(i) == graphCapacity) {
                  b.putInt(i, 1 << 30);
                  found++;
                }
              }
              assertThat(found).isPositive();
            });
    assertThatThrownBy(() -> Artsim.loadIndex(crafted)).isInstanceOf(FileFormatException.class).hasMessageContaining("damaged");
  }

  /** Uses a loaded index the way a caller would; only typed artsim errors may come out. */
  private static void exercise(VectorIndex index, SplittableRandom r) {
    int size = index.size();
    List<String> ids = index.ids();
    assertThat(ids).hasSize(size);
    for (String id : ids) {
      index.labels(id);
      index.vector(id);
    }
    float[] q = RandomVectors.gaussian(r, index.dimension());
    try {
      index.search(q, 1 + r.nextInt(50));
      index.search(q, 5, LabelFilter.anyOf("colour", "c1"));
      index.searchBatch(new float[][] {q, q}, 3, LabelFilter.none());
      if (!ids.isEmpty()) {
        index.similarTo(ids.get(0), 3, LabelFilter.none());
        index.add("fuzz-new", RandomVectors.gaussian(r, index.dimension()), Labels.of("colour", "c1"));
        index.remove(ids.get(ids.size() - 1));
        index.search(q, 10);
      }
    } catch (ArtsimException e) {
      // a typed refusal (an unknown field, a bad dimension) is an acceptable answer
    }
  }

  private static byte[] mutate(byte[] p, SplittableRandom r) {
    int kind = r.nextInt(7);
    switch (kind) {
      case 0 -> {
        // a header field or count: one of the first ints, or any aligned int
        int at = r.nextBoolean() ? 4 * r.nextInt(Math.min(12, p.length / 4)) : r.nextInt(Math.max(1, p.length - 4));
        ByteBuffer.wrap(p).putInt(Math.min(at, p.length - 4), INTERESTING[r.nextInt(INTERESTING.length)]);
        return p;
      }
      case 1 -> {
        int at = r.nextInt(Math.max(1, p.length - 4));
        ByteBuffer.wrap(p).putInt(at, r.nextInt());
        return p;
      }
      case 2 -> {
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
          p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return p;
      }
      case 3 -> {
        return Arrays.copyOf(p, r.nextInt(p.length));
      }
      case 4 -> {
        byte[] longer = Arrays.copyOf(p, p.length + 1 + r.nextInt(64));
        for (int i = p.length; i < longer.length; i++) {
          longer[i] = (byte) r.nextInt(256);
        }
        return longer;
      }
      case 5 -> {
        float bad = switch (r.nextInt(3)) {
          case 0 -> Float.NaN;
          case 1 -> Float.POSITIVE_INFINITY;
          default -> Float.NEGATIVE_INFINITY;
        };
        int at = p.length - 4 - 4 * r.nextInt(Math.max(1, Math.min(200, p.length / 4 - 1)));
        ByteBuffer.wrap(p).putFloat(Math.max(0, at), bad);
        return p;
      }
      default -> {
        int from = r.nextInt(p.length);
        int len = r.nextInt(Math.max(1, p.length - from));
        byte[] cut = new byte[p.length - len];
        System.arraycopy(p, 0, cut, 0, from);
        System.arraycopy(p, from + len, cut, from, p.length - from - len);
        return cut;
      }
    }
  }

  /** The file with the container's CRC-32C over magic, header and payload, then the end marker. */
  static byte[] withChecksum(byte[] head, byte[] payload) {
    var crc = new CRC32C();
    crc.update(head);
    crc.update(payload);
    var out = ByteBuffer.allocate(head.length + payload.length + 4 + END.length);
    out.put(head).put(payload).putInt((int) crc.getValue()).put(END);
    return out.array();
  }
}
