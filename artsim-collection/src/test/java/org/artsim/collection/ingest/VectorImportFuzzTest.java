package org.artsim.collection.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.artsim.Artsim;
import org.artsim.ArtsimException;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated vector files (bytes flipped, set to extremes, cut, repeated) give a report or a typed
 * {@link ArtsimException}, never another exception, an Error or a hang, in both bad-row modes, on
 * many seeds; the index only ever holds rows whose vectors were valid.
 */
class VectorImportFuzzTest {
  private static final int DIM = 6;

  @TempDir Path dir;

  private static float[][] rows(SplittableRandom r, int n) {
    float[][] v = new float[n][DIM];
    for (float[] row : v) {
      for (int j = 0; j < DIM; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return v;
  }

  private static byte[] seedFile(String kind, SplittableRandom r) {
    float[][] v = rows(r, r.nextInt(1, 12));
    var ids = new java.util.ArrayList<String>();
    var labels = new java.util.ArrayList<Map<String, String>>();
    for (int i = 0; i < v.length; i++) {
      ids.add("id" + i);
      labels.add(Map.of("culture", "c" + (i % 3)));
    }
    return switch (kind) {
      case "npy" -> VectorFileWriter.npy(1 + r.nextInt(3), v, DIM, r.nextBoolean() ? 4 : 8, r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
      case "fvecs" -> VectorFileWriter.vecs(v, 'f');
      case "csv" -> VectorFileWriter.csv(ids, v, DIM, labels, List.of("culture"), r.nextBoolean()).getBytes(StandardCharsets.UTF_8);
      default -> VectorFileWriter.jsonl(ids, v, labels).getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] mutate(byte[] in, SplittableRandom r) {
    byte[] b = in.clone();
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(6)) {
        case 0 -> b[at] = (byte) r.nextInt(256);
        case 1 -> b[at] = (byte) (r.nextBoolean() ? 0xff : 0x7f);
        case 2 -> b = java.util.Arrays.copyOf(b, at);
        case 3 -> {
          byte[] c = new byte[b.length + 8];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at, c, at + 8, b.length - at);
          b = c;
        }
        case 4 -> b[at] = (byte) "[]{}\",:\n'(-9".charAt(r.nextInt(12));
        default -> b[at] ^= (byte) (1 << r.nextInt(8));
      }
    }
    return b;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void mutatedFilesGiveReportsOrTypedErrorsOnly() throws Exception {
    int typed = 0;
    int imported = 0;
    for (String kind : List.of("npy", "fvecs", "csv", "jsonl")) {
      for (int seed = 0; seed < 300; seed++) {
        var r = new SplittableRandom(seed * 7919L + kind.hashCode());
        Path f = VectorFileWriter.write(dir.resolve("f" + seed + "." + kind), mutate(seedFile(kind, r), r));
        var opts = VectorImportOptions.defaults().withBatchSize(1 + r.nextInt(5)).withOnBadRow(r.nextBoolean() ? VectorImportOptions.OnBadRow.SKIP : VectorImportOptions.OnBadRow.FAIL);
        if (kind.equals("csv") || kind.equals("jsonl")) {
          opts = opts.withLabelColumns(List.of("culture"));
        }
        try (VectorIndex index = Artsim.index("flat", DIM, r.nextBoolean() ? Metric.COSINE : Metric.L2)) {
          try {
            var rep = VectorImporter.importInto(f, index, opts);
            assertThat(rep.rows()).isEqualTo(rep.added() + rep.problemCount());
            imported++;
          } catch (ArtsimException e) {
            assertThat(e.getMessage()).as("seed %d %s", seed, kind).isNotBlank();
            typed++;
          } catch (RuntimeException | Error e) {
            fail("seed " + seed + " " + kind + " gave " + e, e);
          }
          for (String id : index.ids()) {
            for (float x : index.vector(id).orElseThrow()) {
              assertThat(Float.isFinite(x)).isTrue();
            }
          }
        }
      }
    }
    assertThat(typed).isPositive();
    assertThat(imported).isPositive();
  }
}
