package io.fluxo.runtime.internal.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fluxo.runtime.error.PlatformException;
import java.io.IOException;
import java.io.InputStream;

/** The JSON form of Fluxo's own records (task data, metadata, graphs). Not API. Thread-safe. */
public final class Json {
  /** The shared mapper: Java time as ISO strings, Optionals, unknown properties ignored. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  /** {@code value} as JSON bytes. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot write %s as JSON: %s", value.getClass().getSimpleName(), e.getMessage());
    }
  }

  /** Reads a {@code type} from {@code in}, closing it; {@code where} names the source in errors. */
  public static <T> T read(InputStream in, Class<T> type, String where) {
    try (in) {
      return MAPPER.readValue(in, type);
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot read %s: invalid JSON (%s)", where, e.getMessage());
    }
  }
}
