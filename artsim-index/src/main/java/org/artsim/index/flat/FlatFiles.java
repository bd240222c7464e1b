package org.artsim.index.flat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.artsim.Metric;
import org.artsim.StorageException;
import org.artsim.index.FlatConfig;
import org.artsim.index.support.HeapVectorStore;
import org.artsim.index.support.IndexFiles;
import org.artsim.index.support.Int8Codes;
import org.artsim.index.support.ItemStore;
import org.artsim.index.support.MappedVectorStore;
import org.artsim.index.support.SectionReader;
import org.artsim.index.support.VectorStore;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;

/**
 * Reads and writes flat index files (the layout is documented on {@link FlatIndexProvider}).
 * Version 3 puts the vectors, little-endian and 64-byte aligned, before the items, so that a
 * {@code storage=mapped} file can be opened by mapping its vector and code sections and reading
 * only its header fields, per-row error terms and items; {@code storage=heap} files are read whole
 * through {@link ArtsimFiles#read}, which verifies the checksum first. Stateless.
 */
final class FlatFiles {
  /** The vector section starts at a multiple of this many bytes from the file's start. */
  static final int ALIGN = 64;
  private static final int MAGIC = 8;
  private static final int TRAILER = 12;

  private FlatFiles() {}

  /** The header fields before the padding. */
  record Prefix(int dim, Metric metric, FlatConfig config, int slots, int padding) {}

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static long stringBytes(String s) {
    return 4L + s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The file offset where the payload starts. */
  static long payloadStart() {
    return MAGIC + stringBytes(FlatVectorIndex.FORMAT) + 4;
  }

  /** Writes the version-3 payload of {@code index}, whose first {@code size} rows are live. */
  static void write(BinaryOut out, FlatVectorIndex index, int size) throws IOException {
    FlatConfig c = index.config();
    int dim = index.dimension();
    String metric = index.metric().name();
    out.writeInt(dim);
    out.writeString(metric);
    out.writeString(lower(c.storage()));
    out.writeString(lower(c.quantization()));
    out.writeString(lower(c.int8Scale()));
    out.writeInt(size);
    long at = payloadStart() + 4 + stringBytes(metric) + stringBytes(lower(c.storage())) + stringBytes(lower(c.quantization()))
        + stringBytes(lower(c.int8Scale())) + 4 + 4;
    int padding = (int) ((ALIGN - at % ALIGN) % ALIGN);
    out.writeInt(padding);
    out.writeBytes(new byte[padding], 0, padding);
    index.vectors().writeRows(out, size);
    Int8Prefilter p = index.prefilter();
    if (p != null) {
      int fitted = p.fittedAt() > 0 ? size : 0;
      out.writeInt(fitted);
      if (fitted > 0) {
        out.writeFloats(p.lo(), 0, dim);
        out.writeFloats(p.step(), 0, dim);
        out.writeFloats(p.error(), 0, size);
        out.writeFloats(p.norm(), 0, size);
        out.writeFloats(p.scale(), 0, p.mode() == FlatConfig.Int8Scale.PER_VECTOR ? size : 0);
        p.codes().writeRows(out, size);
      }
    }
    index.items().writeItems(out);
  }

  /** Opens a flat file: a version-3 {@code mapped} file by mapping it, any other by reading it whole. */
  static FlatVectorIndex open(Path path) {
    ArtsimFiles.Header header = ArtsimFiles.peek(path);
    if (header.format().equals(FlatVectorIndex.FORMAT) && header.version() == 3) {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
        var in = new SectionReader(ch, payloadStart(), ch.size() - TRAILER, path.toString(), false);
        Prefix prefix = readPrefix(in);
        if (prefix.config().storage() == FlatConfig.Storage.MAPPED) {
          FileChannel maps;
          boolean writable = true;
          try {
            maps = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
          } catch (java.nio.file.AccessDeniedException | UnsupportedOperationException e) {
            maps = FileChannel.open(path, StandardOpenOption.READ);
            writable = false;
          }
          try (FileChannel m = maps) {
            return openMapped(path, ch, m, writable, true, MappedFileCheck.AT_OPEN_UP_TO);
          }
        }
      } catch (IOException e) {
        throw new StorageException("could not read " + path + ": " + e + "; check that it exists and is readable", e);
      }
    }
    return ArtsimFiles.read(path, FlatVectorIndex.FORMAT, FlatVectorIndex.FORMAT_VERSION, FlatFiles::read);
  }

  private static Prefix readPrefix(SectionReader in) throws IOException {
    int dim = in.readInt();
    if (dim <= 0 || dim > IndexFiles.MAX_DIMENSION) {
      throw in.corrupt("dimension " + dim + " is outside [1, " + IndexFiles.MAX_DIMENSION + "]");
    }
    Metric metric = parse(in, Metric.class, in.readString(), "metric");
    FlatConfig config =
        FlatConfig.defaults()
            .withStorage(parse(in, FlatConfig.Storage.class, in.readString(), "storage"))
            .withQuantization(parse(in, FlatConfig.Quantization.class, in.readString(), "quantization"))
            .withInt8Scale(parse(in, FlatConfig.Int8Scale.class, in.readString(), "int8 scale"));
    int slots = in.readInt();
    int padding = in.readInt();
    if (slots < 0 || slots > ItemStore.MAX_SLOTS) {
      throw in.corrupt("vector count " + slots + " is outside [0, " + ItemStore.MAX_SLOTS + "]");
    }
    if (padding < 0 || padding >= ALIGN || (in.position() + padding) % ALIGN != 0) {
      throw in.corrupt("padding " + padding + " does not align the vectors to " + ALIGN + " bytes");
    }
    return new Prefix(dim, metric, config.withInitialCapacity(slots), slots, padding);
  }

  private static <E extends Enum<E>> E parse(SectionReader in, Class<E> type, String name, String what) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name) || lower(e).equals(name)) {
        return e;
      }
    }
    throw in.corrupt("unknown " + what + " '" + name + "'");
  }

  /**
   * Opens a version-3 mapped file: reads the header fields, the per-row int8 terms and the items
   * through {@code reads}, and maps the vector and code sections from {@code maps}; the vectors
   * themselves are never read here. {@code maps} is mapped copy-on-write when {@code
   * mapsWritable} (the JDK allows that only on a channel opened for reading and writing; nothing is
   * written through it), else read-only (see {@link org.artsim.index.support.MappedRows}). With
   * {@code check}, a file of at most {@code checkAtOpenUpTo} bytes is checked before this returns
   * (damage is a {@link org.artsim.FileFormatException} here), a larger one in the background;
   * without, only {@link FlatVectorIndex#verify()} checks it.
   */
  static FlatVectorIndex openMapped(Path path, FileChannel reads, FileChannel maps, boolean mapsWritable, boolean check, long checkAtOpenUpTo)
      throws IOException {
    long end = reads.size() - TRAILER;
    String file = path.toString();
    var in = new SectionReader(reads, payloadStart(), end, file, false);
    Prefix p = readPrefix(in);
    int dim = p.dim();
    int slots = p.slots();
    long vectorsOffset = in.position() + p.padding();
    long vectorsBytes = 4L * dim * slots;
    if (vectorsOffset + vectorsBytes > end) {
      throw in.corrupt(slots + " vectors of dimension " + dim + " need " + vectorsBytes + " bytes, " + Math.max(0, end - vectorsOffset) + " remain");
    }
    long pos = vectorsOffset + vectorsBytes;
    int fitted = 0;
    float[][] terms = null;
    long codesOffset = 0;
    if (FlatVectorIndex.keepsCodes(p.config(), p.metric())) {
      var codes = new SectionReader(reads, pos, end, file, false);
      fitted = codes.readInt();
      if (fitted != 0 && fitted != slots) {
        throw codes.corrupt("the int8 codes cover " + fitted + " rows of " + slots);
      }
      if (fitted > 0) {
        boolean perVector = p.config().int8Scale() == FlatConfig.Int8Scale.PER_VECTOR;
        long need = 8L * dim + (perVector ? 12L : 8L) * slots + (long) slots * dim;
        if (need > codes.remaining()) {
          throw codes.corrupt("the int8 section needs " + need + " bytes, " + codes.remaining() + " remain");
        }
        long termsBytes = need - (long) slots * dim;
        codes = new SectionReader(reads, codes.position(), codes.position() + termsBytes, file, true);
        terms = new float[][] {codes.readFloats(dim), codes.readFloats(dim), codes.readFloats(slots), codes.readFloats(slots), codes.readFloats(perVector ? slots : 0)};
        for (float[] t : terms) {
          for (float x : t) {
            if (!Float.isFinite(x) || t != terms[0] && x < 0) {
              throw codes.corrupt("an int8 range or error term is " + x);
            }
          }
        }
        codesOffset = codes.position();
        pos = codesOffset + (long) slots * dim;
      } else {
        pos = codes.position();
      }
    }
    var itemsIn = new SectionReader(reads, pos, end, file, true);
    var items = new ItemStore(FlatIndexProvider.NAME, Math.max(1, slots));
    items.readItems(itemsIn, ItemStore.MAX_SLOTS, 0);
    if (itemsIn.remaining() != 0) {
      throw itemsIn.corrupt(itemsIn.remaining() + " unexpected bytes follow the data");
    }
    if (items.slots() != slots || items.deadCount() > 0) {
      throw itemsIn.corrupt("the file holds " + slots + " vectors but " + items.slots() + " item slots (" + items.deadCount() + " removed)");
    }
    boolean writable = mapsWritable;
    VectorStore vectors = MappedVectorStore.open(FlatIndexProvider.NAME, dim, maps, vectorsOffset, slots, null, writable);
    Int8Prefilter prefilter = null;
    try {
      if (FlatVectorIndex.keepsCodes(p.config(), p.metric())) {
        Int8Codes codes = fitted > 0 ? Int8Codes.open(dim, maps, codesOffset, slots, null, writable) : Int8Codes.mapped(dim, Math.max(1, slots), null);
        prefilter = new Int8Prefilter(dim, Math.max(1, slots), p.config().int8Scale(), codes);
        if (fitted > 0) {
          prefilter.restore(fitted, terms[0], terms[1], terms[2], terms[3], terms[4]);
        }
      }
      MappedFileCheck fileCheck = MappedFileCheck.of(path, vectorsOffset, vectorsBytes);
      var index = new FlatVectorIndex(p.metric(), p.config(), items, vectors, prefilter, fileCheck);
      if (check && reads.size() <= checkAtOpenUpTo) {
        try {
          fileCheck.await();
        } catch (RuntimeException e) {
          index.close();
          throw e;
        }
      } else if (check) {
        fileCheck.startInBackground();
      }
      return index;
    } catch (IOException | RuntimeException e) {
      vectors.close();
      if (prefilter != null) {
        prefilter.codes().close();
      }
      throw e;
    }
  }

  /** Reads a whole file: version 3 (any storage is read onto the heap), 2 (the shared item section) or 1 (live items only). */
  static FlatVectorIndex read(BinaryIn in, int version) throws IOException {
    if (version < 3) {
      return readOld(in, version);
    }
    int dim = IndexFiles.readDimension(in);
    Metric metric = IndexFiles.readMetric(in);
    FlatConfig config =
        FlatConfig.defaults()
            .withStorage(parseBin(in, FlatConfig.Storage.class, "storage"))
            .withQuantization(parseBin(in, FlatConfig.Quantization.class, "quantization"))
            .withInt8Scale(parseBin(in, FlatConfig.Int8Scale.class, "int8 scale"));
    int slots = in.readInt();
    int padding = in.readInt();
    long maxRows = (Integer.MAX_VALUE - 16) / dim;
    if (slots < 0 || slots > maxRows || 4L * dim * slots > in.remaining()) {
      throw in.corrupt("vector count " + slots + " is impossible here (" + in.remaining() + " bytes remain; at most " + maxRows + " on the heap)");
    }
    if (padding < 0 || padding >= ALIGN) {
      throw in.corrupt("padding " + padding + " is outside [0, " + ALIGN + ")");
    }
    in.readBytes(new byte[padding], 0, padding);
    VectorStore vectors = new HeapVectorStore(FlatIndexProvider.NAME, dim, Math.max(1, slots));
    float[] row = new float[dim];
    byte[] bytes = new byte[4 * dim];
    var le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int r = 0; r < slots; r++) {
      in.readBytes(bytes, 0, bytes.length);
      le.get(0, row);
      IndexFiles.requireFinite(in, row, "row " + r);
      vectors.set(r, row);
    }
    if (FlatVectorIndex.keepsCodes(config, metric)) {
      int fitted = in.readInt();
      if (fitted != 0 && fitted != slots) {
        throw in.corrupt("the int8 codes cover " + fitted + " rows of " + slots);
      }
      long skip = fitted == 0 ? 0 : 8L * dim + (config.int8Scale() == FlatConfig.Int8Scale.PER_VECTOR ? 12L : 8L) * slots + (long) slots * dim;
      if (skip > in.remaining()) {
        throw in.corrupt("the int8 section needs " + skip + " bytes, " + in.remaining() + " remain");
      }
      byte[] sink = new byte[1 << 16];
      while (skip > 0) {
        int n = (int) Math.min(sink.length, skip);
        in.readBytes(sink, 0, n);
        skip -= n;
      }
    }
    var items = new ItemStore(FlatIndexProvider.NAME, Math.max(1, slots));
    items.readItems(in, (int) maxRows, 0);
    if (items.slots() != slots || items.deadCount() > 0) {
      throw in.corrupt("the file holds " + slots + " vectors but " + items.slots() + " item slots (" + items.deadCount() + " removed)");
    }
    FlatConfig heap = config.withStorage(FlatConfig.Storage.HEAP).withInitialCapacity(Math.max(1, slots));
    Int8Prefilter prefilter = null;
    if (FlatVectorIndex.keepsCodes(heap, metric)) {
      prefilter = new Int8Prefilter(dim, Math.max(1, slots), heap.int8Scale(), Int8Codes.onHeap(dim, Math.max(1, slots)));
      if (slots >= FlatVectorIndex.PREFILTER_MIN_ROWS) {
        prefilter.fit(vectors, slots);
      }
    }
    return new FlatVectorIndex(metric, heap, items, vectors, prefilter, null);
  }

  private static <E extends Enum<E>> E parseBin(BinaryIn in, Class<E> type, String what) throws IOException {
    String name = in.readString();
    for (E e : type.getEnumConstants()) {
      if (lower(e).equals(name)) {
        return e;
      }
    }
    throw in.corrupt("unknown " + what + " '" + name + "'");
  }

  private static FlatVectorIndex readOld(BinaryIn in, int version) throws IOException {
    int dim = IndexFiles.readDimension(in);
    Metric metric = IndexFiles.readMetric(in);
    boolean int8 = in.readBoolean();
    int maxRows = (Integer.MAX_VALUE - 16) / dim;
    var items = new ItemStore(FlatIndexProvider.NAME, 1);
    if (version == 1) {
      items.readLiveItems(in, maxRows, 4L * dim);
    } else {
      items.readItems(in, maxRows, 4L * dim);
    }
    int size = items.slots();
    if (items.deadCount() > 0) {
      throw in.corrupt("a flat index holds no removed slots, this file has " + items.deadCount());
    }
    if ((long) size * dim * 4 != in.remaining()) {
      throw in.corrupt(size + " vectors of dimension " + dim + " need " + (long) size * dim * 4 + " bytes, " + in.remaining() + " remain");
    }
    var index = new FlatVectorIndex(dim, metric, FlatConfig.defaults().withInitialCapacity(size).withInt8Prefilter(int8).withInt8Scale(FlatConfig.Int8Scale.PER_DIMENSION));
    float[] row = new float[dim];
    for (int i = 0; i < size; i++) {
      in.readFloats(row, 0, dim);
      IndexFiles.requireFinite(in, row, items.id(i));
      index.load(items.id(i), row, items.labels(i));
    }
    return index;
  }
}
