package io.fluxo;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Makes a field of a {@link Flow} an option of {@code flow run}. The field's initial value is the
 * default; the value given on the command line is frozen for the run (and kept by {@code resume}).
 * Supported field types: {@code String}, {@code int}, {@code long}, {@code double}, {@code boolean}
 * and their boxes, enums, {@code List<String>} (comma separated) and, as JSON, {@code Map<String,
 * ?>} or a record. The field must not be private, final or static.
 */
@Documented
@Retention(CLASS)
@Target(FIELD)
public @interface Parameter {
  /**
   * Option name without the leading dashes. Default: the field name in kebab case ({@code maxIter}
   * becomes {@code --max-iter}). Must match {@code [a-z][a-z0-9-]*}.
   */
  String name() default "";

  /** Help text shown by {@code flow run --help}. Default: empty. */
  String description() default "";

  /** Whether {@code flow run} fails when the option is not given. Default: false. */
  boolean required() default false;
}
