package org.artsim.index;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Parsers of setting values shared by the index configs. */
final class ConfigValues {
  private ConfigValues() {}

  /** A directory path; a blank or unparsable value is an {@link IllegalArgumentException} (which the config map reports). */
  static Path path(String s) {
    if (s.isBlank()) {
      throw new IllegalArgumentException("blank");
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
