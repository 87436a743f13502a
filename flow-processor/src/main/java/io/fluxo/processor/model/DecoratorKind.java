package io.fluxo.processor.model;

/** The step decorators of {@code io.fluxo}, by annotation. */
public enum DecoratorKind {
  RETRY("Retry"),
  CATCH("Catch"),
  TIMEOUT("Timeout"),
  RESOURCES("Resources"),
  KUBERNETES("Kubernetes"),
  ENVIRONMENT("Environment");

  private final String simpleName;

  DecoratorKind(String simpleName) {
    this.simpleName = simpleName;
  }

  /** The annotation's simple name, e.g. {@code Retry}. */
  public String simpleName() {
    return simpleName;
  }

  /** The annotation's qualified name, e.g. {@code io.fluxo.Retry}. */
  public String qualifiedName() {
    return "io.fluxo." + simpleName;
  }
}
