package io.fluxo;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a public void method of a {@link Flow} as a step; the method name is the step name. A flow
 * has exactly one {@code start} and one {@code end} step. Every step but {@code end} ends with one
 * transition: {@code next(this::a)}, {@code next(this::a, this::b)} or {@code foreach(items,
 * this::a)}. A step takes no arguments, except a join, which takes exactly one {@link Inputs}.
 */
@Documented
@Retention(CLASS)
@Target(METHOD)
public @interface Step {}
