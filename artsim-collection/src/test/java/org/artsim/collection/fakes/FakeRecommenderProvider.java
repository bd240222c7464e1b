package org.artsim.collection.fakes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.artsim.ClosedException;
import org.artsim.Hit;
import org.artsim.InvalidArgumentException;
import org.artsim.LabelFilter;
import org.artsim.RecommendationSession;
import org.artsim.Recommendations;
import org.artsim.Recommender;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;
import org.artsim.io.BinaryOut;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.RecommenderProvider;

/**
 * Test-only recommender {@code "test-likes"}: unseen items nearest the mean of the liked vectors.
 * It keeps the api's recommender contract ({@code FakeRecommenderContractTest} checks it): sessions
 * save and restore, bad arguments are typed errors, and use after {@code close()} is a {@link
 * ClosedException}.
 */
public final class FakeRecommenderProvider implements RecommenderProvider<FakeRecommenderProvider.Config> {
  static final String SESSION_FORMAT = "artsim-test-likes-session";

  /** No settings. */
  public record Config() {}

  @Override
  public String name() {
    return "test-likes";
  }

  @Override
  public String description() {
    return "test fake: mean of likes";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaults() {
    return new Config();
  }

  @Override
  public Config parse(Map<String, String> settings) {
    ConfigMap.of("test-likes", settings).finish();
    return new Config();
  }

  @Override
  public Recommender create(VectorIndex index, Config config) {
    return new Fake(index);
  }

  static void checkNotNull(Object value, String what) {
    if (value == null) {
      throw new InvalidArgumentException(what + " is null; pass a value");
    }
  }

  static final class Fake implements Recommender, AutoCloseable {
    private final VectorIndex index;
    private final AtomicBoolean closed = new AtomicBoolean();

    Fake(VectorIndex index) {
      this.index = index;
    }

    void checkOpen() {
      if (closed.get()) {
        throw new ClosedException("recommender 'test-likes'");
      }
    }

    @Override
    public String kind() {
      return "test-likes";
    }

    @Override
    public RecommendationSession newSession() {
      checkOpen();
      return new Session(this);
    }

    @Override
    public RecommendationSession restoreSession(Path path) {
      checkOpen();
      checkNotNull(path, "session path");
      return ArtsimFiles.read(
          path,
          SESSION_FORMAT,
          1,
          (in, version) -> {
            var session = new Session(this);
            session.likes.addAll(readIds(in));
            session.shown.addAll(readIds(in));
            int batches = in.readCount("batches", Integer.MAX_VALUE, 4);
            for (int i = 0; i < batches; i++) {
              session.history.add(List.copyOf(readIds(in)));
            }
            return session;
          });
    }

    private static List<String> readIds(BinaryIn in) throws java.io.IOException {
      int n = in.readCount("ids", Integer.MAX_VALUE, 4);
      var out = new ArrayList<String>(n);
      for (int i = 0; i < n; i++) {
        out.add(in.readString());
      }
      return out;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  static final class Session implements RecommendationSession {
    private final Fake owner;
    private final VectorIndex index;
    private final Set<String> likes = new LinkedHashSet<>();
    private final Set<String> shown = new LinkedHashSet<>();
    private final List<List<String>> history = new ArrayList<>();

    Session(Fake owner) {
      this.owner = owner;
      this.index = owner.index;
    }

    @Override
    public synchronized void like(String id) {
      owner.checkOpen();
      checkNotNull(id, "id");
      if (!index.contains(id)) {
        throw new UnknownIdException("unknown id '" + id + "'; like a work of the index");
      }
      likes.add(id);
    }

    @Override
    public synchronized boolean unlike(String id) {
      owner.checkOpen();
      checkNotNull(id, "id");
      return likes.remove(id);
    }

    @Override
    public synchronized void clear() {
      owner.checkOpen();
      likes.clear();
      shown.clear();
      history.clear();
    }

    @Override
    public synchronized void markShown(Collection<String> ids) {
      owner.checkOpen();
      checkNotNull(ids, "ids");
      for (String id : ids) {
        checkNotNull(id, "an id in ids");
      }
      shown.addAll(ids);
    }

    @Override
    public synchronized Set<String> likes() {
      owner.checkOpen();
      return Collections.unmodifiableSet(new LinkedHashSet<>(likes));
    }

    @Override
    public synchronized Set<String> shown() {
      owner.checkOpen();
      return Collections.unmodifiableSet(new LinkedHashSet<>(shown));
    }

    @Override
    public synchronized List<List<String>> history() {
      owner.checkOpen();
      return List.copyOf(history);
    }

    @Override
    public Recommendations recommend(int k) {
      return recommend(k, LabelFilter.none());
    }

    @Override
    public synchronized Recommendations recommend(int k, LabelFilter filter) {
      owner.checkOpen();
      if (k <= 0) {
        throw new InvalidArgumentException("k must be positive, got " + k);
      }
      checkNotNull(filter, "filter");
      float[] mean = new float[index.dimension()];
      float[] first = null;
      for (String id : likes) {
        var v = index.vector(id);
        if (v.isPresent()) {
          first = first == null ? v.get() : first;
          for (int i = 0; i < mean.length; i++) {
            mean[i] += v.get()[i];
          }
        }
      }
      if (first == null) {
        return new Recommendations(List.of(), likes.isEmpty() ? "no likes yet" : "no liked work is still in the index");
      }
      float[] query = allZero(mean) ? first : mean;
      int want = (int) Math.min((long) k + shown.size() + likes.size(), index.size());
      var out = new ArrayList<Hit>();
      if (want > 0) {
        for (Hit h : index.search(query, want, filter)) {
          if (!shown.contains(h.id()) && !likes.contains(h.id()) && out.size() < k) {
            out.add(h);
          }
        }
      }
      out.forEach(h -> shown.add(h.id()));
      history.add(out.stream().map(Hit::id).toList());
      String reason = out.size() < k ? (out.isEmpty() ? "everything matching has been shown" : "only " + out.size() + " unseen works left") : "";
      return new Recommendations(out, reason);
    }

    /** Opposite likes can cancel out; a zero mean has no direction under cosine, so the first like stands in. */
    private static boolean allZero(float[] v) {
      for (float x : v) {
        if (x != 0) {
          return false;
        }
      }
      return true;
    }

    @Override
    public synchronized void save(Path path) {
      owner.checkOpen();
      checkNotNull(path, "session path");
      var likesNow = List.copyOf(likes);
      var shownNow = List.copyOf(shown);
      var historyNow = List.copyOf(history);
      ArtsimFiles.write(
          path,
          SESSION_FORMAT,
          1,
          out -> {
            writeIds(out, likesNow);
            writeIds(out, shownNow);
            out.writeInt(historyNow.size());
            for (List<String> batch : historyNow) {
              writeIds(out, batch);
            }
          });
    }

    private static void writeIds(BinaryOut out, List<String> ids) throws java.io.IOException {
      out.writeInt(ids.size());
      for (String id : ids) {
        out.writeString(id);
      }
    }
  }
}
