package org.artsim.recommend.likes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.FileFormatException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.RecommendationSession;
import org.artsim.Recommender;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.testing.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, D1 for the likes session file ({@code artsim.session.likes}): files whose container
 * checksum is valid but whose counts, string lengths, ids or payload length were crafted must make
 * {@link Recommender#restoreSession} give a typed artsim error or a session that then behaves,
 * never an unchecked JDK exception, an {@link Error} or a hang. The test walks the layout (kind,
 * likes, shown, history batches; see {@link LikesRecommenderProvider}), mutates the fields it finds
 * and recomputes the CRC-32C of the {@code org.artsim.io} container.
 */
class SessionFileFuzzTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);
  private static final int ITEMS = 40;

  static VectorIndex index;
  static Recommender recommender;
  static ExecutorService worker;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    index = Artsim.index("flat", 8, Metric.COSINE, Map.of());
    var r = new SplittableRandom(Seeds.stream("session-fuzz-index", 1).findFirst().orElseThrow());
    var entries = new ArrayList<VectorEntry>();
    for (int i = 0; i < ITEMS; i++) {
      float[] v = new float[8];
      for (int j = 0; j < v.length; j++) {
        v[j] = (float) r.nextGaussian();
      }
      entries.add(new VectorEntry("item-" + i, v, Labels.of("group", "g" + (i % 3))));
    }
    index.addAll(entries);
    recommender = new LikesRecommenderProvider().create(index, LikesConfig.defaults());
    worker = Executors.newSingleThreadExecutor(t -> {
      var th = new Thread(t, "session-fuzz");
      th.setDaemon(true);
      return th;
    });
  }

  @AfterAll
  static void tearDown() {
    worker.shutdownNow();
    recommender.close();
    index.close();
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

  /** A field: its offset and whether it is a string length (else a count). */
  record Field(int offset, boolean length) {}

  static List<Field> fields(byte[] payload) {
    var b = ByteBuffer.wrap(payload);
    var out = new ArrayList<Field>();
    int[] p = {0};
    string(b, p, out);
    ids(b, p, out);
    ids(b, p, out);
    out.add(new Field(p[0], false));
    int batches = b.getInt(p[0]);
    p[0] += 4;
    for (int i = 0; i < batches; i++) {
      ids(b, p, out);
    }
    assertThat(p[0]).as("the walk covers the payload").isEqualTo(payload.length);
    return out;
  }

  private static void ids(ByteBuffer b, int[] p, List<Field> out) {
    out.add(new Field(p[0], false));
    int n = b.getInt(p[0]);
    p[0] += 4;
    for (int i = 0; i < n; i++) {
      string(b, p, out);
    }
  }

  private static void string(ByteBuffer b, int[] p, List<Field> out) {
    out.add(new Field(p[0], true));
    p[0] += 4 + Math.max(0, b.getInt(p[0]));
  }

  static final String[] STRINGS = {"", " ", "\u0000", "item-999", "item-1", "item-2", "x".repeat(200), "é"};

  private Container saved() throws IOException {
    RecommendationSession s = recommender.newSession();
    s.like("item-1");
    s.like("item-7");
    s.like("item-20");
    s.recommend(3);
    s.markShown(List.of("item-30", "item-31"));
    s.recommend(2);
    Path file = dir.resolve("seed.session");
    s.save(file);
    return Container.of(Files.readAllBytes(file));
  }

  private static Container mutate(SplittableRandom r, Container c, List<Field> fields, StringBuilder what) {
    byte[] payload = c.payload().clone();
    var b = ByteBuffer.wrap(payload);
    switch (r.nextInt(9)) {
      case 0, 1, 2, 3 -> {
        Field f = fields.get(r.nextInt(fields.size()));
        int remaining = payload.length - f.offset() - 4;
        int old = b.getInt(f.offset());
        int[] choices = {-1, -2, 0, 1, old + 1, old - 1, old * 2, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 50_000_000, remaining, remaining / 4, r.nextInt()};
        int v = choices[r.nextInt(choices.length)];
        b.putInt(f.offset(), v);
        what.append(f.length() ? "length" : "count").append(" at ").append(f.offset()).append(" := ").append(v);
        return c.with(payload);
      }
      case 4 -> {
        var strings = fields.stream().filter(Field::length).toList();
        Field f = strings.get(r.nextInt(strings.size()));
        String s = STRINGS[r.nextInt(STRINGS.length)];
        int old = Math.max(0, b.getInt(f.offset()));
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        out.write(payload, 0, f.offset());
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
        out.write(payload, f.offset() + 4 + old, payload.length - f.offset() - 4 - old);
        what.append("string at ").append(f.offset()).append(" := '").append(s.length() > 20 ? s.substring(0, 20) + "..." : s).append("'");
        return c.with(out.toByteArray());
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
        int[] versions = {0, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int v = versions[r.nextInt(versions.length)];
        what.append("version := ").append(v);
        return new Container(c.magic(), c.format(), v, payload);
      }
      default -> {
        String[] formats = {"artsim.session.like", "artsim.index.flat", "", "artsim.collection"};
        String f = formats[r.nextInt(formats.length)];
        what.append("format := '").append(f).append("'");
        return new Container(c.magic(), f, c.version(), payload);
      }
    }
  }

  @Test
  void craftedSessionFilesWithAValidChecksumGiveOnlyTypedErrors() throws IOException {
    Container c = saved();
    List<Field> fields = fields(c.payload());
    int restored = 0;
    int refused = 0;
    for (long seed : Seeds.stream("likes-session-fuzz", 600).toArray()) {
      var r = new SplittableRandom(seed);
      var what = new StringBuilder();
      Container crafted = mutate(r, c, fields, what);
      if (r.nextInt(4) == 0 && crafted.payload().length > 0) {
        byte[] p = crafted.payload().clone();
        int at = r.nextInt(p.length);
        p[at] = (byte) r.nextInt(256);
        crafted = crafted.with(p);
        what.append(", byte ").append(at).append(" rewritten");
      }
      Path file = dir.resolve("crafted.session");
      Files.write(file, crafted.bytes());
      if (restoreAndExercise(file, Seeds.reproduce(seed) + ": " + what)) {
        restored++;
      } else {
        refused++;
      }
    }
    assertThat(refused).as("most crafted files are refused").isGreaterThan(250);
    assertThat(restored).as("some mutations leave a valid file").isGreaterThan(0);
  }

  private boolean restoreAndExercise(Path file, String why) {
    var future =
        worker.submit(
            () -> {
              try {
                RecommendationSession s = recommender.restoreSession(file);
                exercise(s, why);
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

  /** A restored session must behave: its likes are items of the index, it recommends unseen items, and it saves and restores again. */
  private void exercise(RecommendationSession s, String why) {
    assertThat(s.likes()).as(why).allSatisfy(id -> assertThat(index.contains(id)).isTrue());
    assertThat(s.shown()).as(why).doesNotContainNull();
    assertThat(s.history()).as(why).allSatisfy(b -> assertThat(b).doesNotContainNull());
    var seen = new java.util.HashSet<>(s.shown());
    var rec = s.recommend(3);
    assertThat(rec.hits()).as(why).allSatisfy(h -> assertThat(seen).doesNotContain(h.id()));
    assertThat(rec.hits()).as(why).allSatisfy(h -> assertThat(s.likes()).doesNotContain(h.id()));
    Path again = dir.resolve("again.session");
    s.save(again);
    var back = recommender.restoreSession(again);
    assertThat(back.likes()).as(why).isEqualTo(s.likes());
    assertThat(back.shown()).as(why).isEqualTo(s.shown());
    assertThat(back.history()).as(why).isEqualTo(s.history());
  }

  @Test
  void aCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() throws IOException {
    Container c = saved();
    byte[] p = c.payload().clone();
    Field likes = fields(p).get(1);
    ByteBuffer.wrap(p).putInt(likes.offset(), 40_000_000);
    Path file = dir.resolve("huge.session");
    Files.write(file, c.with(p).bytes());
    assertThatThrownBy(() -> recommender.restoreSession(file))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("liked id count 40000000 is impossible here");
  }
}
