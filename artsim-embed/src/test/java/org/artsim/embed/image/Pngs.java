package org.artsim.embed.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Deflater;

/** Hand-built PNG files for decompression-bomb tests: any declared size and sample depth. */
final class Pngs {
  private Pngs() {}

  /**
   * A PNG of {@code width x height} black pixels with the given bit depth and colour type (2: RGB,
   * 6: RGBA, 0: grey). With {@code complete} the pixel data is all there (a valid file that really
   * decodes to that size); without it only the first row is (the file is a few hundred bytes).
   */
  static byte[] black(int width, int height, int bitDepth, int colorType, boolean complete) {
    int channels = switch (colorType) {
      case 0 -> 1;
      case 2 -> 3;
      case 6 -> 4;
      default -> throw new IllegalArgumentException("colour type " + colorType);
    };
    int rowBytes = 1 + width * channels * bitDepth / 8;
    var idat = new ByteArrayOutputStream();
    try (var z = new DeflaterOutputStream(idat, new Deflater(9))) {
      byte[] row = new byte[rowBytes];
      for (int y = 0; y < (complete ? height : 1); y++) {
        z.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0).array());
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    var crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
