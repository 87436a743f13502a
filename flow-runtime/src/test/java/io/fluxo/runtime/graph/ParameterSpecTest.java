package io.fluxo.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {
  private static ParameterSpec json(Class<?> raw, String javaType) {
    return new ParameterSpec(
        "limits", "limits", ParameterType.JSON, raw, javaType, "limits per name", false);
  }

  @Test
  void json_ofTheDeclaredShape_isParsedWithItsTypeArguments() {
    ParameterSpec limits = json(Map.class, "java.util.Map<java.lang.String,java.lang.Integer>");

    Object value = limits.parse("{\"a\": 1, \"b\": 2}");

    assertThat(value).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(((Map<?, ?>) value).get("a")).isInstanceOf(Integer.class);
  }

  @Test
  void json_ofAnotherShape_isRefusedAtTheCommandLine() {
    ParameterSpec limits = json(Map.class, "java.util.Map<java.lang.String,java.lang.Integer>");

    assertThatThrownBy(() -> limits.parse("{\"a\": \"x\"}"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Invalid value for option '--limits': '{\"a\": \"x\"}' is not JSON for"
                + " java.util.Map<java.lang.String,java.lang.Integer>");
    assertThatThrownBy(
            () -> json(List.class, "java.util.List<java.lang.Double>").parse("[1.5, {\"no\": 1}]"))
        .isInstanceOf(UsageException.class);
  }
}
