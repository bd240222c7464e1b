package org.artsim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fitted model keeps on the cluster: a broadcast ships exactly the index artsim saves on one
 * machine (no Java serialisation on top; a flat index without int8 codes unless asked), close to
 * the raw float32 vectors; shards together hold the same items, so their bytes add up to about the
 * same.
 */
class ArtsimKnnIndexBytesTest {
  @TempDir Path dir;

  @Test
  void theBroadcastIsTheSavedIndexAndShardsAddUpToAboutTheSame() throws Exception {
    var data = new TestData(11, 400, 128, 5);
    long raw = 400L * 128 * Float.BYTES;
    Path saved = dir.resolve("flat.idx");
    try (VectorIndex reference = Artsim.index("flat", data.dimension, Metric.DOT, java.util.Map.of("quantization", "none"))) {
      reference.addAll(data.items);
      reference.save(saved);
    }

    ArtsimKnnModel broadcast = new ArtsimKnn().setMetric("dot").setLabelCols(new String[] {"culture"}).fit(data.itemFrame());
    assertThat(broadcast.indexBytes()).isEqualTo(Files.size(saved));
    assertThat(broadcast.indexBytes()).isBetween(raw, (long) (raw * 1.1));

    ArtsimKnnModel shards = new ArtsimKnn().setMetric("dot").setLabelCols(new String[] {"culture"}).setStrategy("partitioned")
        .setNumShards(4).setSeed(3).fit(data.itemFrame());
    assertThat(shards.indexBytes()).isBetween(raw, (long) (raw * 1.1));
    broadcast.release();
    shards.release();
  }

  /**
   * Above the size where a local flat index keeps int8 codes (4,096 rows), the broadcast and the
   * shards still ship float32 only unless asked: the codes would add a quarter (d + 12 bytes a row).
   */
  @Test
  void largeFlatIndexesShipFloat32OnlyUnlessInt8IsAskedFor() throws Exception {
    var data = new TestData(12, 5000, 192, 5);
    long raw = 5000L * 192 * Float.BYTES;
    ArtsimKnnModel plain = new ArtsimKnn().setMetric("dot").setLabelCols(new String[] {"culture"}).fit(data.itemFrame());
    assertThat(plain.indexBytes()).isBetween(raw, (long) (raw * 1.1));
    ArtsimKnnModel shards = new ArtsimKnn().setMetric("dot").setLabelCols(new String[] {"culture"}).setStrategy("partitioned")
        .setNumShards(2).setSeed(3).fit(data.itemFrame());
    assertThat(shards.indexBytes()).isBetween(raw, (long) (raw * 1.1));

    ArtsimKnnModel int8 = new ArtsimKnn().setMetric("dot").setLabelCols(new String[] {"culture"}).setIndexSettings(new String[] {"quantization=int8"})
        .fit(data.itemFrame());
    assertThat(int8.indexBytes()).isGreaterThan((long) (raw * 1.2));
    var queries = data.queryFrame();
    assertThat(int8.transform(queries).select("neighbours").collectAsList()).isEqualTo(plain.transform(queries).select("neighbours").collectAsList());
    plain.release();
    shards.release();
    int8.release();
  }
}
