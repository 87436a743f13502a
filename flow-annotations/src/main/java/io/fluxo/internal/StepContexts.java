package io.fluxo.internal;

/**
 * Hands the runtime's {@link StepContext} to the flow object being constructed on this thread. Not
 * API.
 */
public final class StepContexts {
  private static final ThreadLocal<StepContext> PENDING = new ThreadLocal<>();

  private StepContexts() {}

  /** Makes {@code context} the one that flows constructed next on this thread will use. */
  public static void install(StepContext context) {
    PENDING.set(context);
  }

  /** The installed context, or null when the flow is constructed outside a task. */
  public static StepContext installed() {
    return PENDING.get();
  }
}
