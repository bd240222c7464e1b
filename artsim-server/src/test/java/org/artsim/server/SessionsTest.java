package org.artsim.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.artsim.collection.ArtCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side sessions: concurrent likes, the LRU bound, saving and restoring. */
class SessionsTest {
  @TempDir static Path dir;
  static ArtCollection art;

  @BeforeAll
  static void load() {
    art = TestCollections.generated(dir.resolve("c"), 30);
  }

  @AfterAll
  static void close() {
    art.close();
  }

  @Test
  void manyThreadsLikingAndUnlikingOneSessionOverHttpEndInTheStateOfTheirLastMoves() throws Exception {
    try (var server = ArtServer.start(art, ServerConfig.defaults().withPort(0).withThreads(8))) {
      var http = new Http(server.uri());
      http.get("/api/session");
      String cookie = http.cookie();
      List<String> ids = art.ids();
      int threads = 12;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        var tasks = new ArrayList<Callable<Set<String>>>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          tasks.add(() -> {
            var client = new Http(server.uri());
            client.cookie(cookie);
            var rng = new SplittableRandom(thread);
            // Each thread owns two works: it toggles them many times, and ends with a known state.
            String a = ids.get(2 * thread);
            String b = ids.get(2 * thread + 1);
            for (int i = 0; i < 25; i++) {
              String id = rng.nextBoolean() ? a : b;
              var r = client.post(rng.nextBoolean() ? "/api/session/like" : "/api/session/unlike", "id=" + id);
              assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            client.post("/api/session/like", "id=" + a);
            client.post("/api/session/unlike", "id=" + b);
            return Set.of(a);
          });
        }
        var expected = new HashSet<String>();
        for (Future<Set<String>> f : pool.invokeAll(tasks)) {
          expected.addAll(f.get());
        }
        var state = TestJson.object(http.get("/api/session").body());
        List<Map<String, Object>> likes = TestJson.at(state, "likes");
        assertThat(likes).extracting(l -> (String) l.get("id")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(server.sessionCount()).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void concurrentVisitorsKeepTheirOwnLikesAndTheLeastRecentlyUsedSessionIsDropped() throws Exception {
    var sessions = new Sessions(art, 5);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      var tasks = new ArrayList<Callable<Boolean>>();
      for (int t = 0; t < 40; t++) {
        int thread = t;
        tasks.add(() -> {
          Visitor v = sessions.findOrCreate(null);
          String id = art.ids().get(1 + thread % 20);
          v.like(id);
          return v.likes().equals(List.of(id));
        });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sessions.size()).isLessThanOrEqualTo(5);

    var lru = new Sessions(art, 3);
    Visitor a = lru.findOrCreate(null);
    Visitor b = lru.findOrCreate(null);
    Visitor c = lru.findOrCreate(null);
    assertThat(lru.find(a.id())).isSameAs(a);
    Visitor d = lru.findOrCreate(null);
    assertThat(lru.size()).isEqualTo(3);
    assertThat(lru.find(b.id())).as("the least recently used is dropped").isNull();
    assertThat(lru.find(a.id())).as("a recently used one stays").isSameAs(a);
    assertThat(lru.find(c.id())).isSameAs(c);
    assertThat(lru.find(d.id())).isSameAs(d);
    assertThat(lru.findOrCreate(b.id())).as("a dropped id gets a new session").isNotSameAs(b).extracting(Visitor::id).isNotEqualTo(b.id());
  }

  @Test
  void sessionsAreSavedOnCloseAndRestoredAtStart() throws Exception {
    Path saved = dir.resolve("sessions");
    String cookie;
    String liked = art.ids().get(7);
    try (var server = ArtServer.start(art, ServerConfig.defaults().withPort(0).withSessionsDir(saved))) {
      var http = new Http(server.uri());
      http.post("/api/session/like", "id=" + liked);
      cookie = http.cookie();
      new Http(server.uri()).get("/api/session");
    }
    try (var files = Files.list(saved)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(2).contains(cookie + ".session");
    }
    Files.writeString(saved.resolve("notes.txt"), "not a session");
    Files.writeString(saved.resolve("0123456789abcdef0123456789abcdef.session"), "damaged");
    try (var server = ArtServer.start(art, ServerConfig.defaults().withPort(0).withSessionsDir(saved))) {
      assertThat(server.sessionCount()).as("the damaged file is skipped").isEqualTo(2);
      var http = new Http(server.uri());
      http.cookie(cookie);
      var state = TestJson.object(http.get("/api/session").body());
      assertThat(TestJson.<List<Map<String, Object>>>at(state, "likes")).extracting(l -> (String) l.get("id")).containsExactly(liked);
      assertThat(http.cookie()).isEqualTo(cookie);
    }
    assertThat(saved.resolve("notes.txt")).exists();
  }

  @Test
  void sessionIdsAreRandom128BitHex() {
    var sessions = new Sessions(art, 100);
    var seen = new HashSet<String>();
    for (int i = 0; i < 50; i++) {
      String id = sessions.findOrCreate(null).id();
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(seen.add(id)).isTrue();
    }
    assertThat(Sessions.wellFormed("../0123456789abcdef0123456789abc")).isFalse();
    assertThat(Sessions.wellFormed(null)).isFalse();
  }
}
