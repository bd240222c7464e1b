package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.DimensionMismatchException;
import org.artsim.DuplicateIdException;
import org.artsim.FileFormatException;
import org.artsim.InvalidArgumentException;
import org.artsim.InvalidVectorException;
import org.artsim.Metric;
import org.artsim.StorageException;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input of issue 17 item 3 gives a typed exception naming the file, the row and what to do, and leaves the index unchanged where the file as a whole is bad. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VectorImportErrorsTest {
  @TempDir Path dir;
  private VectorIndex index;

  @BeforeEach
  void open() {
    index = Artsim.index("flat", 4, Metric.COSINE);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private Path npy(String name, String dict, int dataBytes) throws Exception {
    return VectorFileWriter.write(dir.resolve(name), VectorFileWriter.npy(1, dict, new byte[dataBytes]));
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  private void refused(Path file, Class<? extends Exception> type, String... fragments) {
    var t = assertThatThrownBy(() -> VectorImporter.importInto(file, index, VectorImportOptions.defaults())).isInstanceOf(type).hasMessageContaining(file.toString());
    for (String f : fragments) {
      t.hasMessageContaining(f);
    }
    assertThat(index.size()).isZero();
  }

  @Test
  void craftedNpyHeadersAreFileFormatErrors() throws Exception {
    refused(npy("neg.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 4), }", 0), FileFormatException.class, "not a non-negative integer");
    refused(npy("huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000000000, 1000), }", 0), FileFormatException.class, "too large");
    refused(npy("bigrows.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000, 4), }", 16), FileFormatException.class, "truncated", "re-export");
    refused(npy("dtype.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 4), }", 16), FileFormatException.class, "'<i4'", "astype(numpy.float32)");
    refused(npy("fortran.npy", "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 4), }", 16), FileFormatException.class, "Fortran", "ascontiguousarray");
    refused(npy("3d.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), }", 16), FileFormatException.class, "3-D", "reshape");
    refused(npy("1d.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", 16), FileFormatException.class, "1-D");
    refused(npy("zerodim.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 0), }", 0), FileFormatException.class, "dimension must be in");
    refused(npy("keys.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), 'x': 'y', }", 16), FileFormatException.class, "exactly descr, fortran_order and shape");
    refused(npy("struct.npy", "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1, 4), }", 16), FileFormatException.class, "structured");
    refused(npy("code.npy", "{'descr': __import__('os'), 'fortran_order': False, 'shape': (1, 4), }", 16), FileFormatException.class, "not a string");
    refused(npy("open.npy", "{'descr': '<f4", 16), FileFormatException.class, "never closed");
    refused(npy("extra.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), }", 20), FileFormatException.class, "bytes after the data");
    refused(VectorFileWriter.write(dir.resolve("magic.npy"), "not numpy at all".getBytes(StandardCharsets.US_ASCII)), FileFormatException.class, "magic");
    byte[] v4 = VectorFileWriter.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), }", new byte[16]);
    v4[6] = 4;
    refused(VectorFileWriter.write(dir.resolve("v4.npy"), v4), FileFormatException.class, "version 4.0");
    byte[] hugeHeader = VectorFileWriter.npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 4), }", new byte[16]);
    ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1);
    refused(VectorFileWriter.write(dir.resolve("hugeheader.npy"), hugeHeader), FileFormatException.class, "4294967295 bytes");
    refused(VectorFileWriter.write(dir.resolve("short.npy"), new byte[] {(byte) 0x93, 'N', 'U'}), FileFormatException.class, "magic");
  }

  @Test
  void truncatedDataIsRefusedBeforeAnyRowIsAdded() throws Exception {
    refused(VectorFileWriter.write(dir.resolve("cut.npy"), VectorFileWriter.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", floats(1, 2, 3, 4, 5, 6, 7, 8, 9))),
        FileFormatException.class, "truncated", "needs 48 bytes", "holds 36", "2 whole rows");
    byte[] fv = VectorFileWriter.vecs(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, 'f');
    refused(VectorFileWriter.write(dir.resolve("cut.fvecs"), java.util.Arrays.copyOf(fv, fv.length - 3)), FileFormatException.class, "truncated", "1 whole rows");
    byte[] mixed = VectorFileWriter.vecs(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, 'f');
    ByteBuffer.wrap(mixed).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 3);
    refused(VectorFileWriter.write(dir.resolve("mixed.fvecs"), mixed), FileFormatException.class, "dimension 3 at row index 1");
    refused(VectorFileWriter.write(dir.resolve("negdim.fvecs"), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).array()), FileFormatException.class, "dimension -5");
  }

  @Test
  void aDimensionOtherThanTheIndexIsRefusedNamingBoth() throws Exception {
    Path f = VectorFileWriter.write(dir.resolve("d3.npy"), VectorFileWriter.npy(1, new float[][] {{1, 2, 3}}, 3, 4, ByteOrder.LITTLE_ENDIAN));
    refused(f, DimensionMismatchException.class, "dimension 3", "dimension 4");
    Path csv = VectorFileWriter.write(dir.resolve("d.csv"), "id,vector\na,\"[1,2,3,4]\"\nb,\"[1,2,3]\"\n");
    assertThatThrownBy(() -> VectorImporter.importInto(csv, index, VectorImportOptions.defaults()))
        .isInstanceOf(DimensionMismatchException.class).hasMessageContaining(csv + ", line 3 (id 'b'): the vector has 3 values");
  }

  @Test
  void nanInfinityAndZeroVectorsAreInvalidVectorsNamingTheRow() throws Exception {
    Path big = VectorFileWriter.write(dir.resolve("big.npy"), VectorFileWriter.npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 4), }",
        ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(1e300).putDouble(0).putDouble(0).array()));
    refused(big, InvalidVectorException.class, "Infinity", "float64 beyond the float32 range");
    Path nan = VectorFileWriter.write(dir.resolve("nan.npy"), VectorFileWriter.npy(1, new float[][] {{1, 2, 3, 4}, {1, Float.NaN, 3, 4}}, 4, 4, ByteOrder.LITTLE_ENDIAN));
    assertThatThrownBy(() -> VectorImporter.importInto(nan, index, VectorImportOptions.defaults().withBatchSize(1)))
        .isInstanceOf(InvalidVectorException.class).hasMessageContaining("row index 1 (id '1'): value 1 of the vector is NaN").hasMessageContaining("1 rows were added before it");
    assertThat(index.ids()).containsExactly("0");
    Path csv = VectorFileWriter.write(dir.resolve("inf.csv"), "id,a,b,c,d\nz,0,0,0,0\ni,1,Infinity,0,0\nw,1,abc,0,0\n");
    var rep = VectorImporter.importInto(csv, index, VectorImportOptions.defaults().withOnBadRow(VectorImportOptions.OnBadRow.SKIP));
    assertThat(rep.problems()).extracting(RowProblem::line, RowProblem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, RowProblem.Kind.BAD_VECTOR), org.assertj.core.groups.Tuple.tuple(3L, RowProblem.Kind.BAD_VECTOR),
        org.assertj.core.groups.Tuple.tuple(4L, RowProblem.Kind.BAD_VECTOR));
    assertThat(rep.problems().get(0).message()).contains("all zeros");
    assertThat(rep.problems().get(2).message()).contains("'abc', not a number");
  }

  @Test
  void duplicateIdsAreRefusedInTheFileAndAgainstTheIndex() throws Exception {
    Path npy = VectorFileWriter.write(dir.resolve("dup.npy"), VectorFileWriter.npy(1, new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}}, 4, 4, ByteOrder.LITTLE_ENDIAN));
    Path ids = VectorFileWriter.write(dir.resolve("ids.txt"), "a\nb\na\n");
    assertThatThrownBy(() -> VectorImporter.importInto(npy, index, VectorImportOptions.defaults().withIdsFile(ids)))
        .isInstanceOf(DuplicateIdException.class).hasMessageContaining("row index 2 (id 'a'): the id 'a' is already in the index");
    assertThat(index.size()).isZero();
    index.add("b", new float[] {1, 1, 1, 1});
    var rep = VectorImporter.importInto(npy, index, VectorImportOptions.defaults().withIdsFile(ids).withOnBadRow(VectorImportOptions.OnBadRow.SKIP));
    assertThat(rep.added()).isEqualTo(1);
    assertThat(rep.problems()).extracting(RowProblem::line).containsExactly(2L, 3L);
    assertThat(rep.rows()).isEqualTo(rep.added() + rep.problemCount());
  }

  @Test
  void sidecarsOfTheWrongLengthAreRefusedBeforeAnyRowIsAdded() throws Exception {
    Path npy = VectorFileWriter.write(dir.resolve("s.npy"), VectorFileWriter.npy(1, new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}}, 4, 4, ByteOrder.LITTLE_ENDIAN));
    Path ids = VectorFileWriter.write(dir.resolve("ids.txt"), "a\nb\nc\n");
    assertThatThrownBy(() -> VectorImporter.importInto(npy, index, VectorImportOptions.defaults().withIdsFile(ids)))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("has 3 lines but the vector file has 2 rows");
    Path labels = VectorFileWriter.write(dir.resolve("l.csv"), "culture\njapanese\n");
    assertThatThrownBy(() -> VectorImporter.importInto(npy, index, VectorImportOptions.defaults().withLabelsFile(labels)))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("has 1 records after its header but the vector file has 2 rows");
    Path wrongIds = VectorFileWriter.write(dir.resolve("l2.csv"), "id,culture\n0,japanese\n7,dutch\n");
    assertThatThrownBy(() -> VectorImporter.importInto(npy, index, VectorImportOptions.defaults().withLabelsFile(wrongIds)))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("for the id '7', not '1'");
    assertThat(index.size()).isZero();
  }

  @Test
  void hostileJsonLinesAreRowProblems() throws Exception {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    Path f = VectorFileWriter.write(dir.resolve("h.jsonl"), String.join("\n",
        "{\"id\": \"ok\", \"vector\": [1, 2, 3, 4]}",
        "{\"id\": \"deep\", \"vector\": " + deep + "}",
        "{\"id\": \"num\", \"vector\": [1e999, 2, 3, 4]}",
        "{\"id\": \"long\", \"vector\": [" + "9".repeat(5000) + ", 2, 3, 4]}",
        "[1, 2, 3, 4]",
        "{\"id\": {\"x\": 1}, \"vector\": [1, 2, 3, 4]}",
        "{\"id\": \"nested\", \"vector\": [[1], 2, 3, 4]}",
        "{\"id\": \"str\", \"vector\": \"hello\"}",
        "{\"id\": \"trunc\", \"vector\": [1, 2",
        "{\"vector\": [1, 2, 3, 4]}",
        "{\"id\": \"big\", \"vector\": [" + "1, ".repeat(20_000) + "1]}") + "\n");
    var rep = VectorImporter.importInto(f, index, VectorImportOptions.defaults().withOnBadRow(VectorImportOptions.OnBadRow.SKIP));
    assertThat(index.ids()).containsExactly("ok");
    assertThat(rep.problems()).extracting(RowProblem::line, RowProblem::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, RowProblem.Kind.MALFORMED_ROW),
        org.assertj.core.groups.Tuple.tuple(3L, RowProblem.Kind.BAD_VECTOR),
        org.assertj.core.groups.Tuple.tuple(4L, RowProblem.Kind.MALFORMED_ROW),
        org.assertj.core.groups.Tuple.tuple(5L, RowProblem.Kind.MALFORMED_ROW),
        org.assertj.core.groups.Tuple.tuple(6L, RowProblem.Kind.MALFORMED_ROW),
        org.assertj.core.groups.Tuple.tuple(7L, RowProblem.Kind.BAD_VECTOR),
        org.assertj.core.groups.Tuple.tuple(8L, RowProblem.Kind.BAD_VECTOR),
        org.assertj.core.groups.Tuple.tuple(9L, RowProblem.Kind.MALFORMED_ROW),
        org.assertj.core.groups.Tuple.tuple(10L, RowProblem.Kind.MISSING_ID),
        org.assertj.core.groups.Tuple.tuple(11L, RowProblem.Kind.BAD_VECTOR));
    assertThatThrownBy(() -> VectorImporter.importInto(f, index, VectorImportOptions.defaults()))
        .isInstanceOf(DuplicateIdException.class).hasMessageContaining("line 1 (id 'ok')");
  }

  @Test
  void devicesPipesAndMissingFilesAreRefusedUnread() throws Exception {
    for (String p : List.of("/dev/zero", "/proc/self/status", "/nonexistent/v.npy")) {
      assertThatThrownBy(() -> VectorImporter.importInto(Path.of(p), index, VectorImportOptions.defaults()))
          .isInstanceOf(p.startsWith("/proc") ? InvalidArgumentException.class : StorageException.class).hasMessageContaining(p);
    }
    Path ok = VectorFileWriter.write(dir.resolve("x.npy"), VectorFileWriter.npy(1, new float[][] {{1, 0, 0, 0}}, 4, 4, ByteOrder.LITTLE_ENDIAN));
    assertThatThrownBy(() -> VectorImporter.importInto(ok, index, VectorImportOptions.defaults().withIdsFile(Path.of("/dev/zero"))))
        .isInstanceOf(StorageException.class).hasMessageContaining("the id file /dev/zero is not a regular file");
  }

  @Test
  void csvHeadersWithoutTheColumnsAreRefusedWithTheColumnsPresent() throws Exception {
    Path f = VectorFileWriter.write(dir.resolve("c.csv"), "ident,vector\na,\"[1,2,3,4]\"\n");
    assertThatThrownBy(() -> VectorImporter.importInto(f, index, VectorImportOptions.defaults()))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no column 'id'").hasMessageContaining("[ident, vector]").hasMessageContaining("withIdColumn");
    assertThatThrownBy(() -> VectorImporter.importInto(f, index, VectorImportOptions.defaults().withIdColumn("ident").withLabelColumns(List.of("cultur"))))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no column 'cultur'");
    Path empty = VectorFileWriter.write(dir.resolve("e.csv"), "");
    assertThatThrownBy(() -> VectorImporter.importInto(empty, index, VectorImportOptions.defaults())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("is empty");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> VectorImportOptions.defaults().withBatchSize(0)).isInstanceOf(ConfigException.class).hasMessageContaining("batch_size must be in [1, 65536], got 0");
    assertThatThrownBy(() -> VectorImportOptions.defaults().withIdColumn(" ")).isInstanceOf(ConfigException.class).hasMessageContaining("id_column");
    assertThatThrownBy(() -> VectorImportOptions.defaults().withLabelColumns(List.of("id"))).isInstanceOf(ConfigException.class).hasMessageContaining("one role");
    assertThatThrownBy(() -> VectorImportOptions.defaults().withSaveIndexTo(Path.of("x"), 10)).isInstanceOf(ConfigException.class).hasMessageContaining("checkpoint");
    assertThatThrownBy(() -> VectorImportOptions.defaults().withMaxRowBytes(10)).isInstanceOf(ConfigException.class).hasMessageContaining("max_row_bytes");
    assertThatThrownBy(() -> VectorImporter.importInto(null, index, VectorImportOptions.defaults())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("file is null");
  }

  @Test
  void skipModeKeepsABoundedNumberOfProblemsButCountsAll() throws Exception {
    var sb = new StringBuilder("id,vector\n");
    for (int i = 0; i < 500; i++) {
      sb.append("r").append(i).append(",\"[1, 2]\"\n");
    }
    Path f = VectorFileWriter.write(dir.resolve("bad.csv"), sb.toString());
    var rep = VectorImporter.importInto(f, index, VectorImportOptions.defaults().withOnBadRow(VectorImportOptions.OnBadRow.SKIP).withMaxProblemsKept(10));
    assertThat(rep.problemCount()).isEqualTo(500);
    assertThat(rep.problems()).hasSize(10);
    assertThat(rep.toString()).contains("500 not added").contains("and 480 more");
  }
}
