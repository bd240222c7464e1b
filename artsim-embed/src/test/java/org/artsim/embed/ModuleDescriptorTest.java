package org.artsim.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.artsim.embed.color.ColorEmbedderProvider;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor and {@code META-INF/services} say the same: every provider listed for the
 * class path is provided on the module path too, and nothing else. Both are read from this
 * module's own build output (not from other jars on the class path).
 */
class ModuleDescriptorTest {
  static Path classes() throws Exception {
    return Path.of(ColorEmbedderProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static ModuleDescriptor descriptor() throws Exception {
    try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  static TreeMap<String, Set<String>> servicesFiles() throws Exception {
    var out = new TreeMap<String, Set<String>>();
    Path dir = classes().resolve("META-INF/services");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Set<String> names = Files.readAllLines(f, StandardCharsets.UTF_8).stream()
            .map(l -> l.replaceFirst("#.*", "").trim())
            .filter(l -> !l.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
        out.put(f.getFileName().toString(), names);
      }
    }
    return out;
  }

  @Test
  void providesEqualsTheServicesFiles() throws Exception {
    var provides = new TreeMap<String, Set<String>>();
    for (ModuleDescriptor.Provides p : descriptor().provides()) {
      provides.put(p.service(), new TreeSet<>(p.providers().stream().map(n -> binaryName(n)).toList()));
    }
    assertThat(provides).isEqualTo(servicesFiles());
    assertThat(provides).containsKeys("org.artsim.spi.EmbedderProvider", "org.artsim.spi.ImageQualityMeterProvider");
  }

  @Test
  void theModuleIsNamedAndExportsOnlyWhatUsersNeed() throws Exception {
    var d = descriptor();
    assertThat(d.name()).isEqualTo("org.artsim.embed");
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("org.artsim.embed", "org.artsim.embed.image", "org.artsim.embed.quality", "org.artsim.embed.pretrained", "org.artsim.embed.minilm");
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet())).contains("org.artsim.api", "ai.djl.api");
  }

  /** A nested class named in module-info as {@code a.B.C} is {@code a.B$C} in a services file. */
  private static String binaryName(String name) {
    try {
      Class.forName(name, false, ModuleDescriptorTest.class.getClassLoader());
      return name;
    } catch (ClassNotFoundException e) {
      int dot = name.lastIndexOf('.');
      return binaryName(name.substring(0, dot)) + "$" + name.substring(dot + 1);
    } catch (LinkageError e) {
      throw new AssertionError(e);
    }
  }

}
