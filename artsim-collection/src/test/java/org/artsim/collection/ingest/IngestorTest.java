package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.artsim.ArtsimException;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.CollectionConfig;
import org.artsim.collection.fakes.FakeImageEmbedderProvider;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
  @TempDir Path dir;
  ArtCollection art;

  static CollectionConfig fakes() {
    return org.artsim.collection.Fixtures.fakes();
  }

  @BeforeEach
  void setUp() {
    SampleCatalogue.write(dir, 6, 1);
    art = ArtCollection.create(fakes());
  }

  @AfterEach
  void tearDown() {
    art.close();
    FakeImageEmbedderProvider.CRASH_AFTER.set(-1);
  }

  private Path csv(String body) throws IOException {
    Path p = dir.resolve("cat.csv");
    Files.writeString(p, "id,title,culture,classification,image\n" + body, StandardCharsets.UTF_8);
    return p;
  }

  private IngestionReport ingest(Path p) {
    return art.ingest(p, IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")));
  }

  @Test
  void aGoodCatalogueIsIngestedCompletely() throws IOException {
    var r = ingest(csv("a,Vase,japanese,ceramics,images/w-0000.png\nb,\"Bowl, blue\",dutch,ceramics,images/w-0001.png\n"));
    assertThat(r.rows()).isEqualTo(2);
    assertThat(r.added()).isEqualTo(2);
    assertThat(r.problems()).isEmpty();
    assertThat(art.record("b").title()).isEqualTo("Bowl, blue");
    assertThat(art.record("b").indexLabels().get("culture")).isEqualTo("dutch");
    assertThat(Path.of(art.record("a").image())).isAbsolute().exists();
    assertThat(dir.resolve("ckpt")).doesNotExist();
  }

  @Test
  void missingIdIsReported() throws IOException {
    var r = ingest(csv("a,Vase,japanese,ceramics,images/w-0000.png\n,No id,dutch,ceramics,images/w-0001.png\n"));
    assertThat(r.count(RowProblem.Kind.MISSING_ID)).isEqualTo(1);
    assertThat(r.problems().get(0)).isEqualTo(new RowProblem(RowProblem.Kind.MISSING_ID, 3, null, "the row has no id (looked in [id]); give every row an id"));
    assertThat(r.rows()).isEqualTo(r.added() + r.problems().size());
  }

  @Test
  void duplicateIdIsReportedAndTheFirstRowKept() throws IOException {
    var r = ingest(csv("a,First,japanese,ceramics,images/w-0000.png\na,Second,dutch,ceramics,images/w-0001.png\n"));
    assertThat(r.problems()).containsExactly(
        new RowProblem(RowProblem.Kind.DUPLICATE_ID, 3, "a", "the id 'a' appears on an earlier row; ids must be unique, this row was not added"));
    assertThat(art.record("a").title()).isEqualTo("First");
    var again = ingest(csv("a,Third,japanese,ceramics,images/w-0000.png\n"));
    assertThat(again.problems()).containsExactly(
        new RowProblem(RowProblem.Kind.DUPLICATE_ID, 2, "a", "the id 'a' is already in the collection; use update to replace a record"));
  }

  @Test
  void unreadableImageIsReported() throws IOException {
    Files.writeString(dir.resolve("not-an-image.png"), "hello");
    var r = ingest(csv("a,Vase,japanese,ceramics,images/w-0000.png\nb,Gone,dutch,ceramics,images/missing.png\nc,Text,dutch,ceramics,not-an-image.png\n"));
    assertThat(r.count(RowProblem.Kind.UNREADABLE_IMAGE)).isEqualTo(2);
    assertThat(r.problems().get(0).id()).isEqualTo("b");
    assertThat(r.problems().get(0).message()).isEqualTo("no image file at " + dir.resolve("images/missing.png").toAbsolutePath().normalize() + "; fix or replace the image");
    assertThat(r.problems().get(1).message()).endsWith("not-an-image.png is not a readable image; fix or replace the image");
    assertThat(art.ids()).containsExactly("a");
  }

  @Test
  void badUrlsAreReported() throws IOException {
    var r =
        ingest(
            csv(
                "a,Vase,japanese,ceramics,images/w-0000.png\n"
                    + "b,Spaces,dutch,ceramics,http://exa mple.org/x.png\n"
                    + "c,Ftp,dutch,ceramics,ftp://example.org/x.png\n"
                    + "d,No host,dutch,ceramics,https:///x.png\n"));
    assertThat(r.count(RowProblem.Kind.BAD_URL)).isEqualTo(3);
    assertThat(r.problems().get(0).message()).startsWith("record 'b' has a malformed image URL 'http://exa mple.org/x.png': Illegal character in authority");
    assertThat(r.problems().get(1).message()).isEqualTo(
        "record 'c' has an image URL with the unsupported scheme 'ftp' (ftp://example.org/x.png); use http, https or file");
    assertThat(r.problems().get(2).message()).isEqualTo("record 'd' has an image URL without a host: 'https:///x.png'; fix the URL in the catalogue");
    assertThat(art.size()).isEqualTo(1);
  }

  @Test
  void aRemoteUrlThatCannotBeFetchedIsAnUnreadableImage() throws IOException {
    var r = ingest(csv("a,Remote,dutch,ceramics,https://images.example.org/a.jpg\n"));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(RowProblem.Kind.UNREADABLE_IMAGE);
      assertThat(p.message()).isEqualTo("cannot download https://images.example.org/a.jpg: tests have no network; fix or replace the image");
    });
  }

  @Test
  void malformedQuotingIsReportedAndLaterRowsStillIngested() throws IOException {
    var r = ingest(csv("a,Bad \"quote,japanese,ceramics,images/w-0000.png\nb,Good,dutch,ceramics,images/w-0001.png\n"));
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(RowProblem.Kind.MALFORMED_ROW);
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.message()).startsWith("malformed CSV quoting: a quote appears inside the unquoted field 2");
    });
    assertThat(art.ids()).containsExactly("b");
  }

  @Test
  void tooManyFieldsIsAMalformedRowAndMissingTrailingFieldsAreTolerated() throws IOException {
    var r = ingest(csv("a,Vase, with comma,japanese,ceramics,images/w-0000.png\nb,Short,dutch,ceramics,images/w-0001.png\nc,x\n"));
    assertThat(r.problems()).extracting(RowProblem::kind).containsExactly(RowProblem.Kind.MALFORMED_ROW, RowProblem.Kind.MISSING_IMAGE);
    assertThat(r.problems().get(0).message()).isEqualTo("the row has 6 fields but the header has 5; quote fields that contain commas");
    assertThat(r.problems().get(1).message()).isEqualTo("the row has no image (looked in [image]); give it an image path or URL");
  }

  @Test
  void nonUtf8BytesAreReported() throws IOException {
    Path p = dir.resolve("latin1.csv");
    Files.write(p, "id,title,culture,classification,image\na,Caf\u00e9,french,print,images/w-0000.png\nb,Ok,dutch,print,images/w-0001.png\n".getBytes(StandardCharsets.ISO_8859_1));
    var r = ingest(p);
    assertThat(r.problems()).containsExactly(
        new RowProblem(RowProblem.Kind.BAD_ENCODING, 2, null, "field 2 holds bytes that are not UTF-8; export the catalogue as UTF-8"));
    assertThat(art.ids()).containsExactly("b");
    assertThat(r.toString()).contains("2 rows, 1 added").contains("BAD_ENCODING=1");
  }

  @Test
  void aCatalogueWithoutAnIdColumnIsRefusedWithTheColumns() throws IOException {
    Path p = dir.resolve("noid.csv");
    Files.writeString(p, "key,image\n1,images/w-0000.png\n");
    assertThatThrownBy(() -> ingest(p))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the catalogue " + p + " has no id column (looked for [id]; columns are [key, image]); map the id column with ColumnMapping.withId(...)");
    var r = art.ingest(p, IngestOptions.of(ColumnMapping.standard().withId("key")).withCheckpointDir(dir.resolve("ckpt")));
    assertThat(r.added()).isEqualTo(1);
  }

  @Test
  void metRijksShapeIsReadByItsPreset() throws IOException {
    Path p = dir.resolve("met.csv");
    Files.writeString(
        p,
        "Object ID,Title,Artist Display Name,Culture,Classification,Thumbnail_Url,Gallery\n"
            + "45734,Quail and Millet,Kiyohara Yukinobu,Japan,Paintings,images/w-0000.png,231\n");
    var r = art.ingest(p, IngestOptions.of(ColumnMapping.metRijks()).withCheckpointDir(dir.resolve("ckpt")));
    assertThat(r.added()).isEqualTo(1);
    CatalogueRecord rec = art.record("45734");
    assertThat(rec.artist()).isEqualTo("Kiyohara Yukinobu");
    assertThat(rec.indexLabels().values()).containsEntry("culture", "Japan").containsEntry("classification", "Paintings");
    assertThat(rec.fields()).containsEntry("Gallery", "231");
  }

  @Test
  void harvardJsonLinesWithNestedPeopleAndBadLines() throws IOException {
    Path p = dir.resolve("harvard.jsonl");
    String img = dir.resolve("images/w-0002.png").toUri().toString();
    byte[] latin1Line = "{\"objectid\": 9, \"title\": \"Caf\u00e9\", \"primaryimageurl\": \"x\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] head =
        ("{\"objectid\": 299843, \"title\": \"Vase\", \"people\": [{\"name\": \"Unknown Artist\"}, {\"name\": \"B\"}], \"culture\": \"Chinese\", "
                + "\"classification\": \"Vessels\", \"technique\": \"Glazed\", \"primaryimageurl\": \"" + img + "\"}\n"
                + "{\"objectid\": 5, \"title\": \"broken\" \n"
                + "[1, 2]\n"
                + "{\"title\": \"no id\", \"primaryimageurl\": \"" + img + "\"}\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + latin1Line.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(latin1Line, 0, all, head.length, latin1Line.length);
    Files.write(p, all);
    var r = art.ingest(p, IngestOptions.of(ColumnMapping.harvard()).withCheckpointDir(dir.resolve("ckpt")));
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.added()).isEqualTo(1);
    CatalogueRecord rec = art.record("299843");
    assertThat(rec.artist()).isEqualTo("Unknown Artist");
    assertThat(rec.medium()).isEqualTo("Glazed");
    assertThat(rec.image()).isEqualTo(img);
    assertThat(r.problems()).extracting(RowProblem::kind, RowProblem::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RowProblem.Kind.MALFORMED_ROW, 2L),
            org.assertj.core.groups.Tuple.tuple(RowProblem.Kind.MALFORMED_ROW, 3L),
            org.assertj.core.groups.Tuple.tuple(RowProblem.Kind.MISSING_ID, 4L),
            org.assertj.core.groups.Tuple.tuple(RowProblem.Kind.BAD_ENCODING, 5L));
    assertThat(r.problems().get(0).message()).startsWith("the line is not valid JSON: ");
    assertThat(r.problems().get(1).message()).isEqualTo("the line is JSON but not an object; write one {...} object per line");
  }

  @Test
  void aCrashMidwayResumesFromTheCheckpointAndEndsEqualToAnUninterruptedRun() {
    Path data = dir.resolve("big");
    Path csv = SampleCatalogue.write(data, 60, 3);
    var options = IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("resume")).withBatchSize(8);

    var reference = ArtCollection.create(fakes());
    var full = reference.ingest(csv, options.withCheckpointDir(dir.resolve("reference")));
    assertThat(full.added()).isEqualTo(60);

    FakeImageEmbedderProvider.CRASH_AFTER.set(37);
    var crashed = ArtCollection.create(fakes());
    assertThatThrownBy(() -> crashed.ingest(csv, options)).isInstanceOf(FakeImageEmbedderProvider.SimulatedCrash.class);
    assertThat(crashed.size()).isZero();
    crashed.close();
    assertThat(dir.resolve("resume").resolve("chunk-000003.artsim")).exists();
    assertThat(dir.resolve("resume").resolve("chunk-000004.artsim")).doesNotExist();

    FakeImageEmbedderProvider.CRASH_AFTER.set(-1);
    int before = FakeImageEmbedderProvider.EMBEDDED.get();
    var resumed = ArtCollection.create(fakes());
    var report = resumed.ingest(csv, options);
    assertThat(report.resumed()).isEqualTo(32);
    assertThat(FakeImageEmbedderProvider.EMBEDDED.get() - before).isEqualTo(60 - 32);
    assertThat(report.added()).isEqualTo(full.added());
    assertThat(report.problems()).isEqualTo(full.problems());
    assertThat(resumed.records()).isEqualTo(reference.records());
    for (String id : reference.ids()) {
      assertThat(resumed.vector(id)).isEqualTo(reference.vector(id));
    }
    assertThat(dir.resolve("resume")).doesNotExist();
    reference.close();
    resumed.close();
  }

  @Test
  void anInterruptedThreadStopsBetweenBatchesAndCanContinue() throws Exception {
    Path csv = SampleCatalogue.write(dir.resolve("int"), 20, 3);
    var options = IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("int-ckpt")).withBatchSize(4);
    var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
    Thread t =
        new Thread(
            () -> {
              try {
                art.ingest(csv, options.withListener(p -> {
                  if (p.done() >= 4) {
                    Thread.currentThread().interrupt();
                  }
                }));
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    t.start();
    t.join();
    assertThat(failure.get())
        .isInstanceOf(IngestionInterruptedException.class)
        .hasMessage("ingestion of " + csv + " was interrupted after 4 of 20 images; run it again with the same checkpoint directory " + dir.resolve("int-ckpt") + " to continue");
    assertThat(art.size()).isZero();
    var report = art.ingest(csv, options);
    assertThat(report.added()).isEqualTo(20);
    assertThat(report.resumed()).isEqualTo(4);
  }

  @Test
  void aCheckpointForAnotherCatalogueIsRefused() throws IOException {
    var options = IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")).withKeepCheckpoint(true);
    art.ingest(csv("a,Vase,japanese,ceramics,images/w-0000.png\n"), options);
    var other = ArtCollection.create(fakes());
    assertThatThrownBy(() -> other.ingest(csv("b,Other,japanese,ceramics,images/w-0001.png\n"), options))
        .isInstanceOf(ArtsimException.class)
        .hasMessage(
            "the checkpoint in " + dir.resolve("ckpt") + " was made for another catalogue, column mapping, embedder or batch size; "
                + "delete that directory to start over, or pass another checkpoint directory");
    other.close();
  }

  @Test
  void progressIsReported() throws IOException {
    var seen = new java.util.concurrent.CopyOnWriteArrayList<org.artsim.Progress>();
    art.ingest(csv("a,Vase,japanese,ceramics,images/w-0000.png\nb,Bowl,dutch,ceramics,images/w-0001.png\n"),
        IngestOptions.of(ColumnMapping.standard()).withCheckpointDir(dir.resolve("ckpt")).withBatchSize(1).withListener(seen::add));
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1).done()).isEqualTo(2);
    assertThat(List.copyOf(seen)).allSatisfy(p -> assertThat(p.total()).isEqualTo(2));
  }
}
