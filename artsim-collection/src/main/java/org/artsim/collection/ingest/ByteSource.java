package org.artsim.collection.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Bytes from a stream with one byte of look-ahead, read through a fixed buffer. */
final class ByteSource {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;

  ByteSource(InputStream in) {
    this.in = in;
  }

  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  /** The next byte (0-255) without consuming it, or -1 at the end. */
  int peek() throws IOException {
    return fill() ? buf[pos] & 0xff : -1;
  }

  /** The next byte (0-255), or -1 at the end. */
  int read() throws IOException {
    return fill() ? buf[pos++] & 0xff : -1;
  }

  /** Skips a UTF-8 byte order mark if the stream starts with one (call first). */
  void skipBom() throws IOException {
    if (peek() == 0xEF) {
      // the BOM is three bytes; a file that starts with 0xEF but no BOM keeps its bytes
      if (lim - pos >= 3 && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
        pos += 3;
      }
    }
  }
}
