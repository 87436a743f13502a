package io.fluxo.service;

/**
 * A request the service refuses, with the HTTP status to answer and a message for the caller. The
 * service answers it as {@code {"error": message, "status": status}}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String format, Object... args) {
    super(args.length == 0 ? format : String.format(format, args));
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequest(String format, Object... args) {
    return new ApiException(400, format, args);
  }

  static ApiException notFound(String format, Object... args) {
    return new ApiException(404, format, args);
  }

  static ApiException conflict(String format, Object... args) {
    return new ApiException(409, format, args);
  }
}
