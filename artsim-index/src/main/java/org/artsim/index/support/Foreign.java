package org.artsim.index.support;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.artsim.ConfigException;

/**
 * The few operations of {@code java.lang.foreign} (final in Java 22) that memory-mapped storage
 * needs, reached through method handles so that artsim-index still compiles for Java 21, where the
 * API is a preview. Segments, arenas and layouts are passed as {@code Object}; the handles are
 * constants, so the JIT compiles each call to the direct call.
 *
 * <p>Floats in segments are little-endian (artsim's mapped file layout), whatever the platform.
 *
 * <p>Part of artsim-index's implementation. Stateless and thread-safe.
 */
public final class Foreign {
  private static final MethodHandle OF_SHARED;
  private static final MethodHandle CLOSE;
  private static final MethodHandle MAP;
  private static final MethodHandle TO_ARRAY;
  private static final MethodHandle FROM_ARRAY;
  private static final MethodHandle BYTE_SIZE;
  private static final Object FLOAT_LE;
  private static final Object BYTE;
  private static final String PROBLEM;

  static {
    MethodHandle ofShared = null;
    MethodHandle close = null;
    MethodHandle map = null;
    MethodHandle toArray = null;
    MethodHandle fromArray = null;
    MethodHandle byteSize = null;
    Object floatLe = null;
    Object bytes = null;
    String problem = null;
    if (Runtime.version().feature() < 22) {
      problem = "Java " + Runtime.version().feature() + " offers java.lang.foreign only as a preview";
    } else {
      try {
        var lookup = MethodHandles.publicLookup();
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> arena = Class.forName("java.lang.foreign.Arena");
        Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> floatLayout = Class.forName("java.lang.foreign.ValueLayout$OfFloat");
        ofShared = lookup.findStatic(arena, "ofShared", MethodType.methodType(arena)).asType(MethodType.methodType(Object.class));
        close = lookup.findVirtual(arena, "close", MethodType.methodType(void.class)).asType(MethodType.methodType(void.class, Object.class));
        map =
            lookup
                .findVirtual(FileChannel.class, "map", MethodType.methodType(segment, FileChannel.MapMode.class, long.class, long.class, arena))
                .asType(MethodType.methodType(Object.class, FileChannel.class, FileChannel.MapMode.class, long.class, long.class, Object.class));
        toArray =
            lookup
                .findStatic(segment, "copy", MethodType.methodType(void.class, segment, valueLayout, long.class, Object.class, int.class, int.class))
                .asType(MethodType.methodType(void.class, Object.class, Object.class, long.class, Object.class, int.class, int.class));
        fromArray =
            lookup
                .findStatic(segment, "copy", MethodType.methodType(void.class, Object.class, int.class, segment, valueLayout, long.class, int.class))
                .asType(MethodType.methodType(void.class, Object.class, int.class, Object.class, Object.class, long.class, int.class));
        byteSize = lookup.findVirtual(segment, "byteSize", MethodType.methodType(long.class)).asType(MethodType.methodType(long.class, Object.class));
        Object unaligned = valueLayout.getField("JAVA_FLOAT_UNALIGNED").get(null);
        floatLe = floatLayout.getMethod("withOrder", ByteOrder.class).invoke(unaligned, ByteOrder.LITTLE_ENDIAN);
        bytes = valueLayout.getField("JAVA_BYTE").get(null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        problem = "java.lang.foreign is unavailable (" + e + ")";
      }
    }
    OF_SHARED = ofShared;
    CLOSE = close;
    MAP = map;
    TO_ARRAY = toArray;
    FROM_ARRAY = fromArray;
    BYTE_SIZE = byteSize;
    FLOAT_LE = floatLe;
    BYTE = bytes;
    PROBLEM = problem;
  }

  private Foreign() {}

  /**
   * Refuses mapped storage where the JVM lacks the final foreign memory API.
   *
   * @throws ConfigException naming the Java version needed
   */
  public static void require(String provider) {
    if (PROBLEM != null) {
      throw new ConfigException(provider + ": storage=mapped needs Java 22 or newer (" + PROBLEM + "); use storage=heap or a newer JVM");
    }
  }

  /** A new shared arena (closing it unmaps every segment mapped into it). */
  public static Object sharedArena() {
    try {
      return (Object) OF_SHARED.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Closes an arena, unmapping its segments; fails while a segment is in use by another thread. */
  public static void close(Object arena) {
    try {
      CLOSE.invokeExact(arena);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Maps {@code size} bytes of {@code channel} from {@code offset} into {@code arena}. */
  public static Object map(FileChannel channel, FileChannel.MapMode mode, long offset, long size, Object arena) throws IOException {
    try {
      return (Object) MAP.invokeExact(channel, mode, offset, size, arena);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The size of a segment in bytes. */
  public static long byteSize(Object segment) {
    try {
      return (long) BYTE_SIZE.invokeExact(segment);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Copies {@code count} little-endian floats from {@code segment} at byte {@code offset} to {@code dst[dstIndex..]}. */
  public static void readFloats(Object segment, long offset, float[] dst, int dstIndex, int count) {
    try {
      TO_ARRAY.invokeExact(segment, FLOAT_LE, offset, (Object) dst, dstIndex, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Copies {@code count} floats of {@code src[srcIndex..]} to {@code segment} at byte {@code offset}, little-endian. */
  public static void writeFloats(float[] src, int srcIndex, Object segment, long offset, int count) {
    try {
      FROM_ARRAY.invokeExact((Object) src, srcIndex, segment, FLOAT_LE, offset, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Copies {@code count} bytes from {@code segment} at {@code offset} to {@code dst[dstIndex..]}. */
  public static void readBytes(Object segment, long offset, byte[] dst, int dstIndex, int count) {
    try {
      TO_ARRAY.invokeExact(segment, BYTE, offset, (Object) dst, dstIndex, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Copies {@code count} bytes of {@code src[srcIndex..]} to {@code segment} at {@code offset}. */
  public static void writeBytes(byte[] src, int srcIndex, Object segment, long offset, int count) {
    try {
      FROM_ARRAY.invokeExact((Object) src, srcIndex, segment, BYTE, offset, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}
