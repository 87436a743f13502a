package io.fluxo;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a class as a flow. The class must be public, not abstract, have a public no-argument
 * constructor and extend {@link FlowSpec}. Its {@link Step} methods form the step graph, its
 * non-static non-transient fields are artifacts and its {@link Parameter} fields are options of the
 * {@code flow run} command. The processor generates {@code FlowMain_<ClassName>} next to it.
 */
@Documented
@Retention(CLASS)
@Target(TYPE)
public @interface Flow {
  /** One line that {@code flow show} prints and the UI displays. Default: empty. */
  String description() default "";
}
