package org.artsim.server;

/**
 * A request the server refuses, with the HTTP status and a short machine-readable type ({@code
 * bad-request}, {@code not-found}, {@code unknown-id}, {@code method-not-allowed}, {@code
 * payload-too-large}, {@code uri-too-long}); the message says what was wrong and what to send
 * instead. Rendered as {@code {"error":{"status":..,"type":..,"message":..}}} by the API and as an
 * error page by the pages; never with a stack trace.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String allow;

  HttpError(int status, String type, String message) {
    this(status, type, message, null);
  }

  HttpError(int status, String type, String message, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.allow = allow;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, "bad-request", message);
  }

  static HttpError notFound(String message) {
    return new HttpError(404, "not-found", message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  /** The methods the route allows (for the {@code Allow} header of a 405), or null. */
  String allow() {
    return allow;
  }
}
