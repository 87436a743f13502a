package io.fluxo.runtime.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Objects;

/**
 * A credential (secret key, token) read from configuration. Its {@link #toString()} and its JSON
 * form are masked, so a secret that reaches a log line, a message or a metadata record by mistake
 * shows as {@code ****}; only {@link #reveal()} gives the value, at the point where a client needs
 * it.
 */
@JsonSerialize(using = Secret.Masked.class)
public final class Secret {
  /** What a secret shows instead of its value. */
  public static final String MASK = "****";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * The secret {@code value}.
   *
   * @throws IllegalArgumentException if it is null or blank
   */
  @JsonCreator
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Invalid secret: it is empty");
    }
    return new Secret(value);
  }

  /** The value itself; hand it only to the client that authenticates with it. */
  public String reveal() {
    return value;
  }

  /**
   * {@code ****}, followed by the last four characters when the value is long enough to keep them
   * unguessable.
   */
  public String hint() {
    return value.length() >= 16 ? MASK + value.substring(value.length() - 4) : MASK;
  }

  /** {@code ****}: never the value. */
  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Writes a secret as {@code "****"}. */
  static final class Masked extends StdSerializer<Secret> {
    private static final long serialVersionUID = 1L;

    Masked() {
      super(Secret.class);
    }

    @Override
    public void serialize(Secret secret, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeString(MASK);
    }
  }
}
