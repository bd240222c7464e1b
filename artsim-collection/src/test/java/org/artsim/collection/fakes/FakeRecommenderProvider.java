package org.artsim.collection.fakes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.artsim.Hit;
import org.artsim.LabelFilter;
import org.artsim.RecommendationSession;
import org.artsim.Recommendations;
import org.artsim.Recommender;
import org.artsim.UnknownIdException;
import org.artsim.VectorIndex;
import org.artsim.spi.ConfigMap;
import org.artsim.spi.RecommenderProvider;

/** Test-only recommender {@code "test-likes"}: unseen items nearest the mean of the liked vectors. */
public final class FakeRecommenderProvider implements RecommenderProvider<FakeRecommenderProvider.Config> {
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
    return new Recommender() {
      @Override
      public String kind() {
        return "test-likes";
      }

      @Override
      public RecommendationSession newSession() {
        return new Session(index);
      }

      @Override
      public RecommendationSession restoreSession(Path path) {
        throw new UnsupportedOperationException("not in the fake");
      }

      @Override
      public void close() {}
    };
  }

  static final class Session implements RecommendationSession {
    private final VectorIndex index;
    private final Set<String> likes = new LinkedHashSet<>();
    private final Set<String> shown = new LinkedHashSet<>();
    private final List<List<String>> history = new ArrayList<>();

    Session(VectorIndex index) {
      this.index = index;
    }

    @Override
    public void like(String id) {
      if (!index.contains(id)) {
        throw new UnknownIdException("unknown " + id);
      }
      likes.add(id);
      shown.add(id);
    }

    @Override
    public boolean unlike(String id) {
      return likes.remove(id);
    }

    @Override
    public void clear() {
      likes.clear();
      shown.clear();
      history.clear();
    }

    @Override
    public void markShown(Collection<String> ids) {
      shown.addAll(ids);
    }

    @Override
    public Set<String> likes() {
      return Set.copyOf(likes);
    }

    @Override
    public Set<String> shown() {
      return Set.copyOf(shown);
    }

    @Override
    public List<List<String>> history() {
      return List.copyOf(history);
    }

    @Override
    public Recommendations recommend(int k) {
      return recommend(k, LabelFilter.none());
    }

    @Override
    public Recommendations recommend(int k, LabelFilter filter) {
      if (likes.isEmpty()) {
        return new Recommendations(List.of(), "no likes yet");
      }
      float[] mean = new float[index.dimension()];
      for (String id : likes) {
        float[] v = index.vector(id).orElseThrow();
        for (int i = 0; i < v.length; i++) {
          mean[i] += v[i];
        }
      }
      var out = new ArrayList<Hit>();
      for (Hit h : index.search(mean, k + shown.size(), filter)) {
        if (!shown.contains(h.id()) && out.size() < k) {
          out.add(h);
        }
      }
      out.forEach(h -> shown.add(h.id()));
      history.add(out.stream().map(Hit::id).toList());
      return new Recommendations(out, out.isEmpty() ? "everything shown" : "");
    }

    @Override
    public void save(Path path) {
      throw new UnsupportedOperationException("not in the fake");
    }
  }
}
