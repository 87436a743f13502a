package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Sets environment variables for the step's task process (or pod). */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Environment {
  /**
   * Variables as {@code NAME=value}. NAME must match {@code [A-Za-z_][A-Za-z0-9_]*}. Default: none.
   */
  String[] vars() default {};
}
