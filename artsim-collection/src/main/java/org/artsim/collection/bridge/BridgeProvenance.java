package org.artsim.collection.bridge;

import java.time.Instant;
import java.util.Objects;
import org.artsim.EmbedderInfo;

/**
 * Where a {@link TextImageBridge} came from, saved with it: which models made the two spaces, how
 * many works it was fitted on, the split and penalty, and when.
 *
 * @param textModel the text embedder whose vectors the bridge reads (a query must be embedded by it)
 * @param imageModel the image embedder whose space the bridge writes into
 * @param trainWorks the works (with both text and image) the final fit used
 * @param validationWorks the works held out to choose the penalty (0 when one penalty was given)
 * @param seed the seed of the held-out split
 * @param lambda the ridge penalty used
 * @param centred whether both sides were centred
 * @param fittedAt when it was fitted (to the millisecond, as it is saved)
 */
public record BridgeProvenance(EmbedderInfo textModel, EmbedderInfo imageModel, int trainWorks, int validationWorks, long seed, double lambda, boolean centred, Instant fittedAt) {
  /** Checks that the models and the date are given. */
  public BridgeProvenance {
    Objects.requireNonNull(textModel, "textModel");
    Objects.requireNonNull(imageModel, "imageModel");
    Objects.requireNonNull(fittedAt, "fittedAt");
  }

  @Override
  public String toString() {
    return "text " + textModel + " -> image " + imageModel + ", " + trainWorks + " works (" + validationWorks + " held out, seed " + seed + "), lambda " + lambda
        + (centred ? ", centred" : "") + ", fitted " + fittedAt;
  }
}
