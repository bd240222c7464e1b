package org.artsim.text.tfidf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.artsim.Artsim;
import org.artsim.ConfigException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.TextDocument;
import org.artsim.TextSearchResult;
import org.artsim.text.TfidfConfig;
import org.junit.jupiter.api.Test;

/** D7: the work of one query is bounded, and reading a query never holds the index lock. */
class QueryLimitsTest {

  private static String distinctWords(int n) {
    var sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("w").append(i).append(' ');
    }
    return sb.toString();
  }

  @Test
  void aQueryLongerThanMaxQueryCharsIsRefusedNamingTheLimitAndTheKey() {
    var index = new TfidfTextIndex(TfidfConfig.defaults());
    index.add("a", TextDocument.of("vase"));
    assertThat(index.search("vase " + " ".repeat(9_995), 3).hits()).hasSize(1);
    assertThatThrownBy(() -> index.search("vase " + "x".repeat(9_996), 3))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the query has 10001 characters, more than the limit of 10000 (max_query_chars); shorten it,"
            + " or raise the limit with TfidfConfig.withMaxQueryChars(...) or the setting 'max_query_chars'");
  }

  @Test
  void aQueryWithMoreDistinctWordsThanMaxQueryTermsIsRefused() {
    var index = new TfidfTextIndex(TfidfConfig.defaults());
    index.add("a", TextDocument.of("w1 vase"));
    assertThat(index.search(distinctWords(64) + "the of and " + "w1 ".repeat(100), 3).hits()).extracting(Hit::id).containsExactly("a");
    assertThatThrownBy(() -> index.search(distinctWords(65), 3))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("the query has 65 distinct words (stop words aside), more than the limit of 64 (max_query_terms); use fewer words,"
            + " or raise the limit with TfidfConfig.withMaxQueryTerms(...) or the setting 'max_query_terms'");
  }

  @Test
  void theLimitsCanBeRaisedThroughTheConfigOrTheSettings() {
    var raised = Artsim.textIndex("tfidf", Map.of("max_query_chars", "200000", "max_query_terms", "1000"));
    raised.add("a", TextDocument.of("w999 vase"));
    TextSearchResult r = raised.search(distinctWords(1000) + " ".repeat(150_000), 3);
    assertThat(r.hits()).extracting(Hit::id).containsExactly("a");
    var typed = new TfidfTextIndex(TfidfConfig.defaults().withMaxQueryChars(20).withMaxQueryTerms(2));
    typed.add("a", TextDocument.of("vase bowl"));
    assertThatThrownBy(() -> typed.search("vase bowl cup", 1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit of 2");
    assertThatThrownBy(() -> typed.search("vase bowl           x", 1)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("limit of 20");
  }

  @Test
  void limitsOutsideTheirRangeAreConfigErrors() {
    assertThatThrownBy(() -> TfidfConfig.defaults().withMaxQueryChars(0))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: max_query_chars must be in [1, 10000000], got 0");
    assertThatThrownBy(() -> TfidfConfig.parse(Map.of("max_query_terms", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("tfidf: max_query_terms must be in [1, 100000], got -1");
  }

  @Test
  void writersAndOtherSearchesDoNotWaitForAQueryBeingRead() throws Exception {
    var index = new TfidfTextIndex(TfidfConfig.defaults());
    index.add("a", TextDocument.of("blue vase"));
    var entered = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var first = new AtomicBoolean(true);
    index.queryHook(
        () -> {
          if (first.compareAndSet(true, false)) {
            entered.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    var pool = Executors.newFixedThreadPool(3);
    var blocked = CompletableFuture.supplyAsync(() -> index.search("blue vase", 5), pool);
    try {
      assertThat(entered.await(30, TimeUnit.SECONDS)).as("the search reached its query reading").isTrue();
      var writer =
          CompletableFuture.runAsync(
              () -> {
                index.add("b", TextDocument.of("blue bowl"));
                index.remove("a");
              },
              pool);
      writer.get(30, TimeUnit.SECONDS);
      var other = CompletableFuture.supplyAsync(() -> index.search("blue", 5), pool).get(30, TimeUnit.SECONDS);
      assertThat(other.hits()).extracting(Hit::id).containsExactly("b");
      assertThat(blocked).isNotDone();
      release.countDown();
      assertThat(blocked.get(30, TimeUnit.SECONDS).hits()).extracting(Hit::id).containsExactly("a");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
