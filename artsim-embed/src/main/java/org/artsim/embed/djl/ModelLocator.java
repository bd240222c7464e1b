package org.artsim.embed.djl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.artsim.EmbeddingException;
import org.artsim.ModelLoadException;
import org.artsim.embed.image.ImageBytes;
import org.artsim.io.AtomicFiles;

/**
 * Turns a model location into a local path: a file or directory on disk, a {@code classpath:}
 * resource (copied to a temporary file, deleted by {@link Resolved#close()}), a {@code file:} URL,
 * or an {@code http(s):} URL downloaded once into a cache directory ({@code
 * <cache>/<sha256 of the URL>/<file name>}, written atomically, reused afterwards). Downloads have
 * a 30 s connect timeout, a 30 min total limit and a 4 GiB size limit.
 */
final class ModelLocator {
  static final long MAX_MODEL_BYTES = 4L << 30;

  private ModelLocator() {}

  /** A local path, and a temporary copy to delete afterwards (or null). */
  record Resolved(Path path, Path temporary) implements AutoCloseable {
    @Override
    public void close() {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
          Files.deleteIfExists(temporary.getParent());
        } catch (IOException e) {
          // a leftover temporary file is harmless
        }
      }
    }
  }

  static Resolved resolve(String component, String location, Path cacheDir) {
    if (location == null || location.isBlank()) {
      throw new ModelLoadException(component + ": no model configured; set model to a local file or directory, classpath:<resource> or an https:// URL");
    }
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("classpath:")) {
      String res = location.substring("classpath:".length()).replaceFirst("^/+", "");
      try (InputStream in = Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader().getResourceAsStream(res)
          : ModelLocator.class.getClassLoader().getResourceAsStream(res)) {
        if (in == null) {
          throw new ModelLoadException(component + ": no resource '" + res + "' on the classpath; check the jar holds it (directories cannot be loaded from a jar: use a single-file model)");
        }
        Path dir = Files.createTempDirectory("artsim-model");
        Path file = dir.resolve(Path.of(res).getFileName().toString());
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return new Resolved(file, file);
      } catch (IOException e) {
        throw new ModelLoadException(component + ": cannot copy classpath resource '" + res + "' (" + e.getMessage() + ")", e);
      }
    }
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return new Resolved(download(component, URI.create(location), cacheDir), null);
    }
    Path p = lower.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    if (!Files.exists(p)) {
      throw new ModelLoadException(component + ": model '" + location + "' does not exist; set model to a .pt or .onnx file, a SavedModel directory, classpath:<resource> or an https:// URL");
    }
    return new Resolved(p, null);
  }

  static Path download(String component, URI uri, Path cacheDir) {
    String name = Path.of(uri.getPath().isEmpty() ? "/model" : uri.getPath()).getFileName().toString();
    Path target = cacheDir.resolve(sha256(uri.toString())).resolve(name);
    if (Files.exists(target)) {
      return target;
    }
    byte[] bytes;
    try {
      bytes = ImageBytes.fetch(uri, 30_000, 30 * 60_000L, MAX_MODEL_BYTES, "model");
    } catch (EmbeddingException e) {
      throw new ModelLoadException(component + ": cannot download the model: " + e.getMessage(), e);
    }
    try {
      Files.createDirectories(target.getParent());
      AtomicFiles.write(target, out -> out.write(bytes));
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(component + ": cannot store the downloaded model in " + target + " (" + e.getMessage() + "); set cache_dir to a writable directory", e);
    }
    return target;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
