package org.artsim.collection.ingest;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.Fixtures;
import org.artsim.collection.sample.SampleCatalogue;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, D1 for the ingestion checkpoint ({@code artsim.collection.checkpoint} and {@code
 * artsim.collection.chunk}): a chunk or checkpoint file whose container checksum is valid but whose
 * counts, ids, flags, lengths or vectors were crafted must, when an ingestion resumes from it, be
 * used only if it holds exactly the batch's ids with finite vectors of the embedder's dimension;
 * otherwise it is embedded again or refused with a typed error. Never an unchecked JDK exception, an
 * {@link Error}, a hang, or a non-finite or wrongly sized vector in the collection.
 */
class CheckpointFileFuzzTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);
  private static final int ROWS = 10;
  private static final int BATCH = 4;

  @TempDir static Path data;
  static Path csv;
  static Path saved;
  static Map<String, float[]> reference = new HashMap<>();
  static ExecutorService worker;

  @BeforeAll
  static void setUp() {
    csv = SampleCatalogue.write(data.resolve("cat"), ROWS, 5);
    saved = data.resolve("saved-ckpt");
    try (var c = ArtCollection.create(Fixtures.fakes())) {
      var report = c.ingest(csv, options(saved));
      assertThat(report.added()).isEqualTo(ROWS);
      for (String id : c.ids()) {
        reference.put(id, c.vector(id));
      }
    }
    worker = Executors.newSingleThreadExecutor(r -> {
      var t = new Thread(r, "checkpoint-fuzz");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void tearDown() {
    worker.shutdownNow();
  }

  static IngestOptions options(Path dir) {
    return IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir).withBatchSize(BATCH).withKeepCheckpoint(true);
  }

  record Container(byte[] magic, String format, int version, byte[] payload) {
    static Container of(byte[] file) {
      var b = ByteBuffer.wrap(file);
      int len = b.getInt(8);
      String format = new String(file, 12, len, StandardCharsets.UTF_8);
      return new Container(Arrays.copyOf(file, 8), format, b.getInt(12 + len), Arrays.copyOfRange(file, 16 + len, file.length - 12));
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

  private enum Kind {
    INT,
    BOOLEAN,
    FLOAT
  }

  private record Field(int offset, Kind kind) {}

  /** The fields of a chunk payload: count, then per row id:string ok:boolean (dim:int float{dim} | message:string). */
  private static List<Field> chunkFields(byte[] payload) {
    var b = ByteBuffer.wrap(payload);
    var out = new ArrayList<Field>();
    int p = 0;
    out.add(new Field(p, Kind.INT));
    int n = b.getInt(p);
    p += 4;
    for (int i = 0; i < n; i++) {
      out.add(new Field(p, Kind.INT));
      p += 4 + Math.max(0, b.getInt(p));
      out.add(new Field(p, Kind.BOOLEAN));
      boolean ok = payload[p] == 1;
      p += 1;
      out.add(new Field(p, Kind.INT));
      int len = b.getInt(p);
      p += 4;
      if (ok) {
        for (int j = 0; j < len; j++) {
          out.add(new Field(p, Kind.FLOAT));
          p += 4;
        }
      } else {
        p += Math.max(0, len);
      }
    }
    assertThat(p).as("the walk covers the payload").isEqualTo(payload.length);
    return out;
  }

  private static final float[] FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -0.0f, 0f};

  private static Container mutate(SplittableRandom r, Container c, List<Field> fields, StringBuilder what) {
    byte[] payload = c.payload().clone();
    var b = ByteBuffer.wrap(payload);
    Field f = fields.get(r.nextInt(fields.size()));
    switch (r.nextInt(8)) {
      case 0, 1, 2 -> {
        var ints = fields.stream().filter(x -> x.kind() == Kind.INT).toList();
        Field g = ints.get(r.nextInt(ints.size()));
        int remaining = payload.length - g.offset() - 4;
        int old = b.getInt(g.offset());
        int[] choices = {-1, -2, 0, 1, old + 1, old - 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20, (1 << 20) + 1, remaining, remaining / 4, r.nextInt()};
        int v = choices[r.nextInt(choices.length)];
        b.putInt(g.offset(), v);
        what.append("int at ").append(g.offset()).append(" := ").append(v);
        return c.with(payload);
      }
      case 3 -> {
        var floats = fields.stream().filter(x -> x.kind() == Kind.FLOAT).toList();
        if (floats.isEmpty()) {
          what.append("unchanged");
          return c;
        }
        Field g = floats.get(r.nextInt(floats.size()));
        float v = FLOATS[r.nextInt(FLOATS.length)];
        b.putFloat(g.offset(), v);
        what.append("float at ").append(g.offset()).append(" := ").append(v);
        return c.with(payload);
      }
      case 4 -> {
        var flags = fields.stream().filter(x -> x.kind() == Kind.BOOLEAN).toList();
        Field g = flags.get(r.nextInt(flags.size()));
        byte v = (byte) r.nextInt(256);
        payload[g.offset()] = v;
        what.append("boolean at ").append(g.offset()).append(" := ").append(v);
        return c.with(payload);
      }
      case 5 -> {
        int cut = r.nextInt(payload.length);
        what.append("payload cut to ").append(cut);
        return c.with(Arrays.copyOf(payload, cut));
      }
      case 6 -> {
        int at = f.offset();
        payload[at] ^= (byte) (1 << r.nextInt(8));
        what.append("bit flip at ").append(at);
        return c.with(payload);
      }
      default -> {
        int[] versions = {0, -1, 2, Integer.MAX_VALUE};
        int v = versions[r.nextInt(versions.length)];
        what.append("version := ").append(v);
        return new Container(c.magic(), c.format(), v, payload);
      }
    }
  }

  @Test
  void craftedChunksWithAValidChecksumAreUsedOnlyWhenSound() throws IOException {
    var chunks = new ArrayList<Path>();
    try (var s = Files.list(saved)) {
      s.filter(p -> p.getFileName().toString().startsWith("chunk-")).sorted().forEach(chunks::add);
    }
    assertThat(chunks).hasSize((ROWS + BATCH - 1) / BATCH);
    int refused = 0;
    int ingested = 0;
    for (long seed : Seeds.stream("checkpoint-chunk-fuzz", 300).toArray()) {
      var r = new SplittableRandom(seed);
      Path dir = data.resolve("run");
      copy(saved, dir);
      Path chunk = dir.resolve(chunks.get(r.nextInt(chunks.size())).getFileName());
      Container c = Container.of(Files.readAllBytes(chunk));
      var what = new StringBuilder(chunk.getFileName() + ": ");
      Container crafted = mutate(r, c, chunkFields(c.payload()), what);
      Files.write(chunk, crafted.bytes());
      if (resume(dir, Seeds.reproduce(seed) + ": " + what)) {
        ingested++;
      } else {
        refused++;
      }
    }
    assertThat(ingested).as("a damaged chunk is embedded again").isGreaterThan(250);
    assertThat(refused + ingested).isEqualTo(300);
  }

  @Test
  void craftedCheckpointFilesStartOverOrAreRefused() throws IOException {
    Container c = Container.of(Files.readAllBytes(saved.resolve(Checkpoint.FILE)));
    int refused = 0;
    for (long seed : Seeds.stream("checkpoint-file-fuzz", 100).toArray()) {
      var r = new SplittableRandom(seed);
      Path dir = data.resolve("run");
      copy(saved, dir);
      byte[] p = c.payload().clone();
      String what;
      int v;
      switch (r.nextInt(3)) {
        case 0 -> {
          int[] choices = {-1, -2, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, p.length, p.length - 3, r.nextInt()};
          v = choices[r.nextInt(choices.length)];
          ByteBuffer.wrap(p).putInt(0, v);
          what = "fingerprint length := " + v;
        }
        case 1 -> {
          v = r.nextInt(p.length);
          p = Arrays.copyOf(p, v);
          what = "payload cut to " + v;
        }
        default -> {
          v = 4 + r.nextInt(p.length - 4);
          p[v] = (byte) r.nextInt(256);
          what = "fingerprint byte " + v + " rewritten";
        }
      }
      Files.write(dir.resolve(Checkpoint.FILE), c.with(p).bytes());
      if (!resume(dir, Seeds.reproduce(seed) + ": " + what)) {
        refused++;
      }
    }
    assertThat(refused).as("a changed fingerprint is refused").isPositive();
  }

  /** A chunk crafted by {@code craft}, resumed from: its batch must be embedded again, giving the reference vectors. */
  private static void reembedded(java.util.function.UnaryOperator<byte[]> craft, String why) throws IOException {
    Path dir = data.resolve("run");
    copy(saved, dir);
    Path chunk = dir.resolve("chunk-000000.artsim");
    Container c = Container.of(Files.readAllBytes(chunk));
    Files.write(chunk, c.with(craft.apply(c.payload().clone())).bytes());
    try (var art = ArtCollection.create(Fixtures.fakes())) {
      var report = art.ingest(csv, options(dir));
      assertThat(report.added()).as(why).isEqualTo(ROWS);
      assertThat(report.resumed()).as(why).isEqualTo(ROWS - BATCH);
      for (String id : reference.keySet()) {
        assertThat(art.vector(id)).as(why + " " + id).isEqualTo(reference.get(id));
      }
    }
  }

  @Test
  void aChunkWhoseIdIsNullIsEmbeddedAgain() throws IOException {
    // before the fix: NullPointerException from Checkpoint.read
    reembedded(p -> ByteBuffer.wrap(p).putInt(4, -1).array(), "null id");
  }

  @Test
  void aChunkHoldingANonFiniteVectorIsEmbeddedAgain() throws IOException {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      reembedded(
          p -> {
            var f = chunkFields(p).stream().filter(x -> x.kind() == Kind.FLOAT).findFirst().orElseThrow();
            return ByteBuffer.wrap(p).putFloat(f.offset(), bad).array();
          },
          "vector value " + bad);
    }
  }

  @Test
  void aChunkHoldingAVectorOfAnotherDimensionIsEmbeddedAgain() throws IOException {
    reembedded(
        p -> {
          var fields = chunkFields(p);
          int dimAt = fields.get(3).offset();
          int dim = ByteBuffer.wrap(p).getInt(dimAt);
          int rows = ByteBuffer.wrap(p).getInt(0);
          // one float less in every row, with each row's count saying so: a well-formed chunk of another dimension
          var out = new ByteArrayOutputStream();
          out.writeBytes(ByteBuffer.allocate(4).putInt(rows).array());
          var b = ByteBuffer.wrap(p);
          int at = 4;
          for (int i = 0; i < rows; i++) {
            int idLen = b.getInt(at);
            out.write(p, at, 4 + idLen + 1);
            at += 4 + idLen + 1;
            int n = b.getInt(at);
            out.writeBytes(ByteBuffer.allocate(4).putInt(n - 1).array());
            out.write(p, at + 4, 4 * (n - 1));
            at += 4 + 4 * n;
          }
          assertThat(dim).isGreaterThan(1);
          return out.toByteArray();
        },
        "dimension minus one");
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      try (var s = Files.list(to)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(to);
    try (var s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }

  /** Resumes an ingestion from {@code dir} under a timeout; true if it ingested (soundly), false if refused with a typed error. */
  private static boolean resume(Path dir, String why) {
    var future =
        worker.submit(
            () -> {
              try (var c = ArtCollection.create(Fixtures.fakes())) {
                var report = c.ingest(csv, options(dir));
                assertThat(report.added() + report.problems().size()).as(why).isEqualTo(ROWS);
                for (String id : c.ids()) {
                  float[] v = c.vector(id);
                  assertThat(v).as(why + " " + id).hasSameSizeAs(reference.get(id));
                  for (float x : v) {
                    assertThat(Float.isFinite(x)).as(why + " " + id + " finite").isTrue();
                  }
                }
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
}
