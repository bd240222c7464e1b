package org.artsim.embed.djl;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where artsim prepares Deep Java Library (DJL) before any of its engines starts, so
 * that DJL never contacts the network on a user's behalf.
 *
 * <p>DJL 0.32.0's {@code ai.djl.engine.Engine} calls {@code ai.djl.util.Ec2Utils.callHome} from its
 * static initialiser; that sends HTTP requests to the cloud metadata address {@code 169.254.169.254}
 * and to a telemetry host unless {@code Utils.isOfflineMode()} ({@code ai.djl.offline} /
 * {@code DJL_OFFLINE}) or {@code OPT_OUT_TRACKING} is true ({@code Utils.getEnvOrSystemProperty}:
 * the environment variable first, then the system property). {@link #ensureOffline()} sets:
 *
 * <ul>
 *   <li>the system property {@code OPT_OUT_TRACKING=true}, unless the user set {@code
 *       OPT_OUT_TRACKING} (environment or system property) themselves;
 *   <li>the system property {@code ai.djl.offline=true}, unless the user set {@code ai.djl.offline}
 *       or {@code DJL_OFFLINE}: artsim takes its native libraries from Maven Central jars and never
 *       needs DJL's downloads. artsim downloads models itself (see the embedder configs), so offline
 *       mode does not stop a user pointing an embedder at a URL.
 * </ul>
 *
 * Every artsim DJL code path (the {@code cnn} and {@code clip} providers, the tokenizer loader)
 * calls {@link #ensureOffline()} before it touches any {@code ai.djl} class that may initialise an
 * engine. This class itself references no DJL class. Thread-safe and idempotent.
 */
public final class DjlEnvironment {
  /** The switch DJL reads to skip its call home. */
  public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
  /** DJL's offline switch (system property). */
  public static final String OFFLINE_PROPERTY = "ai.djl.offline";
  /** DJL's offline switch (environment variable). */
  public static final String OFFLINE_ENV = "DJL_OFFLINE";

  private static final Logger LOG = LoggerFactory.getLogger(DjlEnvironment.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private DjlEnvironment() {}

  /** Sets DJL's opt-out and offline switches unless the user set them; then does nothing on later calls. */
  public static void ensureOffline() {
    if (DONE.get()) {
      return;
    }
    synchronized (DjlEnvironment.class) {
      if (DONE.get()) {
        return;
      }
      if (System.getenv(OPT_OUT_TRACKING) == null && System.getProperty(OPT_OUT_TRACKING) == null) {
        System.setProperty(OPT_OUT_TRACKING, "true");
      } else if (!trackingOptedOut()) {
        LOG.warn("{} is set to '{}' by the user: DJL may contact 169.254.169.254 when an engine starts", OPT_OUT_TRACKING, value(OPT_OUT_TRACKING));
      }
      if (System.getenv(OFFLINE_ENV) == null && System.getProperty(OFFLINE_PROPERTY) == null) {
        System.setProperty(OFFLINE_PROPERTY, "true");
      }
      DONE.set(true);
    }
  }

  /** Whether DJL, reading the switches as it does, will skip its call home. */
  public static boolean trackingOptedOut() {
    return Boolean.parseBoolean(value(OPT_OUT_TRACKING)) || offline();
  }

  /** Whether DJL will run in offline mode (no downloads of natives or models by DJL itself). */
  public static boolean offline() {
    String p = System.getProperty(OFFLINE_PROPERTY);
    String e = System.getenv(OFFLINE_ENV);
    return Boolean.parseBoolean(p) || Boolean.parseBoolean(e);
  }

  /** The value DJL would read for {@code key}: the environment variable, else the system property. */
  private static String value(String key) {
    String v = System.getenv(key);
    return v != null ? v : System.getProperty(key);
  }
}
