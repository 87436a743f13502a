package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Runs a step as a Kubernetes pod, also when the flow is not run with {@code --with kubernetes}.
 * Values left at their defaults come from {@link Resources} and from the {@code kubernetes} section
 * of the configuration.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Kubernetes {
  /**
   * CPU cores requested. Default: 0, meaning from {@link Resources} or 1. Constraint: 0 or more.
   */
  double cpu() default 0;

  /**
   * Memory requested, as mebibytes ({@code "4096"}) or with a suffix ({@code "4Gi"}). Default:
   * empty, meaning from {@link Resources} or 4096 MiB.
   */
  String memory() default "";

  /** GPUs requested ({@code nvidia.com/gpu}). Default: 0. Constraint: 0 or more. */
  int gpu() default 0;

  /** Container image. Default: empty, meaning the configured image. */
  String image() default "";

  /** Namespace of the pod. Default: empty, meaning the configured namespace. */
  String namespace() default "";

  /** Secrets whose keys become environment variables of the pod. Default: none. */
  String[] secrets() default {};

  /** Node selector entries as {@code key=value}. Default: none. */
  String[] nodeSelector() default {};

  /**
   * Tolerations as {@code key=value:Effect}, {@code key:Effect} or {@code key=value}. Default:
   * none.
   */
  String[] tolerations() default {};

  /** Service account of the pod. Default: empty, meaning the configured one. */
  String serviceAccount() default "";

  /** Extra pod labels as {@code key=value}. Default: none. */
  String[] labels() default {};

  /** Pod annotations as {@code key=value}. Default: none. */
  String[] annotations() default {};
}
