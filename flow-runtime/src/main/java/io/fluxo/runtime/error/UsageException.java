package io.fluxo.runtime.error;

/** Bad command-line input: the CLI prints the message and exits with 2. */
public class UsageException extends UserCodeException {
  private static final long serialVersionUID = 1L;

  /** A usage error; {@code format} and {@code args} as in {@link String#format}. */
  public UsageException(String format, Object... args) {
    super(format, args);
  }
}
