package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.FileFormatException;
import org.artsim.LabelFilter;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, D1 for the collection's own formats ({@code artsim.collection} manifest and {@code
 * artsim.collection.records}): files whose container checksum is valid but whose header fields,
 * counts, string lengths, numbers or payload length were crafted must make {@link
 * ArtCollection#load} give a typed artsim error or a collection that then behaves, never an
 * unchecked JDK exception, an {@link Error} or a hang. The test walks the layout documented in
 * {@link CollectionStore}, mutates the fields it finds and recomputes the CRC-32C of the {@code
 * org.artsim.io} container, so every case reaches the payload reader.
 */
class CollectionFilesFuzzTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);

  @TempDir static Path data;
  static ArtCollection source;
  static ExecutorService worker;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    source = Fixtures.ingested(data.resolve("source"), 12);
    worker = Executors.newSingleThreadExecutor(r -> {
      var t = new Thread(r, "collection-fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void tearDown() {
    source.close();
    worker.shutdownNow();
  }

  /** A field of a payload: its offset and whether it is an int (count, length, number) or a string length. */
  record Field(int offset, boolean length) {}

  /** A saved file split into the container's parts. */
  record Container(byte[] magic, String format, int version, byte[] payload) {
    static Container of(byte[] file) {
      var b = ByteBuffer.wrap(file);
      int len = b.getInt(8);
      String format = new String(file, 12, len, StandardCharsets.UTF_8);
      int version = b.getInt(12 + len);
      return new Container(Arrays.copyOf(file, 8), format, version, Arrays.copyOfRange(file, 16 + len, file.length - 12));
    }

    Container with(byte[] p) {
      return new Container(magic, format, version, p);
    }

    byte[] bytes() {
      var out = new ByteArrayOutputStream();
      byte[] name = format.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(magic);
      out.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
      out.writeBytes(name);
      out.writeBytes(ByteBuffer.allocate(4).putInt(version).array());
      out.writeBytes(payload);
      var crc = new CRC32C();
      crc.update(out.toByteArray());
      out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
      out.writeBytes(END);
      return out.toByteArray();
    }
  }

  /** Walks a payload, recording the fields it passes. */
  static final class Walk {
    final ByteBuffer b;
    final List<Field> fields = new ArrayList<>();
    int p;

    Walk(byte[] payload) {
      b = ByteBuffer.wrap(payload);
    }

    int integer() {
      fields.add(new Field(p, false));
      int v = b.getInt(p);
      p += 4;
      return v;
    }

    void string() {
      fields.add(new Field(p, true));
      int n = b.getInt(p);
      p += 4 + Math.max(n, 0);
    }

    void map() {
      int n = integer();
      for (int i = 0; i < 2 * n; i++) {
        string();
      }
    }

    void part() {
      string();
      map();
    }

    List<Field> done() {
      assertThat(p).as("the walk covers the payload").isEqualTo(b.capacity());
      return fields;
    }
  }

  static List<Field> manifestFields(byte[] payload) {
    var w = new Walk(payload);
    w.string();
    w.integer();
    w.integer();
    w.part();
    w.part();
    w.string();
    int approximate = w.integer();
    for (int i = 0; i < approximate; i++) {
      w.string();
    }
    w.integer();
    for (int i = 0; i < 6; i++) {
      w.part();
    }
    w.string();
    w.string();
    w.string();
    w.integer();
    w.map();
    for (int i = 0; i < 6; i++) {
      w.string();
    }
    w.part();
    w.string(); // bridge file (null when the collection has no text bridge)
    w.string(); // bridge seal
    return w.done();
  }

  static List<Field> recordsFields(byte[] payload) {
    var w = new Walk(payload);
    w.string();
    w.integer();
    int n = w.integer();
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < 9; i++) {
        w.string();
      }
      w.map();
      w.map();
    }
    return w.done();
  }

  static int craftedInt(SplittableRandom r, int old, int remaining) {
    int[] choices = {
      -1, -2, 0, 1, old + 1, old - 1, old * 2, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 1 << 24, remaining, remaining + 1, remaining / 4, remaining / 8,
      remaining / 44, r.nextInt()
    };
    return choices[r.nextInt(choices.length)];
  }

  static final String[] STRINGS = {"", " ", "\u0000", "a\u0000b", "..", "../../etc", "/", "COSINE", "L2", "index-000001.artsim", "records-000002.artsim", "x".repeat(300)};

  /** One crafted variant of {@code c}; {@code what} receives a description. */
  static Container mutate(SplittableRandom r, Container c, List<Field> fields, StringBuilder what, String[] formats) {
    byte[] payload = c.payload().clone();
    var b = ByteBuffer.wrap(payload);
    switch (r.nextInt(10)) {
      case 0, 1, 2, 3 -> {
        Field f = fields.get(r.nextInt(fields.size()));
        int v = craftedInt(r, b.getInt(f.offset()), payload.length - f.offset() - 4);
        b.putInt(f.offset(), v);
        what.append(f.length() ? "length" : "int").append(" at ").append(f.offset()).append(" := ").append(v);
        return c.with(payload);
      }
      case 4 -> {
        // replace a string with a crafted one
        var strings = fields.stream().filter(Field::length).toList();
        Field f = strings.get(r.nextInt(strings.size()));
        String s = STRINGS[r.nextInt(STRINGS.length)];
        what.append("string at ").append(f.offset()).append(" := '").append(s.length() > 20 ? s.substring(0, 20) + "..." : s).append("'");
        return c.with(replaceString(payload, f, s));
      }
      case 5 -> {
        int at = r.nextInt(payload.length);
        payload[at] ^= (byte) (1 << r.nextInt(8));
        what.append("bit flip at ").append(at);
        return c.with(payload);
      }
      case 6 -> {
        int cut = r.nextInt(payload.length);
        what.append("payload cut to ").append(cut);
        return c.with(Arrays.copyOf(payload, cut));
      }
      case 7 -> {
        int at = r.nextInt(payload.length + 1);
        byte[] extra = new byte[1 + r.nextInt(16)];
        for (int i = 0; i < extra.length; i++) {
          extra[i] = (byte) r.nextInt(256);
        }
        byte[] grown = new byte[payload.length + extra.length];
        System.arraycopy(payload, 0, grown, 0, at);
        System.arraycopy(extra, 0, grown, at, extra.length);
        System.arraycopy(payload, at, grown, at + extra.length, payload.length - at);
        what.append(extra.length).append(" bytes inserted at ").append(at);
        return c.with(grown);
      }
      case 8 -> {
        int[] versions = {0, -1, 1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int v = versions[r.nextInt(versions.length)];
        what.append("version := ").append(v);
        return new Container(c.magic(), c.format(), v, payload);
      }
      default -> {
        String f = formats[r.nextInt(formats.length)];
        what.append("format := '").append(f).append("'");
        return new Container(c.magic(), f, c.version(), payload);
      }
    }
  }

  private Path saved() {
    Path d = dir.resolve("saved");
    source.save(d);
    return d;
  }

  @Test
  void craftedManifestsGiveOnlyTypedErrors() throws IOException {
    fuzz(CollectionStore.MANIFEST, CollectionFilesFuzzTest::manifestFields, "collection-manifest-fuzz", new String[] {"artsim.collection.records", "artsim.index.flat", "", "artsim.collectio"});
  }

  @Test
  void craftedRecordsFilesGiveOnlyTypedErrors() throws IOException {
    fuzz(StoreCodec.file("records", 1), CollectionFilesFuzzTest::recordsFields, "collection-records-fuzz", new String[] {"artsim.collection", "artsim.text.tfidf", "", "artsim.collection.record"});
  }

  private void fuzz(String name, java.util.function.Function<byte[], List<Field>> walker, String salt, String[] formats) throws IOException {
    Path d = saved();
    Path file = d.resolve(name);
    byte[] original = Files.readAllBytes(file);
    Container c = Container.of(original);
    List<Field> fields = walker.apply(c.payload());
    int loaded = 0;
    int refused = 0;
    for (long seed : Seeds.stream(salt, 400).toArray()) {
      var r = new SplittableRandom(seed);
      var what = new StringBuilder();
      Container crafted = mutate(r, c, fields, what, formats);
      if (r.nextInt(4) == 0 && crafted.payload().length > 0) {
        byte[] p = crafted.payload().clone();
        int at = r.nextInt(p.length);
        p[at] = (byte) r.nextInt(256);
        crafted = crafted.with(p);
        what.append(", byte ").append(at).append(" rewritten");
      }
      Files.write(file, crafted.bytes());
      String why = Seeds.reproduce(seed) + ": " + name + " " + what;
      if (loadAndExercise(d, why)) {
        loaded++;
      } else {
        refused++;
      }
    }
    Files.write(file, original);
    try (var again = ArtCollection.load(d)) {
      assertThat(again.size()).isEqualTo(source.size());
    }
    assertThat(refused).as("most crafted files are refused").isGreaterThan(150);
    assertThat(loaded).as("some mutations leave a valid file").isGreaterThan(0);
  }

  /** Loads under a timeout; true if the collection loaded (and behaved), false if it was refused with a typed error. */
  private boolean loadAndExercise(Path d, String why) {
    var future =
        worker.submit(
            () -> {
              try (var loaded = ArtCollection.load(d)) {
                exercise(loaded, why);
                return true;
              } catch (ArtsimException expected) {
                assertThat(expected.getMessage()).as(why).isNotBlank();
                return false;
              }
            });
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return fail(why + " did not finish within 20 s");
    } catch (java.util.concurrent.ExecutionException e) {
      return fail(why + " gave " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(why + " was interrupted");
    }
  }

  /** A loaded collection must be consistent and behave: records match the index, search and save work. */
  private void exercise(ArtCollection c, String why) {
    assertThat(c.size()).as(why).isEqualTo(c.index().size());
    for (String id : c.ids()) {
      assertThat(c.record(id).id()).as(why).isEqualTo(id);
      assertThat(c.vector(id)).as(why).hasSize(c.embedderInfo().dimension());
    }
    String first = c.ids().get(0);
    assertThat(c.similarTo(first, 3)).as(why).isNotEmpty();
    c.searchText("portrait", 3, LabelFilter.none());
    c.labelValues("culture");
    c.toString();
    Path again = dir.resolve("again");
    c.save(again);
    try (var reloaded = ArtCollection.load(again)) {
      assertThat(reloaded.size()).as(why).isEqualTo(c.size());
    }
  }

  /** Replaces the string at {@code f} with {@code s}. */
  static byte[] replaceString(byte[] payload, Field f, String s) {
    int old = Math.max(0, ByteBuffer.wrap(payload).getInt(f.offset()));
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    var out = new ByteArrayOutputStream();
    out.write(payload, 0, f.offset());
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
    out.write(payload, f.offset() + 4 + old, payload.length - f.offset() - 4 - old);
    return out.toByteArray();
  }

  @Test
  void everyManifestFieldCraftedInTurnGivesOnlyTypedErrors() throws IOException {
    everyField(CollectionStore.MANIFEST, CollectionFilesFuzzTest::manifestFields, Integer.MAX_VALUE);
  }

  @Test
  void everyFieldOfTheFirstRecordsCraftedInTurnGivesOnlyTypedErrors() throws IOException {
    everyField(StoreCodec.file("records", 1), CollectionFilesFuzzTest::recordsFields, 24);
  }

  /** Each string field replaced by each crafted string, each int field by each crafted number: exhaustive, deterministic. */
  private void everyField(String name, java.util.function.Function<byte[], List<Field>> walker, int limit) throws IOException {
    Path d = saved();
    Path file = d.resolve(name);
    byte[] original = Files.readAllBytes(file);
    Container c = Container.of(original);
    List<Field> fields = walker.apply(c.payload());
    int[] numbers = {-1, -2, 0, 1, 2, 3, 7, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30};
    for (Field f : fields.subList(0, Math.min(limit, fields.size()))) {
      if (f.length()) {
        for (String s : STRINGS) {
          Files.write(file, c.with(replaceString(c.payload(), f, s)).bytes());
          loadAndExercise(d, name + ": string at " + f.offset() + " := '" + s + "'");
        }
      }
      for (int v : numbers) {
        byte[] p = c.payload().clone();
        ByteBuffer.wrap(p).putInt(f.offset(), v);
        Files.write(file, c.with(p).bytes());
        loadAndExercise(d, name + ": int at " + f.offset() + " := " + v);
      }
    }
    Files.write(file, original);
  }

  @Test
  void anImageBaseThatIsNotAValidPathIsRefused() throws IOException {
    // before the fix: InvalidPathException (an IllegalArgumentException) from ArtCollection.load
    Path d = saved();
    Path file = d.resolve(CollectionStore.MANIFEST);
    Container c = Container.of(Files.readAllBytes(file));
    var strings = manifestFields(c.payload()).stream().filter(Field::length).toList();
    // the strings after the embedder info: imageBase, recordsFile, indexFile, indexSeal, textFile, textSeal, the text embedder part, bridgeFile, bridgeSeal
    Field imageBase = strings.get(strings.size() - 9);
    Files.write(file, c.with(replaceString(c.payload(), imageBase, "a\u0000b")).bytes());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArtCollection.load(d))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(file + " is damaged: its image base is not a valid path (Nul character not allowed); restore it from a backup or rebuild it");
  }

  @Test
  void aRecordCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() throws IOException {
    Path d = saved();
    Path file = d.resolve(StoreCodec.file("records", 1));
    Container c = Container.of(Files.readAllBytes(file));
    Field count = recordsFields(c.payload()).get(2);
    byte[] p = c.payload().clone();
    ByteBuffer.wrap(p).putInt(count.offset(), Integer.MAX_VALUE - 3);
    Files.write(file, c.with(p).bytes());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArtCollection.load(d))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("record count 2147483644 is impossible here");
  }
}
