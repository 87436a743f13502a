package io.fluxo.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.ProcessSetting;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LauncherPlugin;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import java.time.Duration;

/**
 * {@code run --with kubernetes}, and every step with {@code @Kubernetes}: tasks as pods. The API
 * server is found as {@code kubectl} finds it (kubeconfig, in-cluster service account, or the
 * {@code kubernetes.master} system property); {@code FLUXO_K8S_POLL_MS} sets how often pods are
 * polled (default 1000), {@code FLUXO_K8S_CONFIG_ERROR_SECONDS} how long a pod may stay Pending on
 * a missing secret or an image it cannot pull (default 60), {@code FLUXO_K8S_UNSCHEDULABLE_SECONDS}
 * how long it may stay unschedulable (default 300).
 */
public final class KubernetesLauncherPlugin implements LauncherPlugin {
  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public boolean requiredBy(StepNode node) {
    return node.decorators().kubernetes().isPresent();
  }

  @Override
  public StepLauncher create(Context context) {
    if (context.config().datastore().type() != DatastoreType.S3) {
      throw new UsageException(
          "Cannot run steps on Kubernetes with a %s datastore: pods cannot read it; use an s3 datastore"
              + " (--datastore s3 --datastore-root s3://bucket/prefix)",
          context.config().datastore().type().id());
    }
    // KubernetesApi retries calls; the client's own request retries are off
    Config clientConfig = Config.autoConfigure(null);
    clientConfig.setRequestRetryBackoffLimit(0);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
    KubernetesStepLauncher launcher =
        new KubernetesStepLauncher(
            client,
            context,
            PodLogs.API,
            pollInterval(),
            StepLauncher.LIVE_LOG_INTERVAL,
            Duration.ofSeconds(
                ProcessSetting.K8S_CONFIG_ERROR_SECONDS.wholeNumber(
                    System.getenv(), 60, 0, 86_400)),
            Duration.ofSeconds(
                ProcessSetting.K8S_UNSCHEDULABLE_SECONDS.wholeNumber(
                    System.getenv(), 300, 0, 86_400)),
            KubernetesApi.DEFAULT);
    return new StepLauncher() {
      @Override
      public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
        return launcher.launch(launch, output);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  private static Duration pollInterval() {
    return Duration.ofMillis(
        ProcessSetting.K8S_POLL_MS.wholeNumber(System.getenv(), 1000, 10, 60_000));
  }
}
