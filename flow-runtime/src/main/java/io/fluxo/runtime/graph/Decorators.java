package io.fluxo.runtime.graph;

import java.util.Optional;

/** The decorators on one step, each present only when the annotation is on the step. */
public record Decorators(
    Optional<RetrySpec> retry,
    Optional<CatchSpec> catchSpec,
    Optional<TimeoutSpec> timeout,
    Optional<ResourcesSpec> resources,
    Optional<KubernetesSpec> kubernetes,
    Optional<EnvironmentSpec> environment) {
  /** A step with no decorators. */
  public static final Decorators NONE =
      new Decorators(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
}
