package org.artsim.recommend.likes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.artsim.ClosedException;
import org.artsim.InvalidArgumentException;
import org.artsim.RecommendationSession;
import org.artsim.Recommender;
import org.artsim.VectorIndex;
import org.artsim.io.ArtsimFiles;
import org.artsim.io.BinaryIn;

/**
 * The {@code "likes"} recommender: an index and a config, thread-safe; each session is used by one
 * thread at a time. See {@link LikesRecommenderProvider} for what it recommends.
 *
 * <p>{@link #close()} ends the recommender and every session it made or restored: their content
 * operations then throw {@link ClosedException}; {@link #kind()} stays readable and a second close
 * does nothing. The index is the caller's and stays open.
 */
final class LikesRecommender implements Recommender, AutoCloseable {
  static final String FORMAT = "artsim.session.likes";
  static final int FORMAT_VERSION = 1;
  private static final int MAX_IDS = 50_000_000;

  private final VectorIndex index;
  private final LikesConfig config;
  private volatile boolean closed;

  LikesRecommender(VectorIndex index, LikesConfig config) {
    this.index = index;
    this.config = config;
  }

  VectorIndex index() {
    return index;
  }

  LikesConfig config() {
    return config;
  }

  @Override
  public String kind() {
    return LikesRecommenderProvider.NAME;
  }

  /** Throws {@link ClosedException} once this recommender is closed. */
  void checkOpen() {
    if (closed) {
      throw new ClosedException("recommender '" + LikesRecommenderProvider.NAME + "'");
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public RecommendationSession newSession() {
    checkOpen();
    return new LikesSession(this);
  }

  @Override
  public RecommendationSession restoreSession(Path path) {
    checkOpen();
    if (path == null) {
      throw new InvalidArgumentException("path is null; give the file a session was saved to");
    }
    return ArtsimFiles.read(path, FORMAT, FORMAT_VERSION, this::read);
  }

  private LikesSession read(BinaryIn in, int version) throws IOException {
    in.readString();
    var likes = readIds(in, "liked id");
    var shown = readIds(in, "shown id");
    int batches = in.readCount("batch", MAX_IDS, 4);
    var history = new ArrayList<List<String>>(batches);
    for (int b = 0; b < batches; b++) {
      history.add(readIds(in, "batch id"));
    }
    var session = new LikesSession(this);
    for (String id : likes) {
      if (index.contains(id)) {
        session.like(id);
      }
    }
    session.restoreSeen(shown, history);
    return session;
  }

  private static List<String> readIds(BinaryIn in, String what) throws IOException {
    int n = in.readCount(what, MAX_IDS, 4);
    var out = new ArrayList<String>(n);
    for (int i = 0; i < n; i++) {
      String id = in.readString();
      if (id == null) {
        throw in.corrupt("a " + what + " is missing");
      }
      out.add(id);
    }
    return out;
  }

  @Override
  public String toString() {
    return "LikesRecommender[" + (closed ? "closed, " : "") + "index=" + index.kind() + ", size=" + index.size() + ", multiInterest=" + config.multiInterest()
        + (config.popularityRerank() ? ", popularity=" + config.popularityField() + "@" + config.popularityWeight() : "") + "]";
  }
}
