package org.artsim.collection.iiif;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import org.artsim.EmbeddingException;

/**
 * Downloads an {@code info.json} within {@link IiifLimits}: a connect timeout, a read timeout for
 * every read and a deadline for the whole body, the byte limit counted while reading (and checked
 * against a declared length first), HTTP redirects followed within the same protocol (the JDK's
 * rule, at most 20), any non-2xx answer refused. Stateless.
 */
final class InfoFetch {
  private InfoFetch() {}

  static byte[] get(URI uri, IiifLimits limits) {
    long connect = limits.connectTimeout().toMillis();
    long total = limits.readTimeout().toMillis();
    long deadline = System.nanoTime() + total * 1_000_000L;
    URLConnection conn;
    try {
      conn = uri.toURL().openConnection();
    } catch (IOException | IllegalArgumentException e) {
      throw new EmbeddingException(uri + ": cannot open the IIIF info.json URL (" + e.getMessage() + ")", e);
    }
    if (!(conn instanceof HttpURLConnection http)) {
      throw new EmbeddingException(uri + ": an IIIF info.json is read over http or https only");
    }
    http.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connect));
    http.setReadTimeout((int) Math.min(Integer.MAX_VALUE, total));
    http.setInstanceFollowRedirects(true);
    http.setRequestProperty("User-Agent", "artsim");
    http.setRequestProperty("Accept", "application/ld+json, application/json;q=0.9, */*;q=0.1");
    try {
      int status = http.getResponseCode();
      if (status / 100 != 2) {
        throw new EmbeddingException(uri + ": the IIIF server answered HTTP " + status + " for info.json; check the URL");
      }
      long declared = http.getContentLengthLong();
      if (declared > limits.maxInfoBytes()) {
        throw new EmbeddingException(uri + ": the info.json is " + declared + " bytes, over the limit of " + limits.maxInfoBytes() + " bytes; it is not a plausible image description");
      }
      try (InputStream in = http.getInputStream()) {
        return readBounded(in, uri, limits, deadline);
      }
    } catch (SocketTimeoutException e) {
      throw new EmbeddingException(uri + ": the IIIF server did not answer in time (" + e.getMessage() + "; connect limit " + connect + " ms, read limit " + total
          + " ms); check the server or raise connect_timeout_ms/read_timeout_ms", e);
    } catch (IOException e) {
      throw new EmbeddingException(uri + ": downloading the IIIF info.json failed (" + e + ")", e);
    } finally {
      http.disconnect();
    }
  }

  private static byte[] readBounded(InputStream in, URI uri, IiifLimits limits, long deadline) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int max = limits.maxInfoBytes();
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      if (out.size() + n > max) {
        throw new EmbeddingException(uri + ": the info.json is longer than " + max + " bytes; it is not a plausible image description");
      }
      out.write(buf, 0, n);
      if (System.nanoTime() - deadline > 0) {
        throw new EmbeddingException(uri + ": the IIIF info.json took longer than " + limits.readTimeout().toMillis() + " ms to arrive; check the server or raise read_timeout_ms");
      }
    }
    return out.toByteArray();
  }
}
