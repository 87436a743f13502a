package io.fluxo.runtime.spi;

/**
 * Heartbeats sent in the background for a run or a task until closed. Closing stops them and does
 * not throw; closing twice is harmless.
 */
@FunctionalInterface
public interface Heartbeat extends AutoCloseable {
  /** No heartbeats: for stores that know liveness otherwise. */
  Heartbeat NONE = () -> {};

  @Override
  void close();
}
