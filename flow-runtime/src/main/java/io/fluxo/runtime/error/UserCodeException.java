package io.fluxo.runtime.error;

/** A failure caused by the flow's code or by input the user gave. */
public class UserCodeException extends FlowException {
  private static final long serialVersionUID = 1L;

  /** A failure; {@code format} and {@code args} as in {@link String#format}. */
  public UserCodeException(String format, Object... args) {
    super(String.format(format, args), null);
  }

  /** A failure caused by {@code cause}. */
  public UserCodeException(Throwable cause, String format, Object... args) {
    super(String.format(format, args), cause);
  }
}
