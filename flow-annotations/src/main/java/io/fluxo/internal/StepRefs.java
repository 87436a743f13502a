package io.fluxo.internal;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/** Reads which step a method reference ({@code this::train}) names. Not API. */
public final class StepRefs {
  private StepRefs() {}

  /**
   * The name of the method that {@code methodReference} refers to.
   *
   * @throws IllegalArgumentException if it is not a method reference
   */
  public static String name(Serializable methodReference) {
    try {
      Method writeReplace = methodReference.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      return ((SerializedLambda) writeReplace.invoke(methodReference)).getImplMethodName();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException(
          "Cannot read the step of a transition: write it as a method reference, this::step", e);
    }
  }
}
