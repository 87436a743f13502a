package io.fluxo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Consumer;

/** Reads a pod's log as it is written. */
public interface PodLogs {
  /**
   * Passes each line of the log of pod {@code name} to {@code lines}, once and in order, following
   * it until the container ends; blocks meanwhile.
   */
  void follow(KubernetesClient client, String namespace, String name, Consumer<String> lines);

  /** The API server's log endpoint ({@code pods/log?follow=true}): {@link ApiServerLogs}. */
  PodLogs API = new ApiServerLogs();
}
