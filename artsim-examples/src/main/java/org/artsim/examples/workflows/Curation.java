package org.artsim.examples.workflows;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.artsim.Hit;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CollectionConfig;
import org.artsim.analysis.Clusters;
import org.artsim.analysis.DuplicateGroup;
import org.artsim.collection.view.ProjectorExport;
import org.artsim.examples.DemoData;

/**
 * Reference workflow (e), data set curation: cosine neighbourhoods of a few works, k-medoids
 * clusters, near-duplicates to clean up, and an export for the TensorBoard Embedding Projector.
 */
public final class Curation {
  private Curation() {}

  /**
   * The findings.
   *
   * @param neighbourhoods work id to its 5 nearest neighbours (cosine similarity scores)
   * @param clusters the clusters
   * @param duplicates the near-duplicate groups
   * @param projector the projector export directory
   */
  public record Result(Map<String, List<Hit>> neighbourhoods, Clusters clusters, List<DuplicateGroup> duplicates, Path projector) {}

  /** Runs the curation steps; {@code threshold} is the near-duplicate cosine distance. */
  public static Result run(ArtCollection art, List<String> works, int k, double threshold, Path out, PrintStream log) {
    var neighbourhoods = new LinkedHashMap<String, List<Hit>>();
    for (String id : works) {
      neighbourhoods.put(id, art.similarTo(id, 5));
      log.println("neighbourhood of " + id + ": " + neighbourhoods.get(id));
    }
    Clusters clusters = art.analysis().clusters(k, 11);
    log.println(k + " clusters, loss " + clusters.loss() + ": medoids " + clusters.medoids());
    var duplicates = art.analysis().duplicates(threshold);
    log.println(duplicates.size() + " near-duplicate groups within cosine distance " + threshold + ":");
    duplicates.forEach(g -> log.println("  keep " + g.kept() + ", drop " + g.duplicates()));
    Path projector = ProjectorExport.write(art, out.resolve("projector"), List.of("title", "artist", "culture", "classification"));
    log.println("projector files: " + projector + " (load vectors.tsv and metadata.tsv at projector.tensorflow.org)");
    return new Result(neighbourhoods, clusters, duplicates, projector);
  }

  /** {@code [outDir]}: runs on the generated default collection. */
  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "artsim-demo-output/curation");
    try (var art = DemoData.defaultCollection(out, CollectionConfig.defaults(), System.out)) {
      run(art, List.of("w-0001", "w-0002", "w-0003"), 8, 0.002, out, System.out);
    }
  }
}
