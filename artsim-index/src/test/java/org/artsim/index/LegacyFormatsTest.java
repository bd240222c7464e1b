package org.artsim.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.artsim.Artsim;
import org.artsim.Hit;
import org.artsim.Labels;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written in version 1 of the flat and ball-tree formats (items without tombstone flags)
 * still load after the move to the shared item section (version 2).
 */
class LegacyFormatsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"flat", "balltree"})
  void versionOneFilesStillLoad(String provider) {
    Path file = tmp.resolve(provider + "-v1.bin");
    ArtsimFiles.write(
        file,
        Artsim.INDEX_FORMAT_PREFIX + provider,
        1,
        out -> {
          out.writeInt(2);
          out.writeString("L2");
          if (provider.equals("flat")) {
            out.writeBoolean(true);
          } else {
            out.writeInt(40);
            out.writeLong(1L);
          }
          out.writeInt(2);
          out.writeString("a");
          out.writeLabels(Labels.of("culture", "japanese"));
          out.writeString("b");
          out.writeLabels(Labels.none());
          out.writeFloats(new float[] {0, 0, 5, 5}, 0, 4);
        });
    try (VectorIndex index = Artsim.loadIndex(file)) {
      assertThat(index.kind()).isEqualTo(provider);
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.labels("a")).isEqualTo(Labels.of("culture", "japanese"));
      assertThat(index.search(new float[] {4, 4}, 2)).extracting(Hit::id).containsExactly("b", "a");
      assertThat(index.vector("b").orElseThrow()).containsExactly(5, 5);
    }
  }
}
