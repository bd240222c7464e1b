/**
 * artsim's web app: {@code org.artsim.server} ({@link org.artsim.server.ArtServer}, {@link
 * org.artsim.server.ServerConfig}, the {@code serve} command {@link org.artsim.server.Serve}), a
 * browsable app and JSON API over an ArtCollection on the JDK's {@code com.sun.net.httpserver}.
 */
module org.artsim.server {
  requires org.artsim.collection;
  requires jdk.httpserver;
  requires org.slf4j;

  exports org.artsim.server;
}
