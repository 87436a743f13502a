package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Kills a step task that runs longer than the sum of the three values; the kill counts as a failed
 * attempt, so {@link Retry} and {@link Catch} apply. The sum must be positive.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Timeout {
  /** Seconds. Default: 0. Constraint: 0 or more. */
  int seconds() default 0;

  /** Minutes. Default: 0. Constraint: 0 or more. */
  int minutes() default 0;

  /** Hours. Default: 0. Constraint: 0 or more. */
  int hours() default 0;
}
