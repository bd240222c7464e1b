package org.artsim.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.artsim.FileFormatException;
import org.artsim.StorageException;
import org.artsim.UnsupportedVersionException;

/**
 * artsim's versioned, checksummed binary file container, written atomically.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * file     := magic header payload trailer
 * magic    := 0x89 'A' 'R' 'T' 'S' 'I' 'M' 0x0A          (8 bytes)
 * header   := format:string version:int32                (format names the content, e.g. "artsim.index.flat")
 * payload  := format-specific, written with {@link BinaryOut}
 * trailer  := crc:int32 'A' 'R' 'T' 'S' 'I' 'M' 'O' 'K' (CRC-32C of magic, header and payload)
 * string   := length:int32 UTF-8 bytes
 * </pre>
 *
 * All numbers are big-endian. Reading checks, in order: the magic (else "not an artsim file"), the
 * end marker (else "truncated"), the format name, the version (newer than the reader knows: {@link
 * UnsupportedVersionException}), the checksum over the whole file (before any payload is parsed),
 * and that the payload reader consumed exactly the payload. Any failure is a {@link
 * FileFormatException} that names the file, and nothing is returned.
 */
public final class ArtsimFiles {
  private static final byte[] MAGIC = {(byte) 0x89, 'A', 'R', 'T', 'S', 'I', 'M', 0x0A};
  private static final byte[] END = "ARTSIMOK".getBytes(StandardCharsets.US_ASCII);
  private static final int TRAILER = 4 + END.length;

  private ArtsimFiles() {}

  /** Writes a payload. */
  @FunctionalInterface
  public interface PayloadWriter {
    /** Writes the whole payload. */
    void write(BinaryOut out) throws IOException;
  }

  /** Reads a payload. */
  @FunctionalInterface
  public interface PayloadReader<T> {
    /** Reads the whole payload, written by format version {@code version}. */
    T read(BinaryIn in, int version) throws IOException;
  }

  /** The format name and version in a file's header. */
  public record Header(String format, int version) {}

  /**
   * Writes a file of {@code format} at {@code version} atomically (see {@link AtomicFiles}).
   *
   * @throws StorageException for an I/O failure; any previous file is intact
   */
  public static void write(Path path, String format, int version, PayloadWriter payload) {
    AtomicFiles.write(
        path,
        raw -> {
          var crc = new CRC32C();
          var checked = new CheckedOutputStream(raw, crc);
          var out = new BinaryOut(checked);
          out.writeBytes(MAGIC, 0, MAGIC.length);
          out.writeString(format);
          out.writeInt(version);
          payload.write(out);
          out.flush();
          checked.flush();
          int sum = (int) crc.getValue();
          raw.write(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
          raw.write(END);
        });
  }

  /**
   * Reads a file of {@code format}, accepting versions 1 to {@code maxVersion}.
   *
   * @throws FileFormatException if the file is not such a file, is truncated or corrupted
   * @throws UnsupportedVersionException if it was written by a newer format version
   * @throws StorageException if it cannot be read (missing, no permission)
   */
  public static <T> T read(Path path, String format, int maxVersion, PayloadReader<T> reader) {
    try (FileChannel ch = open(path)) {
      long size = ch.size();
      Header header = readHeader(path, ch, size);
      if (format != null && !header.format().equals(format)) {
        throw new FileFormatException(path + " holds a '" + header.format() + "', not a '" + format + "'; load it with the matching component");
      }
      if (header.version() > maxVersion) {
        throw new UnsupportedVersionException(
            path + " was written in version " + header.version() + " of the '" + header.format() + "' format, but this artsim reads versions up to "
                + maxVersion + "; upgrade artsim to load it");
      }
      if (header.version() < 1) {
        throw new FileFormatException(path + " is damaged: its format version is " + header.version() + "; restore it from a backup or rebuild it");
      }
      verifyChecksum(path, ch, size);
      long headerBytes = MAGIC.length + 4 + header.format().getBytes(StandardCharsets.UTF_8).length + 4;
      long payloadBytes = size - TRAILER - headerBytes;
      ch.position(headerBytes);
      var in = new BinaryIn(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16), payloadBytes, path.toString());
      T value = reader.read(in, header.version());
      if (in.remaining() != 0) {
        throw in.corrupt(in.remaining() + " unexpected bytes follow the data");
      }
      return value;
    } catch (IOException e) {
      throw new StorageException("could not read " + path + ": " + e + "; check that it exists and is readable", e);
    }
  }

  /**
   * The format name and version of an artsim file, without reading the payload.
   *
   * @throws FileFormatException if it is not an artsim file or is truncated
   */
  public static Header peek(Path path) {
    try (FileChannel ch = open(path)) {
      return readHeader(path, ch, ch.size());
    } catch (IOException e) {
      throw new StorageException("could not read " + path + ": " + e + "; check that it exists and is readable", e);
    }
  }

  private static FileChannel open(Path path) throws IOException {
    try {
      return FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new StorageException("no file at " + path + "; check the path, or save an index there first", e);
    }
  }

  private static Header readHeader(Path path, FileChannel ch, long size) throws IOException {
    byte[] magic = new byte[MAGIC.length];
    ch.position(0);
    var data = new DataInputStream(Channels.newInputStream(ch));
    if (size < MAGIC.length) {
      throw new FileFormatException(path + " is not an artsim file (only " + size + " bytes); check the path");
    }
    data.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new FileFormatException(path + " is not an artsim file (its first bytes are not artsim's magic number); check the path");
    }
    if (size < MAGIC.length + 8 + TRAILER) {
      throw truncated(path);
    }
    byte[] end = new byte[END.length];
    ch.position(size - END.length);
    data = new DataInputStream(Channels.newInputStream(ch));
    data.readFully(end);
    if (!Arrays.equals(end, END)) {
      throw truncated(path);
    }
    ch.position(MAGIC.length);
    data = new DataInputStream(Channels.newInputStream(ch));
    int len = data.readInt();
    if (len < 0 || len > 1024 || MAGIC.length + 8L + len + TRAILER > size) {
      throw new FileFormatException(path + " is damaged: its header is unreadable; restore it from a backup or rebuild it");
    }
    byte[] name = new byte[len];
    data.readFully(name);
    int version = data.readInt();
    return new Header(new String(name, StandardCharsets.UTF_8), version);
  }

  private static FileFormatException truncated(Path path) {
    return new FileFormatException(
        path + " is truncated: it ends before artsim's end marker, so it was not completely written or was cut short; restore it from a backup or rebuild it");
  }

  private static void verifyChecksum(Path path, FileChannel ch, long size) throws IOException {
    ch.position(0);
    var crc = new CRC32C();
    InputStream in = Channels.newInputStream(ch);
    byte[] buf = new byte[1 << 16];
    long left = size - TRAILER;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw truncated(path);
      }
      crc.update(buf, 0, n);
      left -= n;
    }
    byte[] stored = new byte[4];
    new DataInputStream(in).readFully(stored);
    int expected = ((stored[0] & 0xff) << 24) | ((stored[1] & 0xff) << 16) | ((stored[2] & 0xff) << 8) | (stored[3] & 0xff);
    if ((int) crc.getValue() != expected) {
      throw new FileFormatException(
          path + " is corrupted: its checksum does not match its content; restore it from a backup or rebuild it");
    }
  }
}
