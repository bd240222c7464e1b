package org.artsim.server;

import java.nio.file.Path;
import org.artsim.InvalidArgumentException;

/**
 * How an {@link ArtServer} listens and what it accepts. Every limit has its default here, in {@link
 * #defaults()}; the {@code with} methods return copies.
 *
 * @param host the address to bind ({@code 127.0.0.1} by default: loopback only, so the app is not
 *     reachable from other machines unless asked)
 * @param port the TCP port (0: an ephemeral port, see {@link ArtServer#port()})
 * @param threads the request threads (heavy requests such as clustering wait for one)
 * @param maxSessions the visitor sessions kept; the least recently used is dropped beyond this
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param maxQueryChars the longest raw query string accepted (414 beyond), and of a search text
 * @param maxResults the largest {@code k} (results, recommendations, clusters, label values) a request may ask for
 * @param duplicateThreshold the cosine distance within which two works are shown as duplicates
 * @param sessionsDir where sessions are saved on {@link ArtServer#close()} and restored from at
 *     start, or null to keep them in memory only
 */
public record ServerConfig(
    String host, int port, int threads, int maxSessions, int maxBodyBytes, int maxQueryChars, int maxResults, double duplicateThreshold, Path sessionsDir) {

  /** Checks every field. */
  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new InvalidArgumentException("host must be an address or name to bind, e.g. 127.0.0.1, got " + (host == null ? "null" : "'" + host + "'"));
    }
    check(port, 0, 65_535, "port");
    check(threads, 1, 256, "threads");
    check(maxSessions, 1, 1_000_000, "maxSessions");
    check(maxBodyBytes, 16, 1 << 20, "maxBodyBytes");
    check(maxQueryChars, 16, 1 << 16, "maxQueryChars");
    check(maxResults, 1, 10_000, "maxResults");
    if (!(duplicateThreshold >= 0 && duplicateThreshold <= 2)) {
      throw new InvalidArgumentException("duplicateThreshold must be a cosine distance in [0, 2], got " + duplicateThreshold);
    }
  }

  /** Loopback, port 8080, 4 threads, 1,000 sessions, 4 KiB bodies, 2,048-character queries, k up to 100, duplicates within 0.02, sessions in memory. */
  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, 4, 1_000, 4_096, 2_048, 100, 0.02, null);
  }

  /** A copy listening on {@code host}. */
  public ServerConfig withHost(String v) {
    return new ServerConfig(v, port, threads, maxSessions, maxBodyBytes, maxQueryChars, maxResults, duplicateThreshold, sessionsDir);
  }

  /** A copy listening on {@code port} (0: ephemeral). */
  public ServerConfig withPort(int v) {
    return new ServerConfig(host, v, threads, maxSessions, maxBodyBytes, maxQueryChars, maxResults, duplicateThreshold, sessionsDir);
  }

  /** A copy with {@code v} request threads. */
  public ServerConfig withThreads(int v) {
    return new ServerConfig(host, port, v, maxSessions, maxBodyBytes, maxQueryChars, maxResults, duplicateThreshold, sessionsDir);
  }

  /** A copy keeping at most {@code v} sessions. */
  public ServerConfig withMaxSessions(int v) {
    return new ServerConfig(host, port, threads, v, maxBodyBytes, maxQueryChars, maxResults, duplicateThreshold, sessionsDir);
  }

  /** A copy accepting bodies of at most {@code v} bytes. */
  public ServerConfig withMaxBodyBytes(int v) {
    return new ServerConfig(host, port, threads, maxSessions, v, maxQueryChars, maxResults, duplicateThreshold, sessionsDir);
  }

  /** A copy accepting query strings of at most {@code v} characters. */
  public ServerConfig withMaxQueryChars(int v) {
    return new ServerConfig(host, port, threads, maxSessions, maxBodyBytes, v, maxResults, duplicateThreshold, sessionsDir);
  }

  /** A copy allowing {@code k} up to {@code v}. */
  public ServerConfig withMaxResults(int v) {
    return new ServerConfig(host, port, threads, maxSessions, maxBodyBytes, maxQueryChars, v, duplicateThreshold, sessionsDir);
  }

  /** A copy showing duplicates within cosine distance {@code v}. */
  public ServerConfig withDuplicateThreshold(double v) {
    return new ServerConfig(host, port, threads, maxSessions, maxBodyBytes, maxQueryChars, maxResults, v, sessionsDir);
  }

  /** A copy saving sessions in {@code v} (null: in memory only). */
  public ServerConfig withSessionsDir(Path v) {
    return new ServerConfig(host, port, threads, maxSessions, maxBodyBytes, maxQueryChars, maxResults, duplicateThreshold, v);
  }

  private static void check(int v, int min, int max, String name) {
    if (v < min || v > max) {
      throw new InvalidArgumentException(name + " must be in [" + min + ", " + max + "], got " + v);
    }
  }
}
