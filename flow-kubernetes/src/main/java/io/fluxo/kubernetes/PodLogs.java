package io.fluxo.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads a pod's log as it is written. */
public interface PodLogs {
  /**
   * Passes each line of the log of pod {@code name} to {@code lines}, following it until the
   * container ends; blocks meanwhile.
   */
  void follow(KubernetesClient client, String namespace, String name, Consumer<String> lines);

  /** The API server's log endpoint ({@code pods/log?follow=true}). */
  PodLogs API =
      (client, namespace, name, lines) -> {
        try (LogWatch watch =
                client
                    .pods()
                    .inNamespace(namespace)
                    .withName(name)
                    .inContainer(PodSpecs.CONTAINER)
                    .watchLog();
            BufferedReader reader =
                new BufferedReader(
                    new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            lines.accept(line);
          }
        } catch (IOException | RuntimeException e) {
          // the pod ended or was deleted; what was read is kept
        }
      };
}
