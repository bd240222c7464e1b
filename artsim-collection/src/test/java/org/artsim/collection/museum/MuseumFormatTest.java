package org.artsim.collection.museum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;
import org.artsim.collection.Fixtures;
import org.artsim.collection.ingest.Candidate;
import org.artsim.collection.ingest.CatalogueReader;
import org.artsim.collection.ingest.IngestOptions;
import org.artsim.collection.ingest.RowProblem;
import org.artsim.collection.sample.SampleCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each museum format on a small sample shaped like the museum's published data (src/test/resources/museum). */
class MuseumFormatTest {
  @TempDir Path dir;

  /** What a reader found. */
  record Read(List<CatalogueRecord> records, List<RowProblem> problems, int rows) {
    CatalogueRecord get(String id) {
      return records.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no record " + id + " in " + records));
    }
  }

  static Path sample(String name) {
    try {
      return Path.of(MuseumFormatTest.class.getResource("/museum/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static Read read(Path file, IngestOptions options) {
    var records = new ArrayList<CatalogueRecord>();
    var problems = new ArrayList<RowProblem>();
    int rows = CatalogueReader.read(file, options, new CatalogueReader.Sink() {
      @Override
      public void candidate(Candidate c) {
        records.add(c.record());
      }

      @Override
      public void problem(RowProblem p) {
        problems.add(p);
      }
    });
    return new Read(records, problems, rows);
  }

  static Read read(String sample, MuseumFormat format) {
    return read(sample(sample), format.options());
  }

  @Test
  void metOpenAccessCsvWithAnAddedImageColumn() {
    Read r = read("MetObjects-sample.csv", MuseumFormat.MET_CSV);
    assertThat(r.rows()).isEqualTo(4);
    assertThat(r.records()).extracting(CatalogueRecord::id).containsExactly("436121", "459028");
    CatalogueRecord titian = r.get("436121");
    assertThat(titian.title()).isEqualTo("Portrait of a Woman, Possibly a Nun of San Secondo");
    assertThat(titian.artist()).isEqualTo("Titian");
    assertThat(titian.medium()).isEqualTo("Oil on canvas");
    assertThat(titian.classification()).isEqualTo("Paintings");
    assertThat(titian.date()).isEqualTo("ca. 1530");
    assertThat(titian.culture()).isNull();
    assertThat(titian.labels().get("department")).isEqualTo("European Paintings");
    assertThat(titian.fields()).containsEntry("Link Resource", "http://www.metmuseum.org/art/collection/search/436121")
        .containsEntry("Credit Line", "H. O. Havemeyer Collection, Bequest of Mrs. H. O. Havemeyer, 1929");
    assertThat(titian.description()).isEqualTo("Painting\n\nWomen|Portraits");
    assertThat(titian.image()).endsWith("images/w-0000.png");
    CatalogueRecord horse = r.get("459028");
    assertThat(horse.culture()).isEqualTo("Japanese");
    assertThat(horse.labels().get("department")).isEqualTo("Robert Lehman Collection");
    assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind, RowProblem::id)
        .containsExactly(tuple(4L, RowProblem.Kind.MISSING_IMAGE, "464102"), tuple(5L, RowProblem.Kind.MISSING_ID, null));
    assertThat(r.problems().get(0).message()).isEqualTo("the row has no image (looked in [primaryImage, primaryImageSmall, image, Image URL]); give it an image path or URL");
  }

  @Test
  void theMetCsvAsPublishedHasNoImageColumnAndSaysWhichToAdd() throws Exception {
    Path csv = dir.resolve("MetObjects.csv");
    Files.writeString(csv, "Object Number,Object ID,Title,Department\n1.2,1,A,Asian Art\n");
    assertThatThrownBy(() -> read(csv, MuseumFormat.MET_CSV.options()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the catalogue " + csv + " has no image column (looked for [primaryImage, primaryImageSmall, image, Image URL]; columns are [Object Number, Object ID, Title, Department]);"
            + " map it with ColumnMapping.withImage(...)");
  }

  @Test
  void rijksmuseumCollectionApiResponse() {
    Read r = read("rijksmuseum-collection.json", MuseumFormat.RIJKSMUSEUM);
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.records()).extracting(CatalogueRecord::id).containsExactly("SK-C-5", "SK-A-2344");
    CatalogueRecord nightWatch = r.get("SK-C-5");
    assertThat(nightWatch.title()).isEqualTo("The Night Watch");
    assertThat(nightWatch.artist()).isEqualTo("Rembrandt van Rijn");
    assertThat(nightWatch.image()).endsWith("museum/images/w-0000.png");
    assertThat(nightWatch.labels().get("place")).isEqualTo("Amsterdam");
    assertThat(nightWatch.fields()).containsEntry("url", "http://www.rijksmuseum.nl/en/collection/SK-C-5").containsEntry("long_title", "The Night Watch, Rembrandt van Rijn, 1642");
    CatalogueRecord milkmaid = r.get("SK-A-2344");
    assertThat(milkmaid.classification()).isEqualTo("painting");
    assertThat(milkmaid.medium()).isEqualTo("oil on canvas");
    assertThat(milkmaid.date()).isEqualTo("c. 1660");
    assertThat(milkmaid.description()).isEqualTo("A maidservant pours milk, entirely absorbed in her work.");
    assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind)
        .containsExactly(tuple(3L, RowProblem.Kind.MISSING_IMAGE), tuple(4L, RowProblem.Kind.MALFORMED_ROW), tuple(5L, RowProblem.Kind.MALFORMED_ROW));
    assertThat(r.problems().get(1).message()).isEqualTo("a malformed rijksmuseum record: the field 'objectNumber' is an object where text or a list of text is expected");
    assertThat(r.problems().get(2).message()).isEqualTo("record 5 is a JSON string, not an object; it was skipped");
  }

  @Test
  void rijksmuseumDetailsResponseIsOneRecord() throws Exception {
    Path json = dir.resolve("details.json");
    Files.writeString(json, "{\"elapsedMilliseconds\":1,\"artObject\":{\"objectNumber\":\"SK-A-1\",\"title\":\"T\",\"principalMakers\":[{\"name\":\"Maker\"}],"
        + "\"materials\":[\"canvas\",\"oil paint\"],\"webImage\":{\"url\":\"https://lh3.example.org/x\"},\"label\":{\"description\":\"Label text\"}},\"artObjectPage\":{}}");
    Read r = read(json, MuseumFormat.RIJKSMUSEUM.options());
    assertThat(r.problems()).isEmpty();
    assertThat(r.records()).singleElement().satisfies(rec -> {
      assertThat(rec.id()).isEqualTo("SK-A-1");
      assertThat(rec.artist()).isEqualTo("Maker");
      assertThat(rec.medium()).isEqualTo("canvas, oil paint");
      assertThat(rec.description()).isEqualTo("Label text");
      assertThat(rec.image()).isEqualTo("https://lh3.example.org/x");
    });
  }

  @Test
  void harvardApiRecordsPreferTheIiifImage() {
    Read r = read("harvard-object.json", MuseumFormat.HARVARD);
    assertThat(r.rows()).isEqualTo(4);
    assertThat(r.records()).extracting(CatalogueRecord::id).containsExactly("299843", "227571");
    CatalogueRecord vanGogh = r.get("299843");
    assertThat(vanGogh.artist()).isEqualTo("Vincent van Gogh");
    assertThat(vanGogh.culture()).isEqualTo("Dutch");
    assertThat(vanGogh.medium()).isEqualTo("Oil on canvas");
    assertThat(vanGogh.classification()).isEqualTo("Paintings");
    assertThat(vanGogh.date()).isEqualTo("1888");
    assertThat(vanGogh.image()).isEqualTo("https://ids.lib.harvard.edu/ids/iiif/47174896/info.json");
    assertThat(vanGogh.labels().get("department")).isEqualTo("Department of Modern and Contemporary Art");
    assertThat(vanGogh.labels().get("division")).isEqualTo("Modern and Contemporary Art");
    assertThat(vanGogh.description()).isEqualTo("Van Gogh painted this self-portrait for Gauguin.");
    assertThat(vanGogh.fields()).containsEntry("object_number", "1943.1854");
    CatalogueRecord bowl = r.get("227571");
    assertThat(bowl.medium()).isEqualTo("Porcelain with underglaze blue");
    assertThat(bowl.artist()).isNull();
    assertThat(bowl.image()).endsWith("museum/images/w-0001.png");
    assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind, RowProblem::id)
        .containsExactly(tuple(3L, RowProblem.Kind.MALFORMED_ROW, null), tuple(4L, RowProblem.Kind.MISSING_IMAGE, "4"));
    assertThat(r.problems().get(0).message()).isEqualTo("a malformed harvard record: the field 'title' is an object where text or a list of text is expected");
  }

  @Test
  void europeanaSearchApiItems() {
    Read r = read("europeana-search.json", MuseumFormat.EUROPEANA);
    assertThat(r.records()).extracting(CatalogueRecord::id).containsExactly("/90402/SK_C_251", "/2048128/618580");
    CatalogueRecord vermeer = r.get("/90402/SK_C_251");
    assertThat(vermeer.title()).isEqualTo("Woman Reading a Letter");
    assertThat(vermeer.artist()).isEqualTo("Johannes Vermeer");
    assertThat(vermeer.date()).isEqualTo("1663");
    assertThat(vermeer.image()).endsWith("museum/images/w-0000.png");
    assertThat(vermeer.labels().get("type")).isEqualTo("IMAGE");
    assertThat(vermeer.labels().get("provider")).isEqualTo("Rijksmuseum");
    assertThat(vermeer.labels().get("country")).isEqualTo("Netherlands");
    assertThat(r.get("/2048128/618580").image()).as("edmPreview when there is no edmIsShownBy").endsWith("museum/images/w-0001.png");
    assertThat(r.get("/2048128/618580").title()).isEqualTo("Paysage");
    assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind, RowProblem::id).containsExactly(tuple(3L, RowProblem.Kind.MISSING_IMAGE, "/9200579/text_1"));
  }

  @Test
  void europeanaRecordApiObject() {
    Read r = read("europeana-record.json", MuseumFormat.EUROPEANA);
    assertThat(r.problems()).isEmpty();
    assertThat(r.records()).singleElement().satisfies(rec -> {
      assertThat(rec.id()).isEqualTo("/90402/SK_A_4118");
      assertThat(rec.title()).isEqualTo("Portrait of a Woman");
      assertThat(rec.artist()).isEqualTo("Frans Hals");
      assertThat(rec.date()).isEqualTo("1635");
      assertThat(rec.medium()).isEqualTo("oil on panel");
      assertThat(rec.description()).isEqualTo("A half-length portrait.");
      assertThat(rec.image()).endsWith("museum/images/w-0002.png");
      assertThat(rec.labels().get("provider")).isEqualTo("Rijksmuseum");
      assertThat(rec.labels().get("type")).isEqualTo("IMAGE");
    });
  }

  @Test
  void linkedArtObjectReadByItsAatTerms() {
    Read r = read("linked-art-object.json", MuseumFormat.LINKED_ART);
    assertThat(r.problems()).isEmpty();
    assertThat(r.records()).singleElement().satisfies(rec -> {
      assertThat(rec.id()).isEqualTo("SK-C-5");
      assertThat(rec.title()).isEqualTo("The Night Watch");
      assertThat(rec.artist()).isEqualTo("Rembrandt van Rijn");
      assertThat(rec.classification()).isEqualTo("painting");
      assertThat(rec.culture()).isEqualTo("Dutch");
      assertThat(rec.medium()).isEqualTo("Oil on canvas");
      assertThat(rec.date()).isEqualTo("1642");
      assertThat(rec.description()).isEqualTo("A militia company sets out.");
      assertThat(rec.image()).endsWith("museum/images/w-0000.png");
      assertThat(rec.fields()).containsEntry("uri", "https://data.example.org/object/night-watch");
    });
  }

  @Test
  void linkedArtArrayWithAnIiifRepresentationAndAPersonRecord() {
    Read r = read("linked-art-objects.json", MuseumFormat.LINKED_ART);
    assertThat(r.rows()).isEqualTo(3);
    assertThat(r.records()).singleElement().satisfies(rec -> {
      assertThat(rec.id()).isEqualTo("https://data.example.org/object/vase");
      assertThat(rec.title()).isEqualTo("Blue vase");
      assertThat(rec.artist()).isEqualTo("Jingdezhen kilns");
      assertThat(rec.classification()).isEqualTo("vase");
      assertThat(rec.medium()).isEqualTo("porcelain, cobalt");
      assertThat(rec.date()).isEqualTo("Ming dynasty, 15th century");
      assertThat(rec.image()).isEqualTo("https://iiif.example.org/image/vase/info.json");
    });
    assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind)
        .containsExactly(tuple(2L, RowProblem.Kind.MALFORMED_ROW), tuple(3L, RowProblem.Kind.MISSING_IMAGE));
    assertThat(r.problems().get(0).message()).isEqualTo("a malformed linked-art record: the record's type is Person, not HumanMadeObject; only objects are read");
  }

  @Test
  void jsonLinesOfRecordsAreReadLineByLine() throws Exception {
    Path jsonl = dir.resolve("harvard.jsonl");
    Files.writeString(jsonl, "{\"id\":1,\"title\":\"A\",\"primaryimageurl\":\"https://x.org/1.jpg\",\"culture\":\"Dutch\"}\n{broken\n"
        + "{\"id\":2,\"title\":\"B\",\"primaryimageurl\":\"https://x.org/2.jpg\"}\n");
    Read r = read(jsonl, MuseumFormat.HARVARD.options());
    assertThat(r.records()).extracting(CatalogueRecord::id, CatalogueRecord::culture).containsExactly(tuple("1", "Dutch"), tuple("2", null));
    assertThat(r.problems()).extracting(RowProblem::line, RowProblem::kind).containsExactly(tuple(2L, RowProblem.Kind.MALFORMED_ROW));
  }

  @Test
  void formatsAreFoundByName() {
    assertThat(MuseumFormat.byName("met-csv")).isEqualTo(MuseumFormat.MET_CSV);
    assertThat(MuseumFormat.byName(" Linked_Art ")).isEqualTo(MuseumFormat.LINKED_ART);
    assertThat(MuseumFormat.byName("HARVARD").options().recordFormat()).isEqualTo(MuseumFormat.HARVARD);
    assertThatThrownBy(() -> MuseumFormat.byName("louvre"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown museum format 'louvre'; use one of [met-csv, rijksmuseum, harvard, europeana, linked-art]");
    assertThatThrownBy(() -> MuseumFormat.byName(null)).isInstanceOf(ConfigException.class).hasMessageStartingWith("unknown museum format 'null'");
  }

  @Test
  void eachJsonFormatIngestsIntoACollection() throws Exception {
    SampleCatalogue.write(dir, 3, 1);
    for (String sample : List.of("rijksmuseum-collection.json", "europeana-search.json", "linked-art-object.json", "europeana-record.json")) {
      Files.copy(sample(sample), dir.resolve(sample));
    }
    try (ArtCollection art = ArtCollection.create(Fixtures.fakes())) {
      var rijks = art.ingest(dir.resolve("rijksmuseum-collection.json"), MuseumFormat.RIJKSMUSEUM.options().withCheckpointDir(dir.resolve("c1")));
      assertThat(rijks.added()).as(rijks.toString()).isEqualTo(2);
      assertThat(rijks.rows()).isEqualTo(rijks.added() + rijks.problems().size());
      var europeana = art.ingest(dir.resolve("europeana-search.json"), IngestOptions.of(MuseumFormat.byName("europeana")).withCheckpointDir(dir.resolve("c2")));
      assertThat(europeana.added()).as(europeana.toString()).isEqualTo(2);
      var record = art.ingest(dir.resolve("europeana-record.json"), MuseumFormat.EUROPEANA.options().withCheckpointDir(dir.resolve("c3")));
      assertThat(record.added()).as(record.toString()).isEqualTo(1);
      var linked = art.ingest(dir.resolve("linked-art-object.json"), MuseumFormat.LINKED_ART.options().withCheckpointDir(dir.resolve("c4")));
      assertThat(linked.added()).isEqualTo(0);
      assertThat(linked.problems()).extracting(RowProblem::kind).containsExactly(RowProblem.Kind.DUPLICATE_ID);
      assertThat(art.ids()).containsExactlyInAnyOrder("SK-C-5", "SK-A-2344", "/90402/SK_C_251", "/2048128/618580", "/90402/SK_A_4118");
      assertThat(art.record("SK-A-2344").indexLabels().values()).containsEntry("place", "Delft").containsEntry("classification", "painting");
    }
  }
}
