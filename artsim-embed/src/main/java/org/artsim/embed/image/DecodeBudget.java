package org.artsim.embed.image;

import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import org.artsim.EmbeddingException;

/**
 * The memory that decoding images may take at once in this JVM, shared by every decoding thread:
 * before decoding, a reader estimates what the image will take from its header (width &times;
 * height &times; (bytes per decoded pixel + 4 for the 8-bit RGB copy)) and reserves that much;
 * when the decodes in progress hold too much, it waits for them to finish. An image whose estimate
 * alone is over the budget is refused. So {@code decode_threads} threads decoding large 16-bit
 * images cannot together exhaust the heap, and one large image may still use the whole budget.
 *
 * <p>One budget exists per distinct {@code max_decode_bytes} value; thread-safe.
 */
final class DecodeBudget {
  /** Assumed when the reader cannot tell its pixel layout: 16-bit RGBA. */
  static final int WORST_BYTES_PER_PIXEL = 8;
  /** The 8-bit RGB ({@code TYPE_INT_RGB}) copy every decoded image is converted to. */
  static final int RGB_BYTES_PER_PIXEL = 4;

  private static final Map<Long, DecodeBudget> BUDGETS = new ConcurrentHashMap<>();

  private final long capacity;
  private long used;

  private DecodeBudget(long capacity) {
    this.capacity = capacity;
  }

  /** The shared budget of this size. */
  static DecodeBudget of(long capacity) {
    return BUDGETS.computeIfAbsent(capacity, DecodeBudget::new);
  }

  /** Bytes one decoded pixel takes, from the reader's first image type (worst case if it cannot tell). */
  static int bytesPerPixel(ImageReader reader) {
    try {
      ImageTypeSpecifier type = reader.getRawImageType(0);
      if (type == null) {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        type = types.hasNext() ? types.next() : null;
      }
      if (type == null) {
        return WORST_BYTES_PER_PIXEL;
      }
      SampleModel sm = type.getSampleModel(1, 1);
      int bits = sm.getNumDataElements() * DataBuffer.getDataTypeSize(sm.getDataType());
      return Math.max(1, (bits + 7) / 8);
    } catch (java.io.IOException | RuntimeException e) {
      return WORST_BYTES_PER_PIXEL;
    }
  }

  /** What decoding and converting a {@code width x height} image takes, saturating at {@code Long.MAX_VALUE}. */
  static long estimate(long width, long height, int bytesPerPixel) {
    long perPixel = (long) bytesPerPixel + RGB_BYTES_PER_PIXEL;
    long pixels = width * height;
    return pixels > Long.MAX_VALUE / perPixel ? Long.MAX_VALUE : pixels * perPixel;
  }

  /**
   * Reserves {@code bytes} (at most the capacity), waiting while other decodes hold too much.
   *
   * @throws EmbeddingException if the thread is interrupted while waiting
   */
  Reservation reserve(long bytes, String name) {
    if (bytes > capacity) {
      throw new IllegalStateException("reservation of " + bytes + " over capacity " + capacity);
    }
    synchronized (this) {
      while (used > 0 && used + bytes > capacity) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EmbeddingException(name + ": interrupted while waiting for memory to decode the image", e);
        }
      }
      used += bytes;
    }
    return new Reservation(bytes);
  }

  /** Bytes reserved now (for tests). */
  synchronized long used() {
    return used;
  }

  /** A reservation; {@link #close()} gives it back once. */
  final class Reservation implements AutoCloseable {
    private long bytes;

    private Reservation(long bytes) {
      this.bytes = bytes;
    }

    @Override
    public void close() {
      synchronized (DecodeBudget.this) {
        used -= bytes;
        bytes = 0;
        DecodeBudget.this.notifyAll();
      }
    }
  }
}
