package org.artsim.index.hnsw;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one place allowed to use an API the build forbids (tools/build/forbidden-all.txt): the
 * hnswlib graph reader, which must use Java deserialisation and does so behind an allow-list filter.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
@interface SuppressForbidden {
  /** Why the forbidden API is needed here. */
  String reason();
}
