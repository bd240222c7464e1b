package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.artsim.FileFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JSON documents of records, streamed one record at a time: hostile documents are reported, bounded, never a crash. */
class JsonDocumentTest {
  @TempDir Path dir;

  private static List<JsonLines.Line> records(String json, int maxBytes) throws IOException {
    return records(json.getBytes(StandardCharsets.UTF_8), maxBytes);
  }

  private static List<JsonLines.Line> records(byte[] json, int maxBytes) throws IOException {
    var r = new JsonLines.DocumentReader(new ByteArrayInputStream(json), List.of("records"), maxBytes);
    var out = new ArrayList<JsonLines.Line>();
    for (JsonLines.Line l = r.next(); l != null; l = r.next()) {
      out.add(l);
    }
    return out;
  }

  @Test
  void recordsAreStreamedFromTheArrayUnderTheirKeyAndOtherKeysAreSkipped() throws IOException {
    var lines = records("{\"info\":{\"a\":[1,{\"b\":2}]},\"records\":[{\"id\":\"1\"},{\"id\":\"2\",\"n\":{\"x\":[\"y\"]}}],\"after\":true}", 1024);
    assertThat(lines).extracting(JsonLines.Line::line, l -> l.object().get("id")).containsExactly(tuple(1L, "1"), tuple(2L, "2"));
    assertThat(lines.get(1).object().get("n")).isEqualTo(Map.of("x", List.of("y")));
  }

  @Test
  void aTopLevelArrayOrASingleObjectAreRecordsToo() throws IOException {
    assertThat(records("[{\"id\":\"a\"},{\"id\":\"b\"}]", 1024)).extracting(l -> l.object().get("id")).containsExactly("a", "b");
    assertThat(records("{\"id\":\"only\",\"type\":\"HumanMadeObject\"}", 1024)).extracting(l -> l.object().get("id")).containsExactly("only");
    assertThat(records("", 1024)).isEmpty();
    assertThat(records("[]", 1024)).isEmpty();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void deepNestingEndsTheDocumentWithOneReportedRowAndNoStackOverflow() throws IOException {
    String deep = "[".repeat(100_000);
    var lines = records("{\"records\":[{\"id\":\"ok\"},{\"id\":\"deep\",\"x\":" + deep + "}]}", 1 << 20);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).object().get("id")).isEqualTo("ok");
    assertThat(lines.get(1).object()).isNull();
    assertThat(lines.get(1).problem()).startsWith("the JSON document is malformed at line 1, column ").contains("nesting depth").endsWith("; records after this point were not read");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aHugeStringIsRefusedByTheParserWithoutBeingKept() throws IOException {
    var lines = records("[{\"id\":\"big\",\"title\":\"" + "x".repeat(3 << 20) + "\"},{\"id\":\"after\"}]", 1 << 20);
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.tooLong()).isTrue();
      assertThat(l.problem()).contains("String value length");
    });
  }

  @Test
  void aRecordOverTheByteLimitIsSkippedAndTheNextOneRead() throws IOException {
    String many = "[\"" + "y".repeat(1000) + "\"" + (",\"" + "y".repeat(1000) + "\"").repeat(3000) + "]";
    var lines = records("{\"records\":[{\"id\":\"fat\",\"list\":" + many + ",\"more\":{\"a\":[1,2,{\"b\":[]}]}},{\"id\":\"next\"}]}", 1 << 20);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).tooLong()).isTrue();
    assertThat(lines.get(0).problem()).isEqualTo("record 1 is longer than 1048576 bytes of text; it was skipped without being kept (shorten it, or raise IngestOptions.maxRowBytes)");
    assertThat(lines.get(1).object()).containsEntry("id", "next");
  }

  @Test
  void aTruncatedDocumentKeepsTheRecordsBeforeTheBreak() throws IOException {
    var lines = records("{\"records\":[{\"id\":\"1\"},{\"id\":\"2\",\"t", 1024);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).object()).containsEntry("id", "1");
    assertThat(lines.get(1).problem()).startsWith("the JSON document is malformed at line 1");
  }

  @Test
  void notUtf8AndScalarsAreReported() throws IOException {
    var bad = records(new byte[] {'[', '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'}, 1024);
    assertThat(bad).singleElement().satisfies(l -> assertThat(l.encoding()).isTrue());
    assertThat(records("42", 1024)).singleElement().satisfies(l -> assertThat(l.problem()).isEqualTo("the JSON document is neither an object nor an array of records"));
    assertThat(records("[1,{\"id\":\"x\"}]", 1024)).extracting(JsonLines.Line::problem).containsExactly("record 1 is a JSON number, not an object; it was skipped", null);
  }

  @Test
  void parseObjectReadsOneObjectAndRefusesTheRestWithTheirReason() {
    assertThat(JsonLines.parseObject("{\"a\":[\"1\",{\"b\":null}]}".getBytes(StandardCharsets.UTF_8), "x"))
        .containsEntry("a", java.util.Arrays.asList("1", java.util.Collections.singletonMap("b", null)));
    assertThatThrownBy(() -> JsonLines.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "info.json"))
        .isInstanceOf(FileFormatException.class)
        .hasMessage("info.json is not a JSON object (it starts with START_ARRAY); expected {...}");
    assertThatThrownBy(() -> JsonLines.parseObject(new byte[0], "info.json")).isInstanceOf(FileFormatException.class).hasMessage("info.json is empty; expected {...}");
    assertThatThrownBy(() -> JsonLines.parseObject("{} {}".getBytes(StandardCharsets.UTF_8), "info.json"))
        .isInstanceOf(FileFormatException.class)
        .hasMessage("info.json holds more than one JSON value; expected one object");
    assertThatThrownBy(() -> JsonLines.parseObject("<html>".getBytes(StandardCharsets.UTF_8), "info.json"))
        .isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith("info.json is not valid JSON: Unexpected character ('<'");
    assertThatThrownBy(() -> JsonLines.parseObject(("{\"a\":" + "[".repeat(65) + "]".repeat(65) + "}").getBytes(StandardCharsets.UTF_8), "info.json"))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("nesting depth");
  }

  /** Property: whatever bytes a document holds, every record read is an object or a reported problem, and reading ends. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void mutatedDocumentsNeverFailTheReader() throws IOException {
    byte[] base = ("{\"info\":{\"n\":3},\"records\":[{\"id\":\"1\",\"title\":[\"a\",{\"b\":\"c\"}],\"people\":[{\"name\":\"x\"}]},"
        + "{\"id\":\"2\",\"primaryimageurl\":\"https://x.org/2.jpg\"},[1,2],{\"id\":\"3\"}]}").getBytes(StandardCharsets.UTF_8);
    for (int seed = 0; seed < 3000; seed++) {
      var rnd = new Random(seed);
      byte[] b = base.clone();
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(b.length);
        b[at] = switch (rnd.nextInt(4)) {
          case 0 -> (byte) rnd.nextInt(256);
          case 1 -> (byte) "{}[],:\"".charAt(rnd.nextInt(7));
          case 2 -> (byte) ' ';
          default -> b[rnd.nextInt(b.length)];
        };
      }
      byte[] cut = rnd.nextInt(4) == 0 ? java.util.Arrays.copyOf(b, rnd.nextInt(b.length)) : b;
      for (JsonLines.Line l : records(cut, 1024)) {
        assertThat(l.object() == null).as("seed %d: a line has an object or a problem, not both", seed).isEqualTo(l.problem() != null);
      }
    }
  }

  @Test
  void aMalformedDocumentIsOneReportedRowOfTheCatalogue() throws IOException {
    Path json = dir.resolve("bad.json");
    Files.writeString(json, "{\"records\":[{\"id\":\"1\",\"primaryimageurl\":\"a.png\"},{\"id\":");
    var problems = new ArrayList<RowProblem>();
    var ids = new ArrayList<String>();
    int rows = CatalogueReader.read(json, IngestOptions.of(org.artsim.collection.museum.MuseumFormat.HARVARD), new CatalogueReader.Sink() {
      @Override
      public void candidate(Candidate c) {
        ids.add(c.record().id());
      }

      @Override
      public void problem(RowProblem p) {
        problems.add(p);
      }
    });
    assertThat(rows).isEqualTo(2);
    assertThat(ids).containsExactly("1");
    assertThat(problems).extracting(RowProblem::line, RowProblem::kind).containsExactly(tuple(2L, RowProblem.Kind.MALFORMED_ROW));
  }
}
