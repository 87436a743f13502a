package io.fluxo.processor.validation;

import static io.fluxo.processor.Compilations.assertError;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.validation.ErrorMessages.code;

import io.fluxo.processor.model.MemorySizes;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value rules of the step decorators; each error lands on the offending value. */
class DecoratorValidatorTest {
  /** A flow whose start step carries {@code decorator} on a line of its own. */
  private static JavaFileObject startWith(String decorator) {
    return flow(
        "Bad",
        "  @Step\n  "
            + decorator
            + "\n  public void start() { next(this::end); }\n  @Step public void end() {}\n");
  }

  @ParameterizedTest
  @CsvSource({"times, 5, 0 to 4", "times, -1, 0 to 4", "minutesBetweenRetries, 61, 0 to 60"})
  void retryOutOfRange_fails(String attribute, int value, String range) {
    JavaFileObject f = startWith("@Retry(" + attribute + " = " + value + ")");
    assertError(f, String.format(ErrorMessages.INVALID_RETRY, attribute, range, value), "@Retry");
  }

  @Test
  void negativeTimeout_fails() {
    JavaFileObject f = startWith("@Timeout(hours = 1, seconds = -5)");
    assertError(f, String.format(ErrorMessages.INVALID_TIMEOUT, "seconds", -5), "@Timeout");
  }

  @Test
  void zeroTimeout_fails() {
    JavaFileObject f = startWith("@Timeout");
    assertError(f, ErrorMessages.ZERO_TIMEOUT, "@Timeout");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "@Resources(cpu = 0); Resources; cpu; more than 0; 0.0",
        "@Resources(gpu = -1); Resources; gpu; 0 or more; -1",
        "@Kubernetes(cpu = -1); Kubernetes; cpu; 0 or more; -1.0",
        "@Kubernetes(gpu = -2); Kubernetes; gpu; 0 or more; -2"
      })
  void invalidResourceNumbers_fail(
      String decorator, String annotation, String attribute, String rule, String found) {
    JavaFileObject f = startWith(decorator);
    assertError(
        f,
        String.format(ErrorMessages.INVALID_RESOURCE, annotation, attribute, rule, found),
        decorator.substring(0, decorator.indexOf('(')));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4 GB", "0", "1.5", "Gi", "-1Gi", "2Pi"})
  void invalidResourcesMemory_fails(String memory) {
    JavaFileObject f = startWith("@Resources(memory = \"" + memory + "\")");
    assertError(
        f,
        String.format(ErrorMessages.INVALID_MEMORY, "Resources", MemorySizes.FORMS, memory),
        "@Resources");
  }

  @Test
  void invalidKubernetesMemory_fails() {
    JavaFileObject f = startWith("@Kubernetes(memory = \"lots\")");
    assertError(
        f,
        String.format(ErrorMessages.INVALID_MEMORY, "Kubernetes", MemorySizes.FORMS, "lots"),
        "@Kubernetes");
  }

  @Test
  void nodeSelectorWithoutValue_failsOnThatEntry() {
    JavaFileObject f =
        startWith("@Kubernetes(nodeSelector = {\n      \"pool=gpu\",\n      \"zone\"})");
    assertError(
        f,
        String.format(ErrorMessages.INVALID_KEY_VALUE, "Kubernetes", "nodeSelector", "zone"),
        "\"zone\"");
  }

  @Test
  void labelWithoutKey_fails() {
    JavaFileObject f = startWith("@Kubernetes(labels = \"=ml\")");
    assertError(f, code(ErrorMessages.INVALID_KEY_VALUE), "@Kubernetes");
  }

  @Test
  void repeatedAnnotationKey_fails() {
    JavaFileObject f = startWith("@Kubernetes(annotations = {\"a=1\",\n      \"a=2\"})");
    assertError(
        f, String.format(ErrorMessages.DUPLICATE_KEY, "Kubernetes", "annotations", "a"), "\"a=2\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpu", "gpu=true:Sometimes", ":NoSchedule", "a b=c"})
  void invalidToleration_fails(String toleration) {
    JavaFileObject f = startWith("@Kubernetes(tolerations = \"" + toleration + "\")");
    assertError(f, String.format(ErrorMessages.INVALID_TOLERATION, toleration), "@Kubernetes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1PATH=x", "NO_VALUE", "A-B=c", "=x"})
  void invalidEnvironmentVariable_fails(String variable) {
    JavaFileObject f = startWith("@Environment(vars = \"" + variable + "\")");
    assertError(f, String.format(ErrorMessages.INVALID_ENVIRONMENT, variable), "@Environment");
  }

  @Test
  void repeatedEnvironmentVariable_fails() {
    JavaFileObject f = startWith("@Environment(vars = {\"A=1\", \"A=2\"})");
    assertError(
        f, String.format(ErrorMessages.DUPLICATE_KEY, "Environment", "vars", "A"), "@Environment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not valid", "class", "1st"})
  void invalidCatchVar_fails(String var) {
    JavaFileObject f = startWith("@Catch(var = \"" + var + "\")");
    assertError(f, String.format(ErrorMessages.INVALID_CATCH_VAR, var), "@Catch");
  }
}
