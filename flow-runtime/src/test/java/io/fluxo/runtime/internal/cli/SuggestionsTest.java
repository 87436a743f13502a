package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void closest_countsSwapsAsOneEdit_andKeepsFarNamesOut() {
    List<String> commands = List.of("run", "resume", "runs", "show", "logs", "tag");

    assertThat(Suggestions.distance("rnu", "run")).isEqualTo(1);
    assertThat(Suggestions.distance("rnu", "ru")).isEqualTo(1);
    assertThat(Suggestions.distance("ocunt", "count")).isEqualTo(1);
    assertThat(Suggestions.closest("rnu", commands)).startsWith("run");
    assertThat(Suggestions.closest("resme", commands)).containsExactly("resume");
    assertThat(Suggestions.closest("--ocunt", List.of("--count", "--tag", "--with")))
        .containsExactly("--count");
    assertThat(Suggestions.closest("deploy", commands)).isEmpty();
  }
}
