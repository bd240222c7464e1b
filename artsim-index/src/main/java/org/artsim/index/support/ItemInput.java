package org.artsim.index.support;

import java.io.IOException;
import org.artsim.FileFormatException;
import org.artsim.Labels;
import org.artsim.io.BinaryIn;

/**
 * The reads an item section needs ({@link ItemStore#readItems}), from the checksummed container's
 * {@link BinaryIn} or from a {@link SectionReader} positioned inside a memory-mapped file. Part of
 * artsim-index's implementation.
 */
public interface ItemInput {
  /** Reads a 32-bit int. */
  int readInt() throws IOException;

  /** Reads a boolean byte (0 or 1, else corrupt). */
  boolean readBoolean() throws IOException;

  /** Reads a string (null for length -1). */
  String readString() throws IOException;

  /** Reads labels. */
  Labels readLabels() throws IOException;

  /** Bytes left in the section. */
  long remaining();

  /** A {@link FileFormatException} naming the file and the problem. */
  FileFormatException corrupt(String problem);

  /** The container's reader as an item input. */
  static ItemInput of(BinaryIn in) {
    return new ItemInput() {
      @Override
      public int readInt() throws IOException {
        return in.readInt();
      }

      @Override
      public boolean readBoolean() throws IOException {
        return in.readBoolean();
      }

      @Override
      public String readString() throws IOException {
        return in.readString();
      }

      @Override
      public Labels readLabels() throws IOException {
        return in.readLabels();
      }

      @Override
      public long remaining() {
        return in.remaining();
      }

      @Override
      public FileFormatException corrupt(String problem) {
        return in.corrupt(problem);
      }
    };
  }
}
