package io.fluxo.runtime.spi.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {
  @Test
  void names_allowIdentifiersAndNumbers_only() {
    assertThat(Fields.name("flow", "CountingFlow")).isEqualTo("CountingFlow");
    assertThat(Fields.name("step", "_parameters")).isEqualTo("_parameters");
    assertThat(Fields.name("task", "12")).isEqualTo("12");
    for (String bad :
        new String[] {"", ".hidden", "a b", "a/b", "x'--", "a\u0000", "é", "x".repeat(256)}) {
      assertThatThrownBy(() -> Fields.name("flow name", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Invalid flow name");
    }
  }

  @Test
  void runNumbers_arePositiveAndFitALong() {
    assertThat(Fields.runNumber("run id", "1")).isEqualTo(1);
    assertThat(Fields.runNumber("run id", "999999999999999999"))
        .isEqualTo(999_999_999_999_999_999L);
    for (String bad : new String[] {"0", "-1", "01", "1.0", "9999999999999999999", "1 OR 1=1"}) {
      assertThatThrownBy(() -> Fields.runNumber("run id", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void tags_areDistinctInFirstOrder_andBounded() {
    assertThat(Fields.tags("tags", List.of("b", "a", "b"))).containsExactly("b", "a");
    assertThat(Fields.tags("tags", null)).isEmpty();
    assertThatThrownBy(() -> Fields.tags("tags", Arrays.asList("a", null)))
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> Fields.tags("tags", List.of(" ")))
        .hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> Fields.tags("tags", List.of("t".repeat(257))))
        .hasMessageContaining("at most 256");
    assertThatThrownBy(() -> Fields.tags("tags", java.util.Collections.nCopies(101, "t")))
        .hasMessageContaining("at most 100");
  }
}
