package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Retries a failed step task. A task that fails (an exception, a non-zero exit, a timeout) is run
 * again up to {@link #times()} more times, each attempt in a fresh process.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Retry {
  /** Retries after the first attempt. Default: 3. Constraint: 0 to 4. */
  int times() default 3;

  /** Minutes to wait before each retry. Default: 2. Constraint: 0 to 60. */
  int minutesBetweenRetries() default 2;
}
