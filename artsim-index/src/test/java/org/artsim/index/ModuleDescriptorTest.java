package org.artsim.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.artsim.spi.VectorIndexProvider;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor's {@code provides} equals {@code META-INF/services} (a provider added to
 * one and not the other would be found on the class path and not on the module path, or the other
 * way round), and the module exports only the configuration package.
 */
class ModuleDescriptorTest {
  private static final String SERVICE = VectorIndexProvider.class.getName();

  private static Set<String> servicesFile() throws IOException {
    try (InputStream in = FlatConfig.class.getClassLoader().getResourceAsStream("META-INF/services/" + SERVICE)) {
      assertThat(in).as("META-INF/services/" + SERVICE).isNotNull();
      var out = new TreeSet<String>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.replaceAll("#.*", "").trim();
        if (!l.isEmpty()) {
          out.add(l);
        }
      }
      return out;
    }
  }

  /** The {@code provides ... with ...;} list of the module-info source. */
  private static Set<String> providesInSource() throws IOException {
    String source = Files.readString(Path.of("src/main/module/module-info.java"));
    var m = Pattern.compile("provides\\s+" + Pattern.quote(SERVICE) + "\\s+with\\s+([^;]+);").matcher(source);
    assertThat(m.find()).as("module-info.java provides " + SERVICE).isTrue();
    var out = new TreeSet<String>();
    for (String name : m.group(1).split(",")) {
      out.add(name.trim());
    }
    return out;
  }

  @Test
  void providesEqualsTheServicesFile() throws Exception {
    Set<String> services = servicesFile();
    assertThat(providesInSource()).isEqualTo(services);
    for (String name : services) {
      assertThat(VectorIndexProvider.class.isAssignableFrom(Class.forName(name))).as(name).isTrue();
    }
  }

  @Test
  void theCompiledDescriptorMatchesToo() throws Exception {
    Path compiled = Path.of(FlatConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("module-info.class");
    if (!Files.exists(compiled)) {
      return; // built without the descriptor step (an IDE); the source check above still ran
    }
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(compiled)) {
      d = ModuleDescriptor.read(in);
    }
    assertThat(d.name()).isEqualTo("org.artsim.index");
    var provides = d.provides().stream().filter(p -> p.service().equals(SERVICE)).findFirst().orElseThrow();
    assertThat(new TreeSet<>(provides.providers())).isEqualTo(servicesFile());
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("org.artsim.index");
    assertThat(d.requires())
        .filteredOn(r -> r.name().equals("hnswlib.core"))
        .singleElement()
        .satisfies(r -> assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.STATIC));
  }
}
