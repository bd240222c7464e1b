package org.artsim.embed.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.EmbeddingResult;
import org.artsim.ImageEmbedder;
import org.artsim.ImageSource;
import org.artsim.embed.ImageLimits;

/**
 * Runs in a child JVM with a small heap ({@link ImageBoundsTest}): embeds the same large 16-bit
 * RGBA PNG (args[0]) args[1] times at once with default limits and as many decode threads, and
 * prints the budget and how many succeeded; args[2], if given, is max_decode_bytes.
 */
public final class DecodeBudgetProbe {
  private DecodeBudgetProbe() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[1]);
    var sources = new ArrayList<ImageSource>();
    for (int i = 0; i < n; i++) {
      sources.add(ImageSource.of(Path.of(args[0])));
    }
    System.out.println("budget " + ImageLimits.defaults().maxDecodeBytes());
    var settings = new java.util.HashMap<String, String>(Map.of("decode_threads", Integer.toString(n)));
    if (args.length > 2) {
      settings.put("max_decode_bytes", args[2]);
    }
    try (var e = (ImageEmbedder) Artsim.embedder("color", settings)) {
      var results = e.embedImages(sources);
      System.out.println("ok " + results.stream().filter(EmbeddingResult::ok).count());
      results.stream().filter(r -> !r.ok()).findFirst().ifPresent(r -> System.out.println("first error " + r.error()));
    }
  }
}
