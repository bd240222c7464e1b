package org.artsim.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality harness's parts against naive references. */
class QualityPartsTest {

  private static String id(int i) {
    return String.format("%024x", i);
  }

  @Test
  void theVectorCacheResumesAndDropsARecordCutShort(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.avc");
    try (var c = VectorCache.open(f)) {
      c.put(id(1), new float[] {1, 2, 3});
      c.put(id(2), new float[] {4, 5, 6});
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5);
    }
    try (var c = VectorCache.open(f)) {
      assertThat(c.size()).isEqualTo(1);
      assertThat(c.get(id(1))).containsExactly(1, 2, 3);
      assertThat(c.get(id(2))).isNull();
      c.put(id(3), new float[] {7, 8, 9});
    }
    try (var c = VectorCache.open(f)) {
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.get(id(3))).containsExactly(7, 8, 9);
    }
  }

  @Test
  void aTypoIsExactlyOneEditAfterTheFirstLetterOnManySeeds() {
    Random r = new Random(15);
    String[] words = {"flower", "butterfly", "aardvark", "book", "sheep", "Mississippi"};
    for (int s = 0; s < 500; s++) {
      String w = words[s % words.length];
      String t = Typos.typo(w, r);
      assertThat(t).isNotEqualTo(w);
      assertThat(t.charAt(0)).isEqualTo(w.charAt(0));
      assertThat(damerau(w, t)).as(w + " -> " + t).isEqualTo(1);
    }
    assertThat(Typos.oneTypo("a big tree", new Random(1))).startsWith("a big t");
    assertThat(Typos.oneTypo("a b c", new Random(1))).isEqualTo("a b c");
  }

  /** Optimal string alignment distance, the naive dynamic programme. */
  private static int damerau(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  @Test
  void chanceReciprocalRankMatchesASimulation() {
    Random r = new Random(7);
    for (int[] nm : new int[][] {{50, 1}, {50, 5}, {20, 19}, {12, 3}}) {
      int n = nm[0];
      int m = nm[1];
      double sum = 0;
      int trials = 200_000;
      for (int t = 0; t < trials; t++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          order.add(i);
        }
        java.util.Collections.shuffle(order, r);
        for (int k = 0; k < 10; k++) {
          if (order.get(k) < m) {
            sum += 1.0 / (k + 1);
            break;
          }
        }
      }
      assertThat(TextQuality.chanceReciprocalRank(n, m, 10)).as("n=" + n + " m=" + m).isCloseTo(sum / trials, within(0.005));
    }
  }

  @Test
  void purityCountsTheMajorityLabelOfEachGroup() {
    record W(Set<String> labels) {}
    List<W> works = List.of(new W(Set.of("a")), new W(Set.of("a")), new W(Set.of("b")), new W(Set.of("a", "b")), new W(Set.of("c")));
    List<int[]> groups = List.of(new int[] {0, 1, 2}, new int[] {3, 4});
    // group 1: a twice of three; group 2: a, b, c once each of two
    assertThat(ClusterPurity.purity(groups, works, W::labels)).isCloseTo(3 / 5.0, within(1e-12));
    assertThat(ClusterPurity.purity(List.of(new int[] {0, 1, 3}), works, W::labels)).isEqualTo(1.0);
  }

  @Test
  void theAlterationsMakeTheCopiesTheySay() throws IOException {
    BufferedImage src = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 40; x++) {
        src.setRGB(x, y, (x * 6) << 16 | (y * 12) << 8);
      }
    }
    BufferedImage half = PlantedDuplicates.Alteration.HALF.apply(src);
    assertThat(half.getWidth()).isEqualTo(20);
    assertThat(half.getHeight()).isEqualTo(10);
    BufferedImage crop = PlantedDuplicates.Alteration.CROP90.apply(src);
    assertThat(crop.getWidth()).isEqualTo(36);
    assertThat(crop.getHeight()).isEqualTo(18);
    assertThat(crop.getRGB(0, 0)).isEqualTo(src.getRGB(2, 1));
    BufferedImage jpeg = PlantedDuplicates.Alteration.JPEG70.apply(src);
    assertThat(jpeg.getWidth()).isEqualTo(40);
    int differing = 0;
    for (int x = 0; x < 40; x++) {
      int a = jpeg.getRGB(x, 10) >> 16 & 0xff;
      int b = src.getRGB(x, 10) >> 16 & 0xff;
      assertThat(Math.abs(a - b)).isLessThan(40);
      differing += a == b ? 0 : 1;
    }
    assertThat(differing).as("quality 70 is lossy").isPositive();
    assertThat(PlantedDuplicates.Alteration.JPEG70.copyId(id(5))).hasSize(24).startsWith("jq70").doesNotMatch("[0-9a-f]{24}");
  }

  @Test
  void aSampleIsAPrefixOfTheSeededOrder() {
    List<ClipArtCorpus.Work> works = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      works.add(new ClipArtCorpus.Work(id(i), Path.of("x" + i + ".png"), "c", "c/-", new java.util.TreeSet<>(Set.of("c")), new java.util.TreeSet<>(Set.of("c/-"))));
    }
    var all = QualityHarness.sampled(works, 0, 15);
    var ten = QualityHarness.sampled(works, 10, 15);
    assertThat(all).hasSize(50).containsExactlyInAnyOrderElementsOf(works).isNotEqualTo(works);
    assertThat(ten).isEqualTo(all.subList(0, 10));
  }
}
