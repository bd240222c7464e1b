package org.artsim.index.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.artsim.Artsim;
import org.artsim.ClosedException;
import org.artsim.FileFormatException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.UnsupportedVersionException;
import org.artsim.VectorIndex;
import org.artsim.index.Verifiable;
import org.artsim.testing.RandomVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mapped flat files: opening maps the vector and code sections without reading them; damage is
 * found by {@link Verifiable#verify()} (and the background check) as a typed {@link
 * FileFormatException}; cut, future-version and crafted files are refused at open; close unmaps.
 */
class MappedFlatFilesTest {
  private static final int DIM = 16;
  private static final int TRAILER = 12;

  @TempDir Path tmp;

  private Path saved(String name, int n, Map<String, ?> settings) {
    Path file = tmp.resolve(name);
    try (VectorIndex index = Artsim.index("flat", DIM, Metric.COSINE, settings)) {
      var r = new SplittableRandom(11);
      index.addAll(RandomVectors.entries(r, n, DIM, 4, false));
      index.save(file);
    }
    return file;
  }

  /** The file offset of the slot count field (the padding field follows it). */
  private static long slotsField(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      var in = new org.artsim.index.support.SectionReader(ch, FlatFiles.payloadStart(), ch.size() - TRAILER, file.toString(), false);
      in.readInt();
      in.readString();
      in.readString();
      in.readString();
      in.readString();
      return in.position();
    }
  }

  private static long vectorsOffset(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      var in = new org.artsim.index.support.SectionReader(ch, FlatFiles.payloadStart(), ch.size() - TRAILER, file.toString(), false);
      in.readInt();
      in.readString();
      in.readString();
      in.readString();
      in.readString();
      in.readInt();
      int padding = in.readInt();
      return in.position() + padding;
    }
  }

  /** A channel that records which file bytes were read through it. */
  static final class CountingChannel extends FileChannel {
    private final FileChannel inner;
    private long lowestRead = Long.MAX_VALUE;
    private long highestRead = -1;
    private long bytesRead;
    private final long[] watched;
    private long watchedBytesRead;

    CountingChannel(FileChannel inner, long watchFrom, long watchTo) {
      this.inner = inner;
      this.watched = new long[] {watchFrom, watchTo};
    }

    private int record(long from, int n) {
      if (n > 0) {
        lowestRead = Math.min(lowestRead, from);
        highestRead = Math.max(highestRead, from + n);
        bytesRead += n;
        watchedBytesRead += Math.max(0, Math.min(from + n, watched[1]) - Math.max(from, watched[0]));
      }
      return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      long at = inner.position();
      return record(at, inner.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        int n = read(dsts[i]);
        if (n < 0) {
          return total == 0 ? -1 : total;
        }
        total += n;
      }
      return total;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return record(position, inner.read(dst, position));
    }

    @Override
    public int write(ByteBuffer src) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
      return inner.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      inner.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public FileChannel truncate(long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void force(boolean metaData) {}

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException("the counting channel is only read");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() throws IOException {
      inner.close();
    }
  }

  @Test
  void openingMapsTheVectorAndCodeSectionsWithoutReadingThem() throws IOException {
    int n = 6000;
    Path file = saved("big.idx", n, Map.of("storage", "mapped", "quantization", "int8"));
    long vectors = vectorsOffset(file);
    long vectorBytes = 4L * DIM * n;
    long codesStart = vectors + vectorBytes + 4 + 8L * DIM + 12L * n;
    try (FileChannel raw = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        var counting = new CountingChannel(FileChannel.open(file, StandardOpenOption.READ), vectors, vectors + vectorBytes);
        var index = FlatFiles.openMapped(file, counting, raw, true, false, 0)) {
      assertThat(counting.watchedBytesRead).as("bytes of the vector section read while opening").isZero();
      assertThat(counting.bytesRead).isLessThan(Files.size(file) - vectorBytes - (long) n * DIM);
      // the code section [codesStart, codesStart + n * DIM) is not read either: reads skip from before it to after it
      var codes = new CountingChannel(FileChannel.open(file, StandardOpenOption.READ), codesStart, codesStart + (long) n * DIM);
      try (codes; var again = FlatFiles.openMapped(file, codes, raw, true, false, 0)) {
        assertThat(codes.watchedBytesRead).as("bytes of the code section read while opening").isZero();
        assertThat(again.size()).isEqualTo(n);
      }
      assertThat(index.size()).isEqualTo(n);
      assertThat(index.toString()).contains("storage=mapped, quantization=int8 per_vector");
      float[] q = index.vector("id-0042").orElseThrow();
      assertThat(index.search(q, 1).get(0).id()).isEqualTo("id-0042");
      index.verify();
    }
  }

  private static byte[] withChecksum(byte[] file) {
    var crc = new CRC32C();
    crc.update(file, 0, file.length - TRAILER);
    ByteBuffer.wrap(file).putInt(file.length - TRAILER, (int) crc.getValue());
    return file;
  }

  private static FlatVectorIndex open(Path file, boolean check, long checkAtOpenUpTo) throws IOException {
    try (FileChannel reads = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel maps = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      return FlatFiles.openMapped(file, reads, maps, true, check, checkAtOpenUpTo);
    }
  }

  @Test
  void aDamagedVectorSectionIsFoundByVerifyInTheBackgroundOrAtOpen() throws IOException {
    Path file = saved("damaged.idx", 300, Map.of("storage", "mapped"));
    long at = vectorsOffset(file) + 4 * DIM * 7 + 8;
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) at] ^= 0x10;
    Path damaged = tmp.resolve("flipped.idx");
    Files.write(damaged, bytes);
    float[] q = RandomVectors.gaussian(new SplittableRandom(4), DIM);

    // checked on demand only: opening succeeds without reading the vectors, verify() finds the damage
    try (FlatVectorIndex index = open(damaged, false, 0)) {
      assertThat(index.size()).isEqualTo(300);
      assertThat(index.search(q, 3)).hasSize(3);
      assertThatThrownBy(index::verify)
          .isInstanceOf(FileFormatException.class)
          .hasMessageContaining(damaged.toString())
          .hasMessageContaining("checksum does not match");
      assertThatThrownBy(() -> index.search(q, 3)).isInstanceOf(FileFormatException.class).hasMessageContaining("checksum");
      assertThatThrownBy(() -> index.vector("id-0001")).isInstanceOf(FileFormatException.class);
      assertThatThrownBy(() -> index.save(tmp.resolve("copy.idx"))).isInstanceOf(FileFormatException.class);
    }
    // checked in the background (as files over 64 MiB are): verify() waits for that check
    try (FlatVectorIndex index = open(damaged, true, 0)) {
      assertThatThrownBy(index::verify).isInstanceOf(FileFormatException.class).hasMessageContaining("checksum does not match");
      assertThatThrownBy(() -> index.searchBatch(new float[][] {q}, 3, LabelFilter.none())).isInstanceOf(FileFormatException.class);
    }
    // a small file is checked while opening
    assertThatThrownBy(() -> Artsim.loadIndex(damaged)).isInstanceOf(FileFormatException.class).hasMessageContaining("checksum does not match");

    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) (vectorsOffset(file) + 4 * DIM * 9), Float.NaN);
    Path nan = tmp.resolve("nan.idx");
    Files.write(nan, withChecksum(bytes));
    try (FlatVectorIndex again = open(nan, false, 0)) {
      assertThatThrownBy(again::verify).isInstanceOf(FileFormatException.class).hasMessageContaining("NaN").hasMessageContaining("damaged");
    }
    assertThatThrownBy(() -> Artsim.loadIndex(nan)).isInstanceOf(FileFormatException.class).hasMessageContaining("NaN");
  }

  @Test
  void cutFutureAndCraftedFilesAreRefusedAtOpenWithTypedErrors() throws IOException {
    Path file = saved("good.idx", 200, Map.of("storage", "mapped"));
    byte[] good = Files.readAllBytes(file);
    Path bad = tmp.resolve("bad.idx");

    Files.write(bad, Arrays.copyOf(good, good.length - 100));
    assertThatThrownBy(() -> Artsim.loadIndex(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("truncated");

    byte[] future = good.clone();
    ByteBuffer.wrap(future).putInt((int) FlatFiles.payloadStart() - 4, FlatVectorIndex.FORMAT_VERSION + 1);
    Files.write(bad, withChecksum(future));
    assertThatThrownBy(() -> Artsim.loadIndex(bad))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("version " + (FlatVectorIndex.FORMAT_VERSION + 1))
        .hasMessageContaining("upgrade artsim");

    byte[] count = good.clone();
    int slotsAt = (int) slotsField(file);
    for (int slots : new int[] {-1, 201, 1 << 30, Integer.MAX_VALUE}) {
      ByteBuffer.wrap(count).putInt(slotsAt, slots);
      Files.write(bad, withChecksum(count));
      assertThatThrownBy(() -> Artsim.loadIndex(bad)).as("slots " + slots).isInstanceOf(FileFormatException.class).hasMessageContaining("damaged");
    }

    byte[] padding = good.clone();
    ByteBuffer.wrap(padding).putInt(slotsAt + 4, 63);
    Files.write(bad, withChecksum(padding));
    assertThatThrownBy(() -> Artsim.loadIndex(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("padding 63");

    byte[] storage = good.clone();
    int m = indexOf(storage, "mapped".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    storage[m] = 'n';
    Files.write(bad, withChecksum(storage));
    assertThatThrownBy(() -> Artsim.loadIndex(bad)).isInstanceOf(FileFormatException.class).hasMessageContaining("unknown storage 'napped'");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void craftedMappedFilesWithAValidChecksumGiveOnlyTypedErrors() throws IOException {
    Path file = tmp.resolve("fuzz.idx");
    try (VectorIndex index = Artsim.index("flat", 5, Metric.COSINE, Map.of("storage", "mapped"))) {
      var r = new SplittableRandom(99);
      index.addAll(RandomVectors.entries(r, 4200, 5, 3, false));
      index.remove("id-0002");
      index.save(file);
    }
    byte[] good = Files.readAllBytes(file);
    int start = (int) FlatFiles.payloadStart();
    int end = good.length - TRAILER;
    int[] interesting = {0, 1, -1, 7, 63, 64, 255, 4199, 4200, 4201, 1 << 20, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE};
    Path crafted = tmp.resolve("crafted.idx");
    int refused = 0;
    for (long seed : org.artsim.testing.Seeds.stream("fuzz-flat-mapped", 300).toArray()) {
      var r = new SplittableRandom(seed);
      byte[] bytes = good.clone();
      int at = start + r.nextInt(Math.min(end - start - 4, r.nextBoolean() ? 200 : end - start - 4));
      switch (r.nextInt(4)) {
        case 0 -> bytes[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> ByteBuffer.wrap(bytes).putInt(at, interesting[r.nextInt(interesting.length)]);
        case 2 -> ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(at & ~3, r.nextBoolean() ? Float.NaN : 1e30f);
        default -> {
          int cut = at;
          byte[] shorter = new byte[cut + (good.length - end)];
          System.arraycopy(good, 0, shorter, 0, cut);
          System.arraycopy(good, end, shorter, cut, good.length - end);
          bytes = shorter;
        }
      }
      Files.write(crafted, withChecksum(bytes));
      try (VectorIndex index = Artsim.loadIndex(crafted)) {
        index.size();
        index.ids();
        index.search(RandomVectors.gaussian(r, 5), 3);
        index.search(RandomVectors.gaussian(r, 5), 2, LabelFilter.anyOf("colour", "c1"));
        ((Verifiable) index).verify();
      } catch (org.artsim.ArtsimException e) {
        refused++;
      } catch (Throwable t) {
        throw new AssertionError(org.artsim.testing.Seeds.reproduce(seed) + ": a crafted mapped file gave " + t, t);
      }
    }
    assertThat(refused).isGreaterThan(50);
  }

  @Test
  void closeUnmapsAndEveryLaterUseIsRefused() {
    Path file = saved("closing.idx", 50, Map.of("storage", "mapped"));
    VectorIndex index = Artsim.loadIndex(file);
    index.add("more", RandomVectors.gaussian(new SplittableRandom(1), DIM), Labels.none());
    index.close();
    float[] q = RandomVectors.gaussian(new SplittableRandom(5), DIM);
    assertThatThrownBy(() -> index.search(q, 1)).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> index.vector("id-0001")).isInstanceOf(ClosedException.class);
    assertThatThrownBy(((Verifiable) index)::verify).isInstanceOf(ClosedException.class);
    assertThatThrownBy(() -> index.searchBatch(new float[][] {q}, 1, LabelFilter.none())).isInstanceOf(ClosedException.class);
    index.close();
    // the file is untouched by the changes made to the mapped copy, and still opens
    try (VectorIndex again = Artsim.loadIndex(file)) {
      assertThat(again.size()).isEqualTo(50);
      assertThat(again.contains("more")).isFalse();
      ((Verifiable) again).verify();
    }
  }

  @Test
  void aMappedIndexSavedOverItsOwnFileKeepsServingAndReopens() {
    Path file = saved("self.idx", 120, Map.of("storage", "mapped"));
    try (VectorIndex index = Artsim.loadIndex(file)) {
      index.remove("id-0003");
      index.add("new", RandomVectors.gaussian(new SplittableRandom(2), DIM), Labels.of("colour", "c1"));
      List<?> before = index.search(index.vector("new").orElseThrow(), 5);
      index.save(file);
      assertThat(index.search(index.vector("new").orElseThrow(), 5)).isEqualTo(before);
      try (VectorIndex again = Artsim.loadIndex(file)) {
        assertThat(again.search(index.vector("new").orElseThrow(), 5)).isEqualTo(before);
        assertThat(again.contains("id-0003")).isFalse();
      }
    }
  }
}
