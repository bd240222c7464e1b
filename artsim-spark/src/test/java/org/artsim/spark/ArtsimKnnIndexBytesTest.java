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
 * machine (no Java serialisation on top), close to the raw float32 vectors; shards together hold
 * the same items, so their bytes add up to about the same.
 */
class ArtsimKnnIndexBytesTest {
  @TempDir Path dir;

  @Test
  void theBroadcastIsTheSavedIndexAndShardsAddUpToAboutTheSame() throws Exception {
    var data = new TestData(11, 400, 128, 5);
    long raw = 400L * 128 * Float.BYTES;
    Path saved = dir.resolve("flat.idx");
    try (VectorIndex reference = Artsim.index("flat", data.dimension, Metric.DOT)) {
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
}
