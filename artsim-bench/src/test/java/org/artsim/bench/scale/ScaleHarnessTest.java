package org.artsim.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.artsim.bench.data.ClusteredVectors;
import org.artsim.collection.ingest.VectorImportOptions;
import org.artsim.collection.ingest.VectorImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's data and plumbing: streamed vectors equal the in-memory clip512 set, both file formats import to them, index specs parse, a small run writes its table. */
class ScaleHarnessTest {
  @TempDir Path dir;

  @Test
  void streamedVectorsEqualClusteredVectorsInBothFormats() {
    var expected = ClusteredVectors.generate(300, 7, 16, 5);
    for (ClusteredStream.Format f : ClusteredStream.Format.values()) {
      Path file = dir.resolve("v" + f.extension);
      float[][] q = ClusteredStream.write(file, f, 300, 7, 16, 1000, 0.6, 5);
      assertThat(q).isDeepEqualTo(expected.queries());
      try (VectorIndex index = Artsim.index("flat", 16, Metric.L2)) {
        VectorImporter.importInto(file, index, VectorImportOptions.defaults());
        for (int i = 0; i < 300; i++) {
          assertThat(index.vector(Integer.toString(i)).orElseThrow()).containsExactly(expected.base()[i]);
        }
      }
    }
  }

  @Test
  void indexSpecsCarrySettingsInOrder() {
    var s = IndexSpec.parse("hnsw-lucene:m=16,ef_construction=100");
    assertThat(s.name()).isEqualTo("hnsw-lucene");
    assertThat(s.settings()).containsExactly(Map.entry("m", "16"), Map.entry("ef_construction", "100"));
    assertThat(IndexSpec.parse("flat").plainFlat()).isTrue();
    assertThatThrownBy(() -> IndexSpec.parse("flat:oops")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not key=value");
  }

  @Test
  void aSmallRunWritesOneRowPerIndexWithExactFlatRecall() throws Exception {
    Path out = dir.resolve("scale.md");
    ScaleHarness.main(new String[] {"--n", "500", "--dim", "8", "--queries", "20", "--warmup", "2", "--index", "flat", "--index", "hnsw-lucene:m=8,ef=64",
        "--work", dir.resolve("w").toString(), "--out", out.toString()});
    String md = Files.readString(out);
    assertThat(md).contains("# Scale").contains("| 500 | `flat` | .npy |").contains("| 500 | `hnsw-lucene:m=8,ef=64` | .npy |").contains("load average");
    assertThat(md.lines().filter(l -> l.startsWith("| 500 | `flat`")).findFirst().orElseThrow()).endsWith("| 1.0000 |");
  }
}
