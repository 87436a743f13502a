package io.fluxo.processor.codegen;

import com.palantir.javapoet.ClassName;

/** The runtime and user-API types that generated code names. */
final class ClassNames {
  private static final String GRAPH = "io.fluxo.runtime.graph";
  private static final String CLIENT = "io.fluxo.runtime.client";

  static final ClassName FLOW_CLI = ClassName.get("io.fluxo.runtime", "FlowCli");
  static final ClassName FLOW_DEFINITION = ClassName.get(GRAPH, "FlowDefinition");
  static final ClassName FLOW_GRAPH = ClassName.get(GRAPH, "FlowGraph");
  static final ClassName STEP_NODE = ClassName.get(GRAPH, "StepNode");
  static final ClassName TRANSITION_KIND = ClassName.get(GRAPH, "TransitionKind");
  static final ClassName DECORATORS = ClassName.get(GRAPH, "Decorators");
  static final ClassName RETRY_SPEC = ClassName.get(GRAPH, "RetrySpec");
  static final ClassName CATCH_SPEC = ClassName.get(GRAPH, "CatchSpec");
  static final ClassName TIMEOUT_SPEC = ClassName.get(GRAPH, "TimeoutSpec");
  static final ClassName RESOURCES_SPEC = ClassName.get(GRAPH, "ResourcesSpec");
  static final ClassName KUBERNETES_SPEC = ClassName.get(GRAPH, "KubernetesSpec");
  static final ClassName ENVIRONMENT_SPEC = ClassName.get(GRAPH, "EnvironmentSpec");
  static final ClassName PARAMETER_SPEC = ClassName.get(GRAPH, "ParameterSpec");
  static final ClassName PARAMETER_TYPE = ClassName.get(GRAPH, "ParameterType");
  static final ClassName ARTIFACT_SPEC = ClassName.get(GRAPH, "ArtifactSpec");
  static final ClassName CLIENT_FLOW = ClassName.get(CLIENT, "FlowRuns");
  static final ClassName CLIENT_RUN = ClassName.get(CLIENT, "Run");
  static final ClassName CLIENT_STEP = ClassName.get(CLIENT, "RunStep");
  static final ClassName CLIENT_TASK = ClassName.get(CLIENT, "Task");
  static final ClassName INPUTS = ClassName.get("io.fluxo", "Inputs");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private ClassNames() {}
}
