package org.artsim.embed.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.artsim.ModelLoadException;

/**
 * Points DJL's TensorFlow engine at the native library inside {@code
 * org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64} (TensorFlow 2.16.1) so that DJL
 * does not try to download one: the 760 KB JNI library is copied to {@code
 * <DJL cache>/tensorflow/tf-core-native-1.0.0-rc.1/} and {@code TENSORFLOW_LIBRARY_PATH} is set to
 * that directory; JavaCPP then loads the rest from the jar. Skipped when the user set {@code
 * TENSORFLOW_LIBRARY_PATH} (environment or system property).
 */
final class TensorFlowBootstrap {
  private static final String RESOURCE = "org/tensorflow/internal/c_api/linux-x86_64/libjnitensorflow.so";
  private static volatile boolean done;

  private TensorFlowBootstrap() {}

  static synchronized void ensure() {
    if (done || System.getenv("TENSORFLOW_LIBRARY_PATH") != null || System.getProperty("TENSORFLOW_LIBRARY_PATH") != null) {
      done = true;
      return;
    }
    DjlEnvironment.ensureOffline();
    ClassLoader cl = TensorFlowBootstrap.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new ModelLoadException("tensorflow: " + RESOURCE
            + " is not on the classpath; add org.artsim:artsim-engine-tensorflow (type pom), which brings"
            + " org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64, or set TENSORFLOW_LIBRARY_PATH");
      }
      Path dir = ai.djl.util.Utils.getEngineCacheDir("tensorflow").resolve("tf-core-native-1.0.0-rc.1");
      Files.createDirectories(dir);
      Path lib = dir.resolve("libjnitensorflow.so");
      Path tmp = Files.createTempFile(dir, "libjnitensorflow", ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.setProperty("TENSORFLOW_LIBRARY_PATH", dir.toString());
      done = true;
    } catch (IOException e) {
      throw new ModelLoadException("tensorflow: cannot prepare the native library (" + e.getMessage() + "); set TENSORFLOW_LIBRARY_PATH to a directory holding libjnitensorflow.so", e);
    }
  }
}
