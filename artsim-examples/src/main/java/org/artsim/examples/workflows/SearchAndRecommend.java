package org.artsim.examples.workflows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.artsim.Hit;
import org.artsim.Recommendations;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.examples.DemoData;

/**
 * Reference workflow (b), the museum's search-and-recommend loop: text search &rarr; like two
 * results &rarr; recommendations of unseen works &rarr; unlike one &rarr; recommendations again
 * &rarr; clear &rarr; a new search.
 */
public final class SearchAndRecommend {
  private SearchAndRecommend() {}

  /**
   * Each step's outcome.
   *
   * @param firstSearch the first search's hits
   * @param liked the liked ids
   * @param afterLikes the recommendations after the likes
   * @param afterUnlike the recommendations after unliking the second like
   * @param afterClear the recommendations right after clearing (none, with a reason)
   * @param secondSearch the new search's hits
   */
  public record Result(List<Hit> firstSearch, List<String> liked, Recommendations afterLikes, Recommendations afterUnlike, Recommendations afterClear, List<Hit> secondSearch) {}

  /** Runs the loop with two queries. */
  public static Result run(ArtCollection art, String firstQuery, String secondQuery, PrintStream log) {
    var first = art.searchText(firstQuery, 5);
    log.println("search \"" + firstQuery + "\" (" + first.explanation() + "): " + first.hits());
    var session = art.newSession();
    session.markShown(first.hits().stream().map(Hit::id).toList());
    List<String> liked = first.hits().stream().limit(2).map(Hit::id).toList();
    liked.forEach(session::like);
    log.println("liked " + liked);
    Recommendations a = session.recommend(5);
    log.println("recommended: " + a.hits());
    session.unlike(liked.get(liked.size() - 1));
    Recommendations b = session.recommend(5);
    log.println("after unliking " + liked.get(liked.size() - 1) + ": " + b.hits());
    session.clear();
    Recommendations c = session.recommend(5);
    log.println("after clear: " + (c.isEmpty() ? "nothing (" + c.reason() + ")" : c.hits()));
    var second = art.searchText(secondQuery, 5);
    log.println("search \"" + secondQuery + "\": " + second.hits());
    return new Result(first.hits(), liked, a, b, c, second.hits());
  }

  /** {@code [outDir]}: runs on the generated default collection. */
  public static void main(String[] args) {
    try (var art = DemoData.defaultCollection(Path.of(args.length > 0 ? args[0] : "artsim-demo-output/search-and-recommend"), CollectionConfig.defaults(), System.out)) {
      run(art, "tulips windmils", "jade dragons", System.out);
    }
  }
}
