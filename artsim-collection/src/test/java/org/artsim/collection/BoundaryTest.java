package org.artsim.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The collection compiles against the api only: its main sources name no implementation package
 * (neither by import nor fully qualified), and its module descriptor requires only the api.
 */
class BoundaryTest {
  private static final Pattern FORBIDDEN =
      Pattern.compile("\\borg\\.artsim\\.(cluster|unique|label|embed|index|text|recommend|bench|examples)\\b");

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void mainSourcesNameNoImplementationPackage() throws IOException {
    List<Path> files = new ArrayList<>(sources(Path.of("src/main/java")));
    assertThat(files).as("the main sources are found from the module directory").hasSizeGreaterThan(20);
    var offences = new ArrayList<String>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        if (FORBIDDEN.matcher(lines.get(i)).find()) {
          offences.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void theScanFindsAnOffenceWhenThereIsOne() {
    assertThat(FORBIDDEN.matcher("import org.artsim.cluster.KMedoids;").find()).isTrue();
    assertThat(FORBIDDEN.matcher("var q = org.artsim.embed.ImageQuality.of(img);").find()).isTrue();
    assertThat(FORBIDDEN.matcher("import org.artsim.analysis.Clusterer;").find()).isFalse();
    assertThat(FORBIDDEN.matcher("import org.artsim.collection.ingest.Ingestor;").find()).isFalse();
  }

  @Test
  void theModuleRequiresNoArtsimModuleButTheApi() throws IOException {
    String descriptor = Files.readString(Path.of("src/main/module/module-info.java"));
    var requires = new ArrayList<String>();
    var m = Pattern.compile("requires\\s+(?:transitive\\s+|static\\s+)*([\\w.]+)\\s*;").matcher(descriptor);
    while (m.find()) {
      requires.add(m.group(1));
    }
    assertThat(requires).contains("org.artsim.api");
    assertThat(requires.stream().filter(r -> r.startsWith("org.artsim"))).containsExactly("org.artsim.api");
    for (String pkg : List.of("org.artsim.collection", "org.artsim.collection.ingest", "org.artsim.collection.sample", "org.artsim.collection.view")) {
      assertThat(descriptor).contains("exports " + pkg + ";");
    }
  }
}
