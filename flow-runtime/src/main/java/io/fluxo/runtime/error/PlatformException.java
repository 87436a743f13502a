package io.fluxo.runtime.error;

/** A failure of Fluxo or its infrastructure (storage, metadata, processes), not of user code. */
public class PlatformException extends FlowException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  /** A non-retryable failure; {@code format} and {@code args} as in {@link String#format}. */
  public PlatformException(String format, Object... args) {
    this(null, false, format, args);
  }

  /** A non-retryable failure caused by {@code cause}. */
  public PlatformException(Throwable cause, String format, Object... args) {
    this(cause, false, format, args);
  }

  /** A failure caused by {@code cause}, retryable or not. */
  public PlatformException(Throwable cause, boolean retryable, String format, Object... args) {
    super(String.format(format, args), cause);
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
