package org.artsim.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.artsim.ArtsimException;

/**
 * User-supplied vector files for the benchmarks: NumPy {@code .npy} (2-d, little-endian float32
 * {@code <f4}, C order) and {@code .fvecs} (per row: int32 little-endian dimension, then that many
 * float32). Every benchmark that takes a data name accepts {@code file:/path/x.npy} or
 * {@code file:/path/x.fvecs}. Reads the whole file into memory; rows are fresh arrays owned by the
 * caller. Not meant for library use (no size limits beyond the JVM heap).
 */
public final class VectorFiles {
  /** The prefix that marks a data name as a file path. */
  public static final String PREFIX = "file:";

  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\s*,?\\)");

  private VectorFiles() {}

  /** True when {@code dataName} names a file ({@code file:...}). */
  public static boolean isFile(String dataName) {
    return dataName.startsWith(PREFIX);
  }

  /** Reads all rows of a {@code .npy} or {@code .fvecs} file (chosen by the file name's ending). */
  public static float[][] read(Path path) {
    String name = path.getFileName().toString();
    try {
      byte[] bytes = Files.readAllBytes(path);
      if (name.endsWith(".npy")) {
        return readNpy(bytes, path);
      }
      if (name.endsWith(".fvecs")) {
        return readFvecs(bytes, path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read vectors from " + path, e);
    }
    throw new ArtsimException("vector file " + path + " must end in .npy or .fvecs");
  }

  /** Writes rows (all of one length) as a float32 {@code .npy} file. */
  public static void writeNpy(Path path, float[][] rows) {
    int dim = rows.length == 0 ? 0 : rows[0].length;
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + dim + "), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * rows.length * dim).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    for (float[] row : rows) {
      if (row.length != dim) {
        throw new ArtsimException("all rows must have dimension " + dim + ", got " + row.length);
      }
      for (float x : row) {
        b.putFloat(x);
      }
    }
    try {
      Files.write(path, b.array());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static float[][] readNpy(byte[] bytes, Path path) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
      throw new ArtsimException(path + " is not a .npy file (bad magic)");
    }
    int major = bytes[6];
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = b.getShort(8) & 0xffff;
      start = 10;
    } else {
      headerLen = b.getInt(8);
      start = 12;
    }
    String header = new String(bytes, start, headerLen, StandardCharsets.US_ASCII);
    Matcher descr = DESCR.matcher(header);
    Matcher order = ORDER.matcher(header);
    Matcher shape = SHAPE.matcher(header);
    if (!descr.find() || !descr.group(1).equals("<f4")) {
      throw new ArtsimException(path + ": .npy dtype must be little-endian float32 '<f4'; convert with x.astype(np.float32)");
    }
    if (!order.find() || order.group(1).equals("True")) {
      throw new ArtsimException(path + ": .npy must be in C order; save np.ascontiguousarray(x)");
    }
    if (!shape.find()) {
      throw new ArtsimException(path + ": .npy must be a 2-d array (rows, dim), header was " + header.trim());
    }
    int n = Integer.parseInt(shape.group(1));
    int dim = Integer.parseInt(shape.group(2));
    b.position(start + headerLen);
    if (b.remaining() != 4L * n * dim) {
      throw new ArtsimException(path + ": expected " + 4L * n * dim + " data bytes for shape (" + n + ", " + dim + "), found " + b.remaining());
    }
    float[][] out = new float[n][dim];
    for (float[] row : out) {
      b.asFloatBuffer().get(row);
      b.position(b.position() + 4 * dim);
    }
    return out;
  }

  private static float[][] readFvecs(byte[] bytes, Path path) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 4) {
      throw new ArtsimException(path + " is empty; an .fvecs file needs at least one row");
    }
    int dim = b.getInt(0);
    if (dim <= 0 || bytes.length % (4 + 4L * dim) != 0) {
      throw new ArtsimException(path + ": not an .fvecs file (first dimension " + dim + ", length " + bytes.length + ")");
    }
    int n = (int) (bytes.length / (4 + 4L * dim));
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      int d = b.getInt();
      if (d != dim) {
        throw new ArtsimException(path + ": row " + i + " has dimension " + d + ", expected " + dim);
      }
      b.asFloatBuffer().get(out[i]);
      b.position(b.position() + 4 * dim);
    }
    return out;
  }
}
