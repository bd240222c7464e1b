package org.artsim.spark.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.artsim.Artsim;
import org.artsim.StorageException;
import org.artsim.VectorIndex;

/**
 * A saved artsim index on storage every executor can read (any Hadoop file system: HDFS, S3, a
 * shared mount, the local disk in local mode), opened once per executor JVM. This is how an index
 * too large for a broadcast (2 GB) or above the model's broadcast threshold reaches the executors:
 * only the path travels with the tasks. Executors resolve the path with a default Hadoop
 * configuration (their core-site.xml); a local file is opened in place, a remote one is copied to
 * the executor's temporary directory first and that copy deleted once loaded.
 *
 * @param path the file's Hadoop path
 * @param bytes its length
 * @param owned whether the model wrote it (and so deletes it on release) rather than read it from a saved model
 */
public record SharedIndexFile(String path, long bytes, boolean owned) implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Saves {@code index} under {@code dir} with a fresh name and returns the shared file (owned). */
  public static SharedIndexFile write(JavaSparkContext jsc, VectorIndex index, String dir) {
    java.nio.file.Path local = null;
    Path target = new Path(dir, "artsim-index-" + UUID.randomUUID() + ".artsim");
    try {
      local = Files.createTempFile("artsim-spark", ".artsim");
      index.save(local);
      long size = Files.size(local);
      FileSystem fs = target.getFileSystem(jsc.hadoopConfiguration());
      fs.mkdirs(target.getParent());
      fs.copyFromLocalFile(true, false, new Path(local.toUri()), target);
      return new SharedIndexFile(target.toString(), size, true);
    } catch (IOException e) {
      throw new StorageException("could not write the index to the shared directory " + dir + ": " + e.getMessage()
          + "; set sharedDir to a directory the driver can write and every executor can read", e);
    } finally {
      deleteQuietly(local);
    }
  }

  /** A file that a saved model holds (not owned: releasing the model keeps it). */
  public static SharedIndexFile existing(JavaSparkContext jsc, String path) {
    try {
      Path p = new Path(path);
      return new SharedIndexFile(path, p.getFileSystem(jsc.hadoopConfiguration()).getFileStatus(p).getLen(), false);
    } catch (IOException e) {
      throw new StorageException("could not read " + path + ": " + e.getMessage() + "; is the saved model complete and readable?", e);
    }
  }

  /** The index, opened on first use in this JVM (called on executors). */
  public VectorIndex open() {
    return ExecutorIndexCache.getOrLoad("shared-" + path, this::load);
  }

  private VectorIndex load() {
    Path p = new Path(path);
    java.nio.file.Path copy = null;
    try {
      FileSystem fs = p.getFileSystem(new Configuration());
      if (fs instanceof LocalFileSystem) {
        return Artsim.loadIndex(java.nio.file.Path.of(fs.makeQualified(p).toUri()));
      }
      copy = Files.createTempFile("artsim-spark", ".artsim");
      fs.copyToLocalFile(false, p, new Path(copy.toUri()), true);
      return Artsim.loadIndex(copy);
    } catch (IOException e) {
      throw new StorageException("an executor could not read the shared index " + path + ": " + e.getMessage()
          + "; sharedDir must be readable from every executor (HDFS, S3, a shared mount)", e);
    } finally {
      deleteQuietly(copy);
    }
  }

  /** The whole file, for saving a model (up to 2 GB; larger files are copied by the model writer). */
  public byte[] readAll(JavaSparkContext jsc) {
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new StorageException("the shared index " + path + " has " + bytes + " bytes, more than one array holds; copy it as a file");
    }
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(jsc.hadoopConfiguration()).open(p)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("could not read the shared index " + path + ": " + e.getMessage(), e);
    }
  }

  /** Copies the file to {@code target} (for saving a model). */
  public void copyTo(JavaSparkContext jsc, Path target) {
    Path p = new Path(path);
    try {
      org.apache.hadoop.fs.FileUtil.copy(p.getFileSystem(jsc.hadoopConfiguration()), p, target.getFileSystem(jsc.hadoopConfiguration()), target, false,
          true, jsc.hadoopConfiguration());
    } catch (IOException e) {
      throw new StorageException("could not copy the shared index " + path + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the file if the model wrote it. */
  public void deleteIfOwned(JavaSparkContext jsc) {
    if (!owned) {
      return;
    }
    Path p = new Path(path);
    try {
      p.getFileSystem(jsc.hadoopConfiguration()).delete(p, false);
    } catch (IOException e) {
      throw new StorageException("could not delete the shared index " + path + ": " + e.getMessage() + "; delete it by hand", e);
    }
  }

  private static void deleteQuietly(java.nio.file.Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless; the index is loaded or the error already reported
      }
    }
  }
}
