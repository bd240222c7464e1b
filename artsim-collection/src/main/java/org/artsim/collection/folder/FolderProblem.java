package org.artsim.collection.folder;

import java.nio.file.Path;

/**
 * A file under the folder that did not become a catalogue row (or whose sidecar metadata was not
 * used), and why.
 *
 * @param file the file or directory
 * @param kind what was wrong
 * @param message what was wrong and what to do
 */
public record FolderProblem(Path file, Kind kind, String message) {

  /** What can be wrong. */
  public enum Kind {
    /** Not an image by its extension (and not sidecar metadata); skipped. */
    NOT_AN_IMAGE,
    /** A file or directory that cannot be read (permissions, vanished while walking). */
    UNREADABLE,
    /** A symbolic link that leads back into a directory being walked; not followed again. */
    LINK_LOOP,
    /** Sidecar metadata ({@code name.json}, {@code name.txt}, {@code metadata.csv}) that is malformed or too large; the image is still listed. */
    BAD_METADATA,
    /** Deeper than the walk goes. */
    TOO_DEEP
  }

  @Override
  public String toString() {
    return file + ": " + kind + ": " + message;
  }
}
