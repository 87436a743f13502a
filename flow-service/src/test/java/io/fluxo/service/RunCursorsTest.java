package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RunCursorsTest {
  @Test
  void cursor_roundTrips() {
    assertThat(RunCursors.parse(RunCursors.after(42))).isEqualTo(42);
  }

  @Test
  void forgedOrGarbledCursors_areRejected() {
    String forged =
        Base64.getUrlEncoder().encodeToString("before:1 OR 1=1".getBytes(StandardCharsets.UTF_8));
    for (String cursor : new String[] {"", "!!!", "42", forged, RunCursors.after(42) + "x"}) {
      assertThatThrownBy(() -> RunCursors.parse(cursor))
          .as(cursor)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Invalid cursor");
    }
  }
}
