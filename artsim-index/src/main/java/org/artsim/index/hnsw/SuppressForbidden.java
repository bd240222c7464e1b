package org.artsim.index.hnsw;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one method allowed to use an API the build's forbidden-APIs check refuses elsewhere:
 * the {@link java.io.ObjectInputStream} that reads hnswlib-core's Java-serialised graph behind an
 * allow-list and size limits. The reason says why it is safe.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.CONSTRUCTOR})
@interface SuppressForbidden {
  /** Why the use is safe. */
  String reason();
}
