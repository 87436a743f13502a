package io.fluxo.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxo.runtime.spi.rest.Resources.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the errors Jetty raises before a request reaches the routes (a malformed request line, a
 * NUL or an encoded slash in the path, oversized headers) as the API's JSON errors instead of HTML.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper;

  JsonErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(json(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json");
    response.getOutputStream().write(json(code, message));
  }

  private byte[] json(int status, String reason) {
    String message = "Bad request" + (reason == null || reason.isBlank() ? "" : ": " + reason);
    try {
      return mapper.writeValueAsBytes(new ErrorBody(message, status));
    } catch (JsonProcessingException e) {
      return ("{\"error\": \"Bad request\", \"status\": " + status + "}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
