package org.artsim.spi;

import java.util.Map;

/**
 * A named, cheap factory for one implementation of an artsim contract, found through {@link
 * java.util.ServiceLoader}. A provider does no work when it is constructed or listed: models,
 * engines and native libraries load only when it creates something.
 *
 * <h2>Writing your own</h2>
 *
 * <ol>
 *   <li>Implement the contract ({@code VectorIndex}, {@code TextIndex}, {@code ImageEmbedder}...)
 *       and a config record with validated fields and a {@code defaults()}.
 *   <li>Implement the matching provider interface ({@link VectorIndexProvider}, {@link
 *       TextIndexProvider}, {@link EmbedderProvider}, {@link RecommenderProvider}) with a public
 *       no-argument constructor. {@link #parse} reads string settings with {@link ConfigMap}, which
 *       rejects unknown keys.
 *   <li>List the provider class in {@code META-INF/services/<provider interface name>} in your
 *       jar. {@code Artsim.available()} now lists it, and {@code Artsim.index("yours", ...)} creates
 *       it.
 * </ol>
 *
 * @param <C> the configuration type
 */
public interface Provider<C> {

  /** The name users select it by: lower case, matching {@code [a-z][a-z0-9.-]*}. */
  String name();

  /** One line saying what it is and when to choose it. */
  String description();

  /** The configuration type {@link #defaults()} and {@link #parse} return. */
  Class<C> configType();

  /** The configuration used when the caller gives none. */
  C defaults();

  /**
   * A configuration from string settings (as read from a properties file or command line), with
   * defaults for keys not given.
   *
   * @throws org.artsim.ConfigException for an unknown key or a bad value
   */
  C parse(Map<String, String> settings);

  /**
   * The Maven coordinates ({@code groupId:artifactId}) of the artifact that ships this provider,
   * named in messages (for example when the engine or model it needs is missing); null if unknown.
   */
  default String module() {
    return null;
  }
}
