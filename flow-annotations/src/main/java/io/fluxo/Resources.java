package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Declares what a step needs, wherever it runs. Locally the values are recorded and size Spark's
 * local threads; on Kubernetes they become the pod's requests, unless {@link Kubernetes} overrides
 * them.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Resources {
  /** CPU cores. Default: 1. Constraint: more than 0. */
  double cpu() default 1;

  /**
   * Memory, as mebibytes ({@code "4096"}) or with a Kubernetes suffix ({@code "4Gi"}, {@code
   * "512Mi"}). Default: {@code "4096"}. Constraint: at least 1 MiB.
   */
  String memory() default "4096";

  /** GPUs. Default: 0. Constraint: 0 or more. */
  int gpu() default 0;
}
