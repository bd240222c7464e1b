package org.artsim.examples.workflows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.view.ContactSheet;
import org.artsim.examples.DemoData;

/**
 * Reference workflow (a), conditional kNN: the closest matches per culture and per medium for a
 * few chosen works, saved as grids ("matches by culture", "matches by medium"), as in SynapseML's
 * "Exploring Art Across Cultures".
 */
public final class ConditionalKnn {
  private ConditionalKnn() {}

  /**
   * What was found and written.
   *
   * @param matches field to query id to label value to hits
   * @param grids field to the PNG grid
   */
  public record Result(Map<String, Map<String, Map<String, List<Hit>>>> matches, Map<String, Path> grids) {}

  /** Runs the workflow for {@code queries} over the fields culture and classification. */
  public static Result run(ArtCollection art, List<String> queries, Path out, PrintStream log) {
    var matches = new LinkedHashMap<String, Map<String, Map<String, List<Hit>>>>();
    var grids = new LinkedHashMap<String, Path>();
    for (String field : List.of("culture", "classification")) {
      var perQuery = new LinkedHashMap<String, Map<String, List<Hit>>>();
      for (String q : queries) {
        perQuery.put(q, art.matchesPerLabel(q, field, 1));
        log.println("matches by " + field + " for " + art.record(q) + ":");
        perQuery.get(q).forEach((v, hits) -> log.println("  " + v + ": " + hits));
      }
      matches.put(field, perQuery);
      grids.put(field, ContactSheet.write(ContactSheet.perLabel(art, field, perQuery), out.resolve("matches-by-" + field + ".png")));
      log.println("wrote " + grids.get(field));
    }
    return new Result(matches, grids);
  }

  /** {@code [outDir]}: runs on the generated default collection, for works w-0001, w-0014 and w-0027. */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "artsim-demo-output/conditional-knn");
    try (var art = DemoData.defaultCollection(out, org.artsim.collection.CollectionConfig.defaults(), System.out)) {
      run(art, List.of("w-0001", "w-0014", "w-0027"), out, System.out);
    }
  }
}
