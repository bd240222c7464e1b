package org.artsim.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import org.artsim.StorageException;

/**
 * Writes a file so that readers see either the old complete file or the new complete file, never
 * a partial one: the content goes to a temporary file in the same directory, is forced to disk,
 * and is then moved over the target in one atomic rename. If writing fails (an exception, a full
 * disk, a crash), the target is untouched and the temporary file is removed when possible.
 *
 * <p>Temporary files are named {@code .<target>.<pid>.<random>.artsim-tmp}. One left behind by a
 * process that was killed is removed by the next write in that directory, or by {@link
 * #sweepStaleTemporaries}; files of live processes (a concurrent writer) are never touched.
 *
 * <p>Permissions: a new file gets the mode the process umask gives ({@code 0666 & ~umask}, as
 * {@code touch} would); a replaced file keeps the permissions it had.
 */
public final class AtomicFiles {
  /** The suffix of artsim's temporary files. */
  static final String TEMP_SUFFIX = ".artsim-tmp";

  private static final SecureRandom NAMES = new SecureRandom();

  private AtomicFiles() {}

  /** What writes the content. */
  @FunctionalInterface
  public interface ContentWriter {
    /** Writes the whole content to {@code out} (do not close it). */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code path} atomically, creating its parent directories.
   *
   * @throws StorageException for an I/O failure (the previous file is intact)
   */
  public static void write(Path path, ContentWriter writer) {
    Path target = path.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      sweepStaleTemporaries(dir);
      tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + Long.toUnsignedString(NAMES.nextLong(), 36) + TEMP_SUFFIX);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
          OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        writer.write(out);
        out.flush();
        ch.force(true);
      }
      keepPermissions(target, tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      syncDirectory(dir);
    } catch (IOException e) {
      throw new StorageException("could not write " + target + ": " + e + "; check that the directory is writable and the disk has space", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
    }
  }

  /** Writes text as UTF-8, atomically. */
  public static void writeString(Path path, String text) {
    write(path, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Removes temporary files of artsim's own naming in {@code dir} that were left by processes that
   * no longer run (a save killed half way). Best effort: what cannot be removed stays.
   *
   * @return how many files were removed
   */
  public static int sweepStaleTemporaries(Path dir) {
    int removed = 0;
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
      for (Path tmp : stale) {
        if (!ownerIsAlive(tmp.getFileName().toString()) && Files.deleteIfExists(tmp)) {
          removed++;
        }
      }
    } catch (IOException | SecurityException e) {
      // best effort: an unreadable directory is reported by the write or read that follows
    }
    return removed;
  }

  /** Whether the process named in a temporary file's name still runs (unparsable names count as alive). */
  private static boolean ownerIsAlive(String name) {
    String[] parts = name.substring(0, name.length() - TEMP_SUFFIX.length()).split("\\.");
    if (parts.length < 3) {
      return true;
    }
    try {
      long pid = Long.parseLong(parts[parts.length - 2]);
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open directories; the rename itself is still atomic.
    }
  }
}
