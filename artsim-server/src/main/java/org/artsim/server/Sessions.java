package org.artsim.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.artsim.ArtsimException;
import org.artsim.StorageException;
import org.artsim.collection.ArtCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The visitors' sessions, server-side: at most {@code max}, the least recently used dropped beyond
 * that. Ids are 128 random bits from {@link SecureRandom}, as 32 hex digits; a cookie that is not of
 * that form, or names no live session, gets a new session. Ids are used as file names only after
 * that check ({@code <id>.session} in the sessions directory), so no cookie can name another path.
 * Thread-safe.
 */
final class Sessions {
  private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final String SUFFIX = ".session";

  private final ArtCollection art;
  private final int max;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Visitor> visitors;

  Sessions(ArtCollection art, int max) {
    this.art = art;
    this.max = max;
    this.visitors = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Visitor> eldest) {
        return size() > Sessions.this.max;
      }
    };
  }

  /** Whether {@code id} has the form of a session id. */
  static boolean wellFormed(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The visitor of this cookie value, or null if there is none live. */
  Visitor find(String cookie) {
    if (!wellFormed(cookie)) {
      return null;
    }
    synchronized (visitors) {
      return visitors.get(cookie);
    }
  }

  /** The visitor of this cookie value, or a new visitor with a new id. */
  Visitor findOrCreate(String cookie) {
    Visitor v = find(cookie);
    if (v != null) {
      return v;
    }
    var session = art.newSession();
    synchronized (visitors) {
      String id;
      do {
        byte[] b = new byte[16];
        random.nextBytes(b);
        id = HexFormat.of().formatHex(b);
      } while (visitors.containsKey(id));
      v = new Visitor(id, session);
      visitors.put(id, v);
      return v;
    }
  }

  /** The number of live sessions. */
  int size() {
    synchronized (visitors) {
      return visitors.size();
    }
  }

  /**
   * Restores the sessions saved in {@code dir} (the most recently saved first, up to the limit). A
   * file that cannot be restored (of another collection, damaged) is logged and skipped.
   *
   * @return how many were restored
   */
  int restore(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> isSessionFile(p)).sorted(Comparator.comparing(Sessions::modified).reversed()).limit(max).toList();
    } catch (IOException e) {
      throw new StorageException("could not list the sessions in " + dir + ": " + e.getMessage() + "; check the directory's permissions", e);
    }
    int restored = 0;
    for (Path file : files.reversed()) {
      String id = name(file);
      try {
        var v = new Visitor(id, art.restoreSession(file));
        synchronized (visitors) {
          visitors.put(id, v);
        }
        restored++;
      } catch (ArtsimException e) {
        LOG.warn("session {} not restored: {}", file, e.getMessage());
      }
    }
    return restored;
  }

  /** Saves every live session in {@code dir} (created if needed) and deletes the files of sessions no longer live. */
  void saveAll(Path dir) {
    List<Visitor> live;
    synchronized (visitors) {
      live = new ArrayList<>(visitors.values());
    }
    try {
      Files.createDirectories(dir);
      for (Visitor v : live) {
        v.save(dir.resolve(v.id() + SUFFIX));
      }
      var keep = live.stream().map(v -> v.id() + SUFFIX).toList();
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.filter(Sessions::isSessionFile).toList()) {
          if (!keep.contains(p.getFileName().toString())) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException("could not save the sessions in " + dir + ": " + e.getMessage() + "; check the directory's permissions and free space", e);
    }
  }

  private static boolean isSessionFile(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(SUFFIX) && wellFormed(n.substring(0, n.length() - SUFFIX.length())) && Files.isRegularFile(p);
  }

  private static String name(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.length() - SUFFIX.length());
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
