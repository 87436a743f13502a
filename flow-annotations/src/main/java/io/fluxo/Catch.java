package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Lets the flow continue when a step fails for good (after any {@link Retry}): the exception is
 * stored in the artifact {@link #var()} and the step's transition is taken as if it had succeeded.
 * Not allowed on a step that calls {@code foreach}, whose fan-out is unknown when it fails.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Catch {
  /**
   * Name of the artifact that receives a description of the exception (type, message, stack trace),
   * or null when the step succeeded. Default: empty, meaning the exception is only logged. Must be
   * a valid Java identifier and must not name a field of the flow.
   */
  String var() default "";
}
