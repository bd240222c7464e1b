package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.artsim.Artsim;
import org.artsim.FileFormatException;
import org.artsim.InvalidArgumentException;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run stopped after some batches (the thread interrupted, as a kill or crash would stop it) and
 * run again with its checkpoint and the index saved with it ends with the same index as one
 * uninterrupted run; a checkpoint that does not fit the index or the file is refused.
 */
class VectorImportResumeTest {
  private static final int N = 100;
  private static final int DIM = 8;

  @TempDir Path dir;

  /** An index that interrupts its thread after {@code after} calls of addAll (so the next batch stops the import). */
  private static VectorIndex interrupting(VectorIndex real, int after) {
    var calls = new AtomicInteger();
    return (VectorIndex) Proxy.newProxyInstance(VectorIndex.class.getClassLoader(), new Class<?>[] {VectorIndex.class}, (proxy, m, args) -> {
      try {
        Object r = m.invoke(real, args);
        if (m.getName().equals("addAll") && calls.incrementAndGet() == after) {
          Thread.currentThread().interrupt();
        }
        return r;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private Path file(String format, float[][] rows) throws Exception {
    if (format.equals("npy")) {
      return VectorFileWriter.write(dir.resolve("v.npy"), VectorFileWriter.npy(2, rows, DIM, 4, ByteOrder.LITTLE_ENDIAN));
    }
    var ids = new ArrayList<String>();
    var labels = new ArrayList<java.util.Map<String, String>>();
    for (int i = 0; i < rows.length; i++) {
      ids.add(Integer.toString(i));
      labels.add(java.util.Map.of());
    }
    if (format.equals("csv")) {
      return VectorFileWriter.write(dir.resolve("v.csv"), VectorFileWriter.csv(ids, rows, DIM, labels, List.of(), true));
    }
    return VectorFileWriter.write(dir.resolve("v.jsonl"), VectorFileWriter.jsonl(ids, rows, labels));
  }

  @ParameterizedTest
  @ValueSource(strings = {"npy", "csv", "jsonl"})
  void anInterruptedImportContinuesFromItsCheckpointToTheSameIndex(String format) throws Exception {
    var r = new SplittableRandom(format.hashCode());
    float[][] rows = new float[N][DIM];
    for (float[] row : rows) {
      for (int j = 0; j < DIM; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    rows[57][3] = Float.NaN; // one bad row, reported once, by the run that reads it
    Path file = file(format, rows);
    Path ckpt = dir.resolve("import.ckpt");
    Path saved = dir.resolve("index.artsim");
    var opts = VectorImportOptions.defaults().withBatchSize(10).withCheckpoint(ckpt).withSaveIndexTo(saved, 20).withOnBadRow(VectorImportOptions.OnBadRow.SKIP);

    try (VectorIndex first = Artsim.index("flat", DIM, Metric.L2)) {
      assertThatThrownBy(() -> VectorImporter.importInto(file, interrupting(first, 4), opts))
          .isInstanceOf(IngestionInterruptedException.class).hasMessageContaining("interrupted after").hasMessageContaining(ckpt.toString());
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(ckpt).exists();
    try (VectorIndex fresh = Artsim.index("flat", DIM, Metric.L2)) {
      assertThatThrownBy(() -> VectorImporter.importInto(file, fresh, opts))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("says 40 rows").hasMessageContaining("does not hold '39'").hasMessageContaining(saved.toString());
    }
    VectorImportReport rep;
    try (VectorIndex resumed = Artsim.loadIndex(saved)) {
      assertThat(resumed.size()).isEqualTo(40);
      rep = VectorImporter.importInto(file, resumed, opts);
      assertThat(rep.resumed()).isEqualTo(40);
      assertThat(rep.added()).isEqualTo(59);
      assertThat(rep.problems()).extracting(RowProblem::line).containsExactly(format.equals("npy") ? 58L : format.equals("csv") ? 59L : 58L);
      assertThat(rep.rows()).isEqualTo(rep.resumed() + rep.added() + rep.problemCount());
      assertThat(ckpt).doesNotExist();
      try (VectorIndex whole = Artsim.index("flat", DIM, Metric.L2)) {
        VectorImporter.importInto(file, whole, opts.withSaveIndexTo(null, 1).withCheckpoint(null));
        assertThat(new java.util.TreeSet<>(resumed.ids())).isEqualTo(new java.util.TreeSet<>(whole.ids()));
        for (String id : whole.ids()) {
          assertThat(resumed.vector(id).orElseThrow()).containsExactly(whole.vector(id).orElseThrow());
        }
      }
    }
    try (VectorIndex fromSave = Artsim.loadIndex(saved)) {
      assertThat(fromSave.size()).isEqualTo(99);
    }
  }

  @Test
  void aCheckpointOfAnotherFileOrADamagedOneIsRefused() throws Exception {
    float[][] rows = new float[30][DIM];
    for (float[] row : rows) {
      row[0] = 1;
    }
    Path a = VectorFileWriter.write(dir.resolve("a.npy"), VectorFileWriter.npy(1, rows, DIM, 4, ByteOrder.LITTLE_ENDIAN));
    rows[0][1] = 2;
    Path b = VectorFileWriter.write(dir.resolve("b.npy"), VectorFileWriter.npy(1, rows, DIM, 4, ByteOrder.LITTLE_ENDIAN));
    Path ckpt = dir.resolve("c.ckpt");
    try (VectorIndex index = Artsim.index("flat", DIM, Metric.L2)) {
      var opts = VectorImportOptions.defaults().withBatchSize(10).withCheckpoint(ckpt);
      assertThatThrownBy(() -> VectorImporter.importInto(a, interrupting(index, 1), opts)).isInstanceOf(IngestionInterruptedException.class);
      Thread.interrupted();
      assertThatThrownBy(() -> VectorImporter.importInto(b, index, opts))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("made for another vector file").hasMessageContaining("delete it");
      Files.write(ckpt, new byte[] {1, 2, 3});
      assertThatThrownBy(() -> VectorImporter.importInto(a, index, opts)).isInstanceOf(FileFormatException.class).hasMessageContaining("cannot be read").hasMessageContaining("delete it");
    }
  }
}
