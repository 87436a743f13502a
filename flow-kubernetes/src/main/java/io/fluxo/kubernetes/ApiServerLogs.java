package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A pod's log from the API server's log endpoint ({@code pods/log?follow=true}). A stream that ends
 * while the container still runs (a dropped connection, an API server restart) is opened again,
 * skipping the lines already passed on; once the container ended, the whole log is read once more
 * for the lines a broken stream missed. Gives up when the pod is gone, or after a minute of failing
 * to reach the API server.
 */
final class ApiServerLogs implements PodLogs {
  /** How many consecutive failed reads of the pod end the following. */
  private static final int MAX_UNREACHABLE = 60;

  @Override
  public void follow(
      KubernetesClient client, String namespace, String name, Consumer<String> lines) {
    PodResource pod = client.pods().inNamespace(namespace).withName(name);
    int passed = 0;
    int unreachable = 0;
    while (!Thread.currentThread().isInterrupted()) {
      passed += stream(pod, passed, lines);
      Pod now;
      try {
        now = pod.get();
        unreachable = 0;
      } catch (RuntimeException e) {
        if (++unreachable >= MAX_UNREACHABLE) {
          return;
        }
        pause();
        continue;
      }
      if (now == null) {
        return; // deleted: what was read is kept
      }
      if (ended(now)) {
        catchUp(pod, passed, lines);
        return;
      }
      pause();
    }
  }

  /**
   * Follows the log until its stream ends, passing on the lines after the first {@code skip};
   * returns how many it passed on.
   */
  private static int stream(PodResource pod, int skip, Consumer<String> lines) {
    int read = 0;
    int passed = 0;
    try (LogWatch watch = pod.inContainer(PodSpecs.CONTAINER).watchLog();
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (read++ >= skip) {
          lines.accept(line);
          passed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the stream broke: whether the container ended says what comes next
    }
    return passed;
  }

  /** Passes on the lines of the whole log after the first {@code passed}. */
  private static void catchUp(PodResource pod, int passed, Consumer<String> lines) {
    try {
      BufferedReader reader =
          new BufferedReader(new StringReader(pod.inContainer(PodSpecs.CONTAINER).getLog()));
      String line;
      for (int i = 0; (line = reader.readLine()) != null; i++) {
        if (i >= passed) {
          lines.accept(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the log went with its pod: what was read is kept
    }
  }

  /** Whether the pod's container has ended. */
  private static boolean ended(Pod pod) {
    if (pod.getStatus() == null) {
      return false;
    }
    String phase = pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return true;
    }
    var containers = pod.getStatus().getContainerStatuses();
    if (containers == null || containers.isEmpty()) {
      return false;
    }
    ContainerStatus container = containers.get(0);
    return container.getState() != null && container.getState().getTerminated() != null;
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
