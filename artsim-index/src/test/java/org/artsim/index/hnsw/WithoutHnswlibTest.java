package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.artsim.Artsim;
import org.artsim.Metric;
import org.artsim.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hnswlib-core is optional: on a class path without {@code com.github.jelmerk} (a class loader over
 * artsim-api, artsim-index, slf4j and lucene only), {@code "hnsw"} fails with a typed error that
 * names the Maven coordinates to add, and the other indexes work.
 */
class WithoutHnswlibTest {
  @TempDir Path tmp;

  private static URL jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  private static URLClassLoader withoutHnswlib() {
    URL[] urls = {
      jarOf(Artsim.class), jarOf(HnswIndexProvider.class), jarOf(org.slf4j.LoggerFactory.class), jarOf(org.apache.lucene.util.hnsw.HnswGraph.class)
    };
    return new URLClassLoader("without-hnswlib", urls, ClassLoader.getPlatformClassLoader());
  }

  /** Calls a static method of {@code org.artsim.Artsim} inside the loader; returns the result or the thrown exception. */
  private static Object call(ClassLoader loader, String method, Class<?>[] types, Object... args) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      Method m = loader.loadClass("org.artsim.Artsim").getMethod(method, types);
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      return e.getCause();
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void hnswNamesTheDependencyToAddAndTheOtherIndexesWork() throws Exception {
    Path saved = tmp.resolve("hnsw.bin");
    try (VectorIndex index = Artsim.index("hnsw", 2, Metric.L2)) {
      index.add("a", new float[] {1, 2});
      index.save(saved);
    }
    try (URLClassLoader loader = withoutHnswlib()) {
      assertThatThrownBy(() -> loader.loadClass("com.github.jelmerk.hnswlib.core.hnsw.HnswIndex")).isInstanceOf(ClassNotFoundException.class);
      Class<?> metricType = loader.loadClass("org.artsim.Metric");
      Object l2 = metricType.getField("L2").get(null);
      Class<?>[] indexArgs = {String.class, int.class, metricType};

      Object created = call(loader, "index", indexArgs, "hnsw", 2, l2);
      assertThat(created).isInstanceOf(Throwable.class);
      assertThat(created.getClass().getName()).isEqualTo("org.artsim.ConfigException");
      assertThat(((Throwable) created).getMessage())
          .contains("com.github.jelmerk:hnswlib-core")
          .contains("optional dependency")
          .contains("hnsw-lucene");

      Object loaded = call(loader, "loadIndex", new Class<?>[] {Path.class}, saved);
      assertThat(loaded.getClass().getName()).isEqualTo("org.artsim.ConfigException");
      assertThat(((Throwable) loaded).getMessage()).contains("com.github.jelmerk:hnswlib-core");

      for (String other : new String[] {"flat", "balltree", "hnsw-lucene"}) {
        Object index = call(loader, "index", indexArgs, other, 2, l2);
        assertThat(index).as(other).isNotInstanceOf(Throwable.class);
        assertThat(index.getClass().getClassLoader()).isSameAs(loader);
        ((AutoCloseable) index).close();
      }
      Object available = call(loader, "available", new Class<?>[0]);
      assertThat(((Map<?, ?>) available).toString()).contains("hnsw-lucene");
    }
  }
}
