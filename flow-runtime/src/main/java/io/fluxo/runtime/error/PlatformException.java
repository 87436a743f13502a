package io.fluxo.runtime.error;

/** A failure of Fluxo or its infrastructure (storage, metadata, processes), not of user code. */
public class PlatformException extends FlowException {
  private static final long serialVersionUID = 1L;

  /** A failure; {@code format} and {@code args} as in {@link String#format}. */
  public PlatformException(String format, Object... args) {
    super(String.format(format, args), null);
  }

  /** A failure caused by {@code cause}. */
  public PlatformException(Throwable cause, String format, Object... args) {
    super(String.format(format, args), cause);
  }
}
