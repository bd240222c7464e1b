package org.artsim.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the one place allowed to print: {@link Serve#main}, the command's entry point (forbiddenapis reads it). */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.TYPE})
@interface SuppressForbidden {
  /** Why the rule does not apply. */
  String reason();
}
