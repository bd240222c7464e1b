package org.artsim.text.tfidf;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.FileFormatException;
import org.artsim.LabelFilter;
import org.artsim.Labels;
import org.artsim.TextDocument;
import org.artsim.TextIndex;
import org.artsim.testing.Seeds;
import org.artsim.text.TfidfConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D1 for format {@code artsim.text.tfidf}: files whose checksum is valid but whose header fields,
 * counts, lengths, references, numbers or payload length were crafted must give a typed artsim
 * error (or load into an index that then behaves), never an unchecked JDK exception, an {@link
 * Error} or a silently broken index. The test knows the layout (see {@link TfidfIndexProvider}),
 * mutates the fields it finds, and recomputes the CRC-32C the {@code org.artsim.io} container
 * checks, so every case reaches the payload reader.
 */
class TfidfFileFuzzTest {
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;

  /** A field of the payload: its offset and kind. */
  private record Field(int offset, Kind kind) {}

  private enum Kind {
    COUNT,
    LENGTH,
    REFERENCE,
    DOUBLE,
    BOOLEAN
  }

  /** A saved file split into the container's parts. */
  private record Container(byte[] magic, String format, int version, byte[] payload) {
    static Container of(byte[] file) {
      var b = ByteBuffer.wrap(file);
      byte[] magic = Arrays.copyOf(file, 8);
      int len = b.getInt(8);
      String format = new String(file, 12, len, StandardCharsets.UTF_8);
      int version = b.getInt(12 + len);
      int start = 16 + len;
      return new Container(magic, format, version, Arrays.copyOfRange(file, start, file.length - 12));
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
      byte[] body = out.toByteArray();
      crc.update(body);
      out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
      out.writeBytes(END);
      return out.toByteArray();
    }
  }

  /** The fields of a payload, found by walking its layout. */
  private static List<Field> fields(byte[] payload) {
    var b = ByteBuffer.wrap(payload);
    var out = new ArrayList<Field>();
    int[] p = {0};
    int settings = count(b, p, out);
    for (int i = 0; i < settings; i++) {
      string(b, p, out);
      string(b, p, out);
    }
    int terms = count(b, p, out);
    for (int i = 0; i < terms; i++) {
      string(b, p, out);
    }
    int docs = count(b, p, out);
    for (int d = 0; d < docs; d++) {
      string(b, p, out);
      int labels = count(b, p, out);
      for (int i = 0; i < 2 * labels; i++) {
        string(b, p, out);
      }
      int n = count(b, p, out);
      for (int j = 0; j < n; j++) {
        out.add(new Field(p[0], Kind.REFERENCE));
        p[0] += 4;
      }
      for (int j = 0; j < 2 * n; j++) {
        out.add(new Field(p[0], Kind.DOUBLE));
        p[0] += 8;
      }
    }
    out.add(new Field(p[0], Kind.BOOLEAN));
    p[0] += 1;
    int vocab = count(b, p, out);
    for (int c = 0; c < vocab; c++) {
      string(b, p, out);
      out.add(new Field(p[0], Kind.DOUBLE));
      p[0] += 8;
    }
    assertThat(p[0]).as("the walk covers the payload").isEqualTo(payload.length);
    return out;
  }

  private static int count(ByteBuffer b, int[] p, List<Field> out) {
    out.add(new Field(p[0], Kind.COUNT));
    int n = b.getInt(p[0]);
    p[0] += 4;
    return n;
  }

  private static void string(ByteBuffer b, int[] p, List<Field> out) {
    out.add(new Field(p[0], Kind.LENGTH));
    int n = b.getInt(p[0]);
    p[0] += 4 + Math.max(n, 0);
  }

  private static final double[] DOUBLES = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, -1.0, 1e300, Double.MIN_VALUE, 1e19, Double.MAX_VALUE
  };

  private static int craftedInt(SplittableRandom r, int old, int remaining) {
    int[] choices = {
      -1, -2, 0, 1, old + 1, old - 1, old * 2, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, 1 << 24, 0x7fff0000, remaining,
      remaining / 4, remaining / 8, remaining / 12, remaining / 20, r.nextInt()
    };
    return choices[r.nextInt(choices.length)];
  }

  /** Applies one mutation; returns what it did (for the failure message). */
  private static String mutate(SplittableRandom r, Container c, List<Field> fields, List<Container> out) {
    byte[] payload = c.payload().clone();
    var b = ByteBuffer.wrap(payload);
    int kind = r.nextInt(10);
    switch (kind) {
      case 0, 1, 2 -> {
        var ints = fields.stream().filter(f -> f.kind() != Kind.DOUBLE && f.kind() != Kind.BOOLEAN).toList();
        Field f = ints.get(r.nextInt(ints.size()));
        int v = craftedInt(r, b.getInt(f.offset()), payload.length - f.offset() - 4);
        b.putInt(f.offset(), v);
        out.add(new Container(c.magic(), c.format(), c.version(), payload));
        return f.kind() + " at " + f.offset() + " := " + v;
      }
      case 3 -> {
        var doubles = fields.stream().filter(f -> f.kind() == Kind.DOUBLE).toList();
        Field f = doubles.get(r.nextInt(doubles.size()));
        double v = DOUBLES[r.nextInt(DOUBLES.length)];
        b.putDouble(f.offset(), v);
        out.add(new Container(c.magic(), c.format(), c.version(), payload));
        return "double at " + f.offset() + " := " + v;
      }
      case 4 -> {
        Field f = fields.stream().filter(x -> x.kind() == Kind.BOOLEAN).findFirst().orElseThrow();
        byte v = (byte) (2 + r.nextInt(250));
        payload[f.offset()] = v;
        out.add(new Container(c.magic(), c.format(), c.version(), payload));
        return "boolean := " + v;
      }
      case 5 -> {
        int at = r.nextInt(payload.length);
        payload[at] ^= (byte) (1 << r.nextInt(8));
        out.add(new Container(c.magic(), c.format(), c.version(), payload));
        return "bit flip at " + at;
      }
      case 6 -> {
        int cut = r.nextInt(payload.length);
        out.add(new Container(c.magic(), c.format(), c.version(), Arrays.copyOf(payload, cut)));
        return "payload cut to " + cut;
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
        out.add(new Container(c.magic(), c.format(), c.version(), grown));
        return extra.length + " bytes inserted at " + at;
      }
      case 8 -> {
        int[] versions = {0, -1, 2, 99, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int v = versions[r.nextInt(versions.length)];
        out.add(new Container(c.magic(), c.format(), v, payload));
        return "version := " + v;
      }
      default -> {
        String[] formats = {"artsim.text.tfidx", "artsim.index.flat", "", "artsim.text.tfidf\u0000"};
        String f = formats[r.nextInt(formats.length)];
        out.add(new Container(c.magic(), f, c.version(), payload));
        return "format := '" + f + "'";
      }
    }
  }

  private static Map<String, TextDocument> corpus() {
    var m = new LinkedHashMap<String, TextDocument>();
    m.put("p1", TextDocument.of("title", "Still Life with a Guitar", "artist", "Pablo Picasso").withLabels(Labels.of("culture", "spanish")));
    m.put("b1", TextDocument.of("title", "Violin and Candlestick", "artist", "Georges Braque").withLabels(Labels.of("culture", "french", "medium", "oil")));
    m.put("v1", TextDocument.of("title", "Vase", "culture", "Chinese", "period", "Qing dynasty"));
    m.put("v2", TextDocument.of("title", "Ancient vase with dragons, 1613").withLabels(Labels.of("culture", "chinese")));
    m.put("c1", TextDocument.of("title", "胡正言 十竹齋書畫譜", "medium", "woodblock print"));
    return m;
  }

  private byte[] saved(TfidfConfig config, boolean fixed) throws IOException {
    var index = new TfidfTextIndex(config);
    index.addAll(corpus());
    if (fixed) {
      index.useVocabulary(new String[] {"vase", "picasso", "still life"}, new double[] {1.5, 2.0, 2.5});
    }
    Path file = dir.resolve("seed.artsim");
    index.save(file);
    return Files.readAllBytes(file);
  }

  @Test
  void craftedFilesWithAValidChecksumGiveOnlyTypedErrors() throws IOException {
    TfidfConfig[] configs = {
      TfidfConfig.defaults(), TfidfConfig.reference().withFieldWeights(Map.of("title", 3.0)), TfidfConfig.sklearnDefaults().withNgramRange(1, 3)
    };
    var originals = new ArrayList<Container>();
    for (int i = 0; i < configs.length; i++) {
      originals.add(Container.of(saved(configs[i], i == 1)));
    }
    var layouts = originals.stream().map(c -> fields(c.payload())).toList();
    int loaded = 0;
    int refused = 0;
    for (long seed : Seeds.stream("tfidf-file-fuzz", 1000).toArray()) {
      var r = new SplittableRandom(seed);
      int which = r.nextInt(originals.size());
      var made = new ArrayList<Container>();
      String what = mutate(r, originals.get(which), layouts.get(which), made);
      Container crafted = made.get(0);
      if (r.nextInt(4) == 0) {
        // a second mutation on a payload whose layout no longer matches the walk: byte-level only
        var again = new ArrayList<Container>();
        int at = r.nextInt(Math.max(1, crafted.payload().length));
        byte[] p = crafted.payload().clone();
        if (p.length > 0) {
          p[at] = (byte) r.nextInt(256);
        }
        again.add(new Container(crafted.magic(), crafted.format(), crafted.version(), p));
        crafted = again.get(0);
        what += ", byte " + at + " rewritten";
      }
      Path file = dir.resolve("crafted.artsim");
      Files.write(file, crafted.bytes());
      String why = Seeds.reproduce(seed) + ": " + what;
      try {
        TextIndex index = new TfidfIndexProvider().load(file);
        exercise(index, why);
        loaded++;
      } catch (ArtsimException expected) {
        assertThat(expected.getMessage()).as(why).isNotBlank();
        refused++;
      } catch (Throwable t) {
        fail(why + " gave " + t, t);
      }
    }
    assertThat(refused).as("most crafted files are refused").isGreaterThan(300);
    assertThat(loaded).as("some mutations leave a valid file").isGreaterThan(0);
  }

  /** A loaded index must behave: search, filter, change, save and load again without an unchecked exception. */
  private void exercise(TextIndex index, String why) {
    for (String q : List.of("vase", "picasso guitar", "1613", "woodblock print", "qwzx")) {
      var result = index.search(q, 3);
      assertThat(result.hits()).as(why).allSatisfy(h -> assertThat(Float.isFinite(h.score())).as(why + " score of " + h).isTrue());
    }
    try {
      index.search("vase", 3, LabelFilter.anyOf("culture", "chinese"));
    } catch (org.artsim.InvalidArgumentException e) {
      assertThat(e.getMessage()).as(why).startsWith("no document has label field 'culture'");
    }
    index.put("new", TextDocument.of("title", "vase guitar"));
    assertThat(index.search("vase guitar", 10).hits()).as(why).allSatisfy(h -> assertThat(Float.isFinite(h.score())).isTrue());
    Path again = dir.resolve("again.artsim");
    index.save(again);
    assertThat(new TfidfIndexProvider().load(again).size()).as(why).isEqualTo(index.size());
  }

  @Test
  void aCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() throws IOException {
    Container c = Container.of(saved(TfidfConfig.defaults(), false));
    var layout = fields(c.payload());
    Field terms = layout.stream().filter(f -> f.kind() == Kind.COUNT).skip(1).findFirst().orElseThrow();
    byte[] payload = c.payload().clone();
    ByteBuffer.wrap(payload).putInt(terms.offset(), Integer.MAX_VALUE - 16);
    Path file = dir.resolve("huge-count.artsim");
    Files.write(file, new Container(c.magic(), c.format(), c.version(), payload).bytes());
    assertThatThrownBy(() -> new TfidfIndexProvider().load(file))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("term count 2147483631 is impossible here");
  }

  @Test
  void aTermFrequencyThatIsNotFiniteIsRefused() throws IOException {
    Container c = Container.of(saved(TfidfConfig.defaults(), false));
    Field tf = fields(c.payload()).stream().filter(f -> f.kind() == Kind.DOUBLE).findFirst().orElseThrow();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0.0, -2.0, 1e19}) {
      byte[] payload = c.payload().clone();
      ByteBuffer.wrap(payload).putDouble(tf.offset(), bad);
      Path file = dir.resolve("tf.artsim");
      Files.write(file, new Container(c.magic(), c.format(), c.version(), payload).bytes());
      assertThatThrownBy(() -> new TfidfIndexProvider().load(file))
          .as("tf %s", bad)
          .isInstanceOf(FileFormatException.class)
          .hasMessageContaining("has a term frequency " + bad + " outside (0, 1.0E18]");
    }
  }
}
