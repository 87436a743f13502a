package com.example;

import io.fluxo.Catch;
import io.fluxo.Environment;
import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Kubernetes;
import io.fluxo.Resources;
import io.fluxo.Retry;
import io.fluxo.Step;
import io.fluxo.Timeout;

@Flow(description = "Every decorator with every attribute")
public class DecoratedFlow extends FlowSpec {
  String result;

  @Step
  @Retry(times = 4, minutesBetweenRetries = 0)
  @Catch(var = "failure")
  @Timeout(seconds = 30, minutes = 2, hours = 1)
  @Resources(cpu = 0.5, memory = "1.5Gi", gpu = 1)
  @Kubernetes(
      cpu = 2,
      memory = "1G",
      gpu = 0,
      image = "harbor.local/fluxo/runtime:1",
      namespace = "ml",
      secrets = {"minio-creds", "db"},
      nodeSelector = {"pool=gpu", "zone=a"},
      tolerations = {"gpu=true:NoSchedule", "spot:PreferNoSchedule", "team=ml"},
      serviceAccount = "fluxo",
      labels = {"team=ml", "empty="},
      annotations = {"owner=data"})
  @Environment(vars = {"SPARK_HOME=/opt/spark", "EMPTY="})
  public void start() throws Exception {
    result = "done";
    next(this::train);
  }

  @Step
  @Resources(memory = "512Mi")
  @Kubernetes
  public void train() {
    next(this::end);
  }

  @Step
  @Retry
  @Resources(cpu = 4, memory = "4096")
  @Timeout(minutes = 5)
  public void end() {}
}
