package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.artsim.Artsim;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random vectors, ids and labels written in every format (by {@link VectorFileWriter}, and by NumPy
 * when it is installed) come back from the index exactly: the importer is checked against the data
 * it was given, on many seeds and with batch sizes that do and do not divide the row count.
 */
class VectorImportRoundTripTest {
  private static final List<String> FIELDS = List.of("culture", "medium");

  @TempDir Path dir;

  /** One random data set. */
  private record Data(List<String> ids, float[][] rows, int dim, List<Map<String, String>> labels) {}

  private static Data data(SplittableRandom r, boolean integral, boolean textIds) {
    int n = r.nextInt(0, 120);
    int dim = r.nextInt(1, 24);
    var ids = new ArrayList<String>();
    var labels = new ArrayList<Map<String, String>>();
    float[][] rows = new float[n][dim];
    String[] tricky = {"", " with space", ",comma", "\"quote\"", "é-ü-漢", "x\ty"};
    for (int i = 0; i < n; i++) {
      ids.add(textIds ? "id-" + i + tricky[r.nextInt(tricky.length)] : "id-" + i);
      for (int j = 0; j < dim; j++) {
        rows[i][j] = integral ? r.nextInt(0, 256) : (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-6, 7)));
      }
      var l = new LinkedHashMap<String, String>();
      for (String f : FIELDS) {
        if (r.nextInt(3) > 0) {
          l.put(f, f + "-" + r.nextInt(5) + (textIds ? tricky[r.nextInt(tricky.length)] : ""));
        }
      }
      labels.add(l);
    }
    return new Data(ids, rows, dim, labels);
  }

  private static void assertHolds(VectorIndex index, Data d, boolean withLabels) {
    assertThat(index.size()).isEqualTo(d.rows().length);
    for (int i = 0; i < d.rows().length; i++) {
      String id = d.ids().get(i);
      float[] want = d.rows()[i];
      assertThat(index.vector(id)).as("vector of %s", id).hasValueSatisfying(v -> assertThat(v).containsExactly(want));
      assertThat(index.labels(id)).isEqualTo(withLabels ? Labels.of(d.labels().get(i)) : Labels.none());
    }
  }

  private static VectorImportOptions options(SplittableRandom r) {
    return VectorImportOptions.defaults().withBatchSize(r.nextInt(1, 40));
  }

  @Test
  void npyOfEveryVersionDtypeAndByteOrderRoundTrips() throws Exception {
    for (int seed = 0; seed < 60; seed++) {
      var r = new SplittableRandom(seed);
      Data d = data(r, false, false);
      int major = 1 + seed % 3;
      int item = seed % 2 == 0 ? 4 : 8;
      ByteOrder order = (seed / 2) % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      Path npy = VectorFileWriter.write(dir.resolve("v" + seed + ".npy"), VectorFileWriter.npy(major, d.rows(), d.dim(), item, order));
      Path ids = VectorFileWriter.write(dir.resolve("ids" + seed + ".txt"), String.join("\n", d.ids()) + (r.nextBoolean() ? "\n" : ""));
      var labelCsv = new StringBuilder(Csv.line(List.of("id", "culture", "medium")));
      for (int i = 0; i < d.rows().length; i++) {
        labelCsv.append(Csv.line(List.of(d.ids().get(i), d.labels().get(i).getOrDefault("culture", ""), d.labels().get(i).getOrDefault("medium", ""))));
      }
      Path labels = VectorFileWriter.write(dir.resolve("labels" + seed + ".csv"), labelCsv.toString());
      try (VectorIndex index = Artsim.index("flat", d.dim(), Metric.L2)) {
        var opts = options(r);
        if (d.rows().length > 0) {
          opts = opts.withIdsFile(ids).withLabelsFile(labels);
        }
        VectorImportReport rep = VectorImporter.importInto(npy, index, opts);
        assertThat(rep.added()).isEqualTo(d.rows().length);
        assertThat(rep.problemCount()).isZero();
        assertHolds(index, d, true);
      }
    }
  }

  @Test
  void idsDefaultToTheZeroBasedRowIndex() throws Exception {
    var d = data(new SplittableRandom(7), false, false);
    Path npy = VectorFileWriter.write(dir.resolve("v.npy"), VectorFileWriter.npy(1, d.rows(), d.dim(), 4, ByteOrder.LITTLE_ENDIAN));
    try (VectorIndex index = Artsim.index("flat", d.dim(), Metric.L2)) {
      VectorImporter.importInto(npy, index, VectorImportOptions.defaults());
      for (int i = 0; i < d.rows().length; i++) {
        float[] want = d.rows()[i];
        assertThat(index.vector(Integer.toString(i))).hasValueSatisfying(v -> assertThat(v).containsExactly(want));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(chars = {'f', 'b', 'i'})
  void vecsFilesRoundTrip(char element) throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      var r = new SplittableRandom(seed * 31L + element);
      Data d = data(r, element != 'f', false);
      Path file = VectorFileWriter.write(dir.resolve("v" + seed + "." + element + "vecs"), VectorFileWriter.vecs(d.rows(), element));
      Path ids = VectorFileWriter.write(dir.resolve("ids" + seed + element + ".txt"), String.join("\r\n", d.ids()));
      try (VectorIndex index = Artsim.index("flat", d.dim(), Metric.L2)) {
        VectorImporter.importInto(file, index, d.rows().length > 0 ? options(r).withIdsFile(ids) : options(r));
        assertHolds(index, d, false);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void csvWithAnArrayColumnOrOneColumnPerValueRoundTrips(boolean arrayColumn) throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      var r = new SplittableRandom(seed + (arrayColumn ? 1000 : 0));
      Data d = data(r, false, true);
      Path csv = VectorFileWriter.write(dir.resolve("v" + seed + ".csv"), VectorFileWriter.csv(d.ids(), d.rows(), d.dim(), d.labels(), FIELDS, arrayColumn));
      try (VectorIndex index = Artsim.index("flat", d.dim(), Metric.L2)) {
        VectorImportReport rep = VectorImporter.importInto(csv, index, options(r).withLabelColumns(FIELDS));
        assertThat(rep.rows()).isEqualTo(d.rows().length);
        assertHolds(index, new Data(d.ids().stream().map(String::strip).toList(), d.rows(), d.dim(), d.labels()), true);
      }
    }
  }

  @Test
  void jsonLinesRoundTrip() throws Exception {
    for (int seed = 0; seed < 40; seed++) {
      var r = new SplittableRandom(seed + 5000);
      Data d = data(r, false, true);
      Path jsonl = VectorFileWriter.write(dir.resolve("v" + seed + ".jsonl"), VectorFileWriter.jsonl(d.ids(), d.rows(), d.labels()));
      try (VectorIndex index = Artsim.index("flat", d.dim(), Metric.L2)) {
        VectorImporter.importInto(jsonl, index, options(r).withLabelColumns(FIELDS));
        assertHolds(index, new Data(d.ids().stream().map(String::strip).toList(), d.rows(), d.dim(), d.labels()), true);
      }
    }
  }

  @Test
  void npyWrittenByNumpyRoundTrips() throws Exception {
    Assumptions.assumeTrue(numpy(), "numpy is not installed for /usr/bin/python3: the NumPy-written .npy check is skipped (the writer's own .npy files are still tested)");
    String script = """
        import numpy as np, sys
        rng = np.random.default_rng(3)
        x = rng.standard_normal((257, 12)).astype(np.float32)
        np.save(sys.argv[1] + '/f32.npy', x)
        np.save(sys.argv[1] + '/f64be.npy', x.astype('>f8'))
        np.save(sys.argv[1] + '/fortran.npy', np.asfortranarray(x))
        np.save(sys.argv[1] + '/ints.npy', (x * 10).astype(np.int32))
        np.savetxt(sys.argv[1] + '/expected.txt', x, fmt='%.9g')
        """;
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt"));
    for (String name : List.of("f32.npy", "f64be.npy")) {
      try (VectorIndex index = Artsim.index("flat", 12, Metric.L2)) {
        VectorImporter.importInto(dir.resolve(name), index, VectorImportOptions.defaults());
        assertThat(index.size()).isEqualTo(257);
        for (int i = 0; i < 257; i++) {
          String[] parts = expected.get(i).trim().split(" ");
          float[] want = new float[12];
          for (int j = 0; j < 12; j++) {
            want[j] = Float.parseFloat(parts[j]);
          }
          assertThat(index.vector(Integer.toString(i)).orElseThrow()).containsExactly(want);
        }
      }
    }
    try (VectorIndex index = Artsim.index("flat", 12, Metric.L2)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorImporter.importInto(dir.resolve("fortran.npy"), index, VectorImportOptions.defaults()))
          .isInstanceOf(org.artsim.FileFormatException.class).hasMessageContaining("Fortran");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> VectorImporter.importInto(dir.resolve("ints.npy"), index, VectorImportOptions.defaults()))
          .isInstanceOf(org.artsim.FileFormatException.class).hasMessageContaining("'<i4'");
    }
  }

  private static boolean numpy() {
    if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
      return false;
    }
    try {
      return new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").redirectErrorStream(true).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
