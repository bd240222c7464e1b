package org.artsim.index.flat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.artsim.ArtsimException;
import org.artsim.FileFormatException;
import org.artsim.StorageException;

/**
 * The deferred integrity check of a mapped flat file: the CRC-32C of the container over the whole
 * file (as {@link org.artsim.io.ArtsimFiles} checks it when it reads a file whole), and that every
 * stored vector is finite. It reads through its own channel, opened with the index, so it checks
 * the file that was mapped even if that path is replaced later; it never reads the mappings (those
 * are copy-on-write and may hold changes).
 *
 * <p>It runs once: while opening for files up to {@link #AT_OPEN_UP_TO} bytes (so a small damaged
 * file is refused at once, as a file read whole is), else in a daemon thread started when the index
 * is opened, or in the caller of {@link #await()} if that comes first. A failure is kept and rethrown (as a new exception with the same
 * message and the original as its cause) by every later {@link #rethrowFailure()}. Thread-safe.
 */
final class MappedFileCheck {
  private static final int TRAILER = 12;
  /** Files up to this size (64 MiB, tens of milliseconds to check) are checked while opening; larger ones in the background. */
  static final long AT_OPEN_UP_TO = 64L << 20;

  private final Path path;
  private final FileChannel channel;
  private final long vectorsOffset;
  private final long vectorsBytes;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean cancelled;
  private volatile ArtsimException failure;

  private MappedFileCheck(Path path, FileChannel channel, long vectorsOffset, long vectorsBytes) {
    this.path = path;
    this.channel = channel;
    this.vectorsOffset = vectorsOffset;
    this.vectorsBytes = vectorsBytes;
  }

  /** A check of {@code path}, whose little-endian float32 vectors lie at {@code [vectorsOffset, vectorsOffset + vectorsBytes)}. */
  static MappedFileCheck of(Path path, long vectorsOffset, long vectorsBytes) throws IOException {
    return new MappedFileCheck(path, FileChannel.open(path, StandardOpenOption.READ), vectorsOffset, vectorsBytes);
  }

  /** Starts the check in a daemon thread (once). */
  void startInBackground() {
    if (started.compareAndSet(false, true)) {
      Thread.ofPlatform().daemon().name("artsim-verify-" + path.getFileName()).start(this::run);
    }
  }

  /** Runs the check here if it has not started, else waits for it; then rethrows its failure. */
  void await() {
    if (started.compareAndSet(false, true)) {
      run();
    } else {
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while waiting for the check of " + path + "; call verify() again", e);
      }
    }
    rethrowFailure();
  }

  /** Whether the check has finished (passed, failed or was cancelled). */
  boolean finished() {
    return finished.getCount() == 0;
  }

  /** Throws the failure of a finished check, if it failed. */
  void rethrowFailure() {
    ArtsimException f = failure;
    if (f instanceof FileFormatException) {
      throw new FileFormatException(f.getMessage(), f);
    }
    if (f != null) {
      throw new StorageException(f.getMessage(), f);
    }
  }

  /** Stops the check (the index is closing) and closes its channel. */
  void cancel() {
    cancelled = true;
    try {
      channel.close();
    } catch (IOException e) {
      // closing a read-only channel does not lose data
    }
  }

  private void run() {
    try {
      check();
    } catch (ClosedChannelException e) {
      if (!cancelled) {
        failure = new StorageException("could not check " + path + ": " + e + "; open the index again", e);
      }
    } catch (IOException e) {
      failure = new StorageException("could not check " + path + ": " + e + "; check that the file is readable, then open the index again", e);
    } catch (ArtsimException e) {
      failure = e;
    } finally {
      finished.countDown();
      cancel();
    }
  }

  private void check() throws IOException {
    long size = channel.size();
    var crc = new CRC32C();
    ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    long end = size - TRAILER;
    long pos = 0;
    while (pos < end && !cancelled) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - pos));
      while (buf.hasRemaining()) {
        if (channel.read(buf, pos + buf.position()) < 0) {
          throw new FileFormatException(path + " is truncated: it ended while being checked; restore it from a backup or rebuild it");
        }
      }
      buf.flip();
      crc.update(buf.array(), 0, buf.limit());
      checkFinite(buf, pos);
      pos += buf.limit();
    }
    if (cancelled) {
      return;
    }
    ByteBuffer stored = ByteBuffer.allocate(4);
    while (stored.hasRemaining()) {
      if (channel.read(stored, end + stored.position()) < 0) {
        throw new FileFormatException(path + " is truncated: it ended while being checked; restore it from a backup or rebuild it");
      }
    }
    if ((int) crc.getValue() != stored.getInt(0)) {
      throw new FileFormatException(path + " is corrupted: its checksum does not match its content; restore it from a backup or rebuild it");
    }
  }

  /** Checks the floats of the vector section that lie in {@code buf} (file bytes from {@code pos}); the section is 4-byte aligned. */
  private void checkFinite(ByteBuffer buf, long pos) {
    long from = Math.max(pos, vectorsOffset);
    long to = Math.min(pos + buf.limit(), vectorsOffset + vectorsBytes);
    for (long at = from; at + 4 <= to; at += 4) {
      float x = buf.getFloat((int) (at - pos));
      if (!Float.isFinite(x)) {
        throw new FileFormatException(
            path + " is damaged: the vector section holds " + x + " at byte " + at + "; restore it from a backup or rebuild it");
      }
    }
  }
}
