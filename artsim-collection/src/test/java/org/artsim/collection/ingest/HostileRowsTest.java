package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.Fixtures;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, D4 and D8 for catalogue rows: hostile rows become reported row problems, never a crash,
 * a hang or a read of something that is not an image file.
 */
class HostileRowsTest {
  @TempDir Path dir;

  private static String id(int i) {
    return "h" + i;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void hostileRowsAreReportedAndTheGoodRowsStillAdded() throws Exception {
    SampleCatalogue.write(dir, 2, 1);
    Path fifo = dir.resolve("pipe.png");
    boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    var lines = new ArrayList<String>();
    lines.add("id,title,culture,classification,image");
    lines.add("good,Vase,japanese,ceramics,images/w-0000.png");
    lines.add("jar,Vase,japanese,ceramics,jar:https://example.org/a.jar!/x.png");
    lines.add("zero,Vase,japanese,ceramics,/dev/zero");
    lines.add("proc,Vase,japanese,ceramics,/proc/self/status");
    lines.add("ctl,Va\u0001se,japanese,ceramics,images/w-0001.png");
    lines.add("long," + "x".repeat(70_000) + ",japanese,ceramics,images/w-0001.png");
    lines.add("fifo,Vase,japanese,ceramics," + fifo);
    lines.add("dir,Vase,japanese,ceramics,images");
    lines.add("good2,Bowl,dutch,ceramics,images/w-0001.png");
    Path csv = dir.resolve("hostile.csv");
    Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    try (var art = ArtCollection.create(Fixtures.fakes())) {
      var r = art.ingest(csv, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")).withMaxRowBytes(1 << 20));
      assertThat(art.ids()).containsExactly("good", "good2");
      assertThat(r.rows()).isEqualTo(r.added() + r.problems().size());
      assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(3L, RowProblem.Kind.BAD_URL),
              org.assertj.core.groups.Tuple.tuple(4L, RowProblem.Kind.BAD_FILE),
              org.assertj.core.groups.Tuple.tuple(5L, RowProblem.Kind.BAD_FILE),
              org.assertj.core.groups.Tuple.tuple(6L, RowProblem.Kind.BAD_CHARACTER),
              org.assertj.core.groups.Tuple.tuple(7L, RowProblem.Kind.TOO_LONG),
              org.assertj.core.groups.Tuple.tuple(8L, haveFifo ? RowProblem.Kind.BAD_FILE : RowProblem.Kind.UNREADABLE_IMAGE),
              org.assertj.core.groups.Tuple.tuple(9L, RowProblem.Kind.BAD_FILE));
      assertThat(r.problems().get(0).message()).isEqualTo("record 'jar' has an image URL with the unsupported scheme 'jar' (jar:https://example.org/a.jar!/x.png); use http, https or file");
      assertThat(r.problems().get(1).message()).isEqualTo("the image /dev/zero lies in the system directory /dev/ and was not read; point the catalogue at an image file");
      assertThat(r.problems().get(3).message()).isEqualTo("the field 'title' holds the control character U+0001 at position 2; remove it from the catalogue");
      assertThat(r.problems().get(4).message()).isEqualTo("the field 'title' has 70000 characters, more than the limit of 65536 (IngestOptions.maxFieldChars)");
      if (haveFifo) {
        assertThat(r.problems().get(5).message()).isEqualTo("the image " + fifo + " is not a regular file (a device, FIFO or directory) and was not read; point the catalogue at an image file");
      }
    }
  }

  @Test
  void aRowOverTheByteLimitIsSkippedWithoutBeingKeptAndLaterRowsAreRead() throws IOException {
    SampleCatalogue.write(dir, 2, 1);
    String body = "id,title,image\nbig,\"" + "y,".repeat(2_000) + "\",images/w-0000.png\nok,Fine,images/w-0001.png\n";
    Path csv = dir.resolve("big.csv");
    Files.writeString(csv, body);
    try (var art = ArtCollection.create(Fixtures.fakes())) {
      var r = art.ingest(csv, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")).withMaxRowBytes(1024));
      assertThat(art.ids()).containsExactly("ok");
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(RowProblem.Kind.TOO_LONG);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.message()).isEqualTo("the row is longer than 1024 bytes; it was skipped (shorten it, or raise IngestOptions.maxRowBytes)");
      });
    }
    Path jsonl = dir.resolve("big.jsonl");
    Files.writeString(jsonl, "{\"id\":\"big\",\"title\":\"" + "z".repeat(3000) + "\",\"image\":\"images/w-0000.png\"}\n{\"id\":\"ok\",\"image\":\"images/w-0001.png\"}\n");
    try (var art = ArtCollection.create(Fixtures.fakes())) {
      var r = art.ingest(jsonl, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt2")).withMaxRowBytes(1024));
      assertThat(art.ids()).containsExactly("ok");
      assertThat(r.problems()).extracting(RowProblem::kind).containsExactly(RowProblem.Kind.TOO_LONG);
    }
  }

  @Test
  void aDeeplyNestedJsonLineIsAMalformedRowNotAStackOverflow() throws IOException {
    SampleCatalogue.write(dir, 1, 1);
    Path jsonl = dir.resolve("deep.jsonl");
    Files.writeString(jsonl, "{\"id\":\"deep\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}\n{\"id\":\"ok\",\"image\":\"images/w-0000.png\"}\n");
    try (var art = ArtCollection.create(Fixtures.fakes())) {
      var r = art.ingest(jsonl, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")));
      assertThat(art.ids()).containsExactly("ok");
      assertThat(r.problems()).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(RowProblem.Kind.MALFORMED_ROW);
        assertThat(p.message()).startsWith("the line is not valid JSON: ");
      });
    }
  }

  @Test
  void theStreamingCsvReaderRoundTripsRandomRowsOnManySeeds() {
    String alphabet = "ab,\"\n\r x\u00e9\u6771";
    for (long seed = 1; seed <= 200; seed++) {
      var rnd = new Random(seed);
      var rows = new ArrayList<List<String>>();
      var sb = new StringBuilder();
      int n = 1 + rnd.nextInt(6);
      int width = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        var row = new ArrayList<String>();
        for (int j = 0; j < width; j++) {
          var f = new StringBuilder();
          int len = rnd.nextInt(6);
          for (int c = 0; c < len; c++) {
            f.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
          }
          row.add(f.toString());
        }
        if (width == 1 && row.get(0).isEmpty()) {
          row.set(0, "e"); // a lone empty field is a blank line, which the reader skips by design
        }
        rows.add(row);
        sb.append(Csv.line(row));
      }
      var parsed = Csv.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(parsed).as("seed " + seed).extracting(Csv.Row::fields).containsExactlyElementsOf(rows);
    }
  }
}
