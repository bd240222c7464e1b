package org.artsim.recommend.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.Labels;
import org.artsim.Metric;
import org.artsim.VectorEntry;
import org.artsim.VectorIndex;
import org.artsim.testing.FashionMnist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class KnnLabelVoteTest {

  static VectorIndex index(float[][] images, int[] labels) {
    var index = Artsim.index("flat", images[0].length, Metric.L2, Map.of("initial_capacity", String.valueOf(images.length)));
    var entries = new ArrayList<VectorEntry>(images.length);
    for (int i = 0; i < images.length; i++) {
      entries.add(new VectorEntry("train-" + i, images[i], Labels.of("class", String.valueOf(labels[i]))));
    }
    index.addAll(entries);
    return index;
  }

  static List<String> truth(int[] labels) {
    var out = new ArrayList<String>();
    for (int l : labels) {
      out.add(String.valueOf(l));
    }
    return out;
  }

  @Test
  void reachesScikitLearnAccuracyOnTheFashionMnistSubset() {
    var data = FashionMnist.subset();
    var vote = KnnLabelVote.over(index(data.trainImages(), data.trainLabels()), "class", KnnVoteConfig.defaults());
    double accuracy = vote.accuracy(data.testImages(), truth(data.testLabels()));
    assertThat(accuracy).isGreaterThanOrEqualTo(FashionMnist.SUBSET_KNN10_ACCURACY - 0.02);
  }

  @Test
  void reachesAboutEightyFivePercentOnTheFullSet() {
    Assumptions.assumeTrue(FashionMnist.fullAvailable(), "Debian's dataset-fashion-mnist is not installed");
    var data = FashionMnist.full(60_000, 1_000);
    var vote = KnnLabelVote.over(index(data.trainImages(), data.trainLabels()), "class");
    double accuracy = vote.accuracy(data.testImages(), truth(data.testLabels()));
    assertThat(accuracy).isCloseTo(0.85, within(0.03));
  }

  @Test
  void votesSharesTiesAndLeaveOneOut() {
    var index = Artsim.index("flat", 1, Metric.L2);
    index.add("a1", new float[] {0}, Labels.of("kind", "a"));
    index.add("a2", new float[] {1}, Labels.of("kind", "a"));
    index.add("b1", new float[] {2}, Labels.of("kind", "b"));
    index.add("b2", new float[] {3}, Labels.of("kind", "b"));
    index.add("unlabelled", new float[] {1.5f});
    var vote = KnnLabelVote.over(index, "kind", KnnVoteConfig.defaults().withK(3));
    var p = vote.predict(new float[] {0.2f});
    assertThat(p.label()).isEqualTo("a");
    assertThat(p.confidence()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(p.votes()).containsExactly(Map.entry("a", 2.0 / 3), Map.entry("b", 1.0 / 3));
    var tie = KnnLabelVote.over(index, "kind", KnnVoteConfig.defaults().withK(4)).predict(new float[] {1.5f});
    assertThat(tie.label()).isEqualTo("a");
    assertThat(tie.confidence()).isEqualTo(0.5);
    assertThat(vote.predictItem("a2").votes()).containsOnlyKeys("a", "b");
    var weighted = KnnLabelVote.over(index, "kind", KnnVoteConfig.defaults().withK(4).withDistanceWeighted(true));
    assertThat(weighted.predict(new float[] {2.1f}).label()).isEqualTo("b");
    assertThat(weighted.predict(new float[] {3}).confidence()).isEqualTo(1.0);
  }

  @Test
  void badInputs() {
    var index = Artsim.index("flat", 1, Metric.L2);
    index.add("x", new float[] {0});
    assertThatThrownBy(() -> KnnLabelVote.over(index, "kind"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no item of the index has label 'kind'; label some items first or check the field name");
    assertThatThrownBy(() -> KnnVoteConfig.defaults().withK(0)).isInstanceOf(ConfigException.class).hasMessage("knn-vote: k must be in [1, 10000], got 0");
    index.add("y", new float[] {1}, Labels.of("kind", "a"));
    var vote = KnnLabelVote.over(index, "kind");
    assertThatThrownBy(() -> vote.accuracy(new float[][] {{0}}, List.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("accuracy needs one true label per vector and at least one vector, got 1 vectors and 0 labels");
    assertThatThrownBy(() -> vote.predictItem("y"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("no labelled neighbour to vote; the index has no other item with label 'kind'");
    assertThat(KnnVoteConfig.parse(Map.of("k", "5", "distance-weighted", "true"))).isEqualTo(new KnnVoteConfig(5, true));
  }
}
