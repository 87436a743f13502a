package io.fluxo.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogChunkTest {
  private static Optional<InputStream> log(String text) {
    return Optional.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void tail_keepsTheLastBytes_andCountsThoseLeftOut() {
    String text = "0123456789".repeat(10) + "end\n";

    LogChunk chunk = LogChunk.tail(log(text), 16);

    assertThat(chunk.text()).isEqualTo(text.substring(text.length() - 16));
    assertThat(chunk.skipped()).isEqualTo(text.length() - 16);
    assertThat(chunk.end()).isEqualTo(text.length());
    assertThat(LogChunk.tail(Optional.empty(), 16)).isEqualTo(new LogChunk("", 0, 0));
  }

  @Test
  void from_readsAfterTheOffset_wholeLinesOnlyWhileTheLogGrows() {
    String text = "one\ntwo\nthr";

    assertThat(LogChunk.from(log(text), 4, 100, true)).isEqualTo(new LogChunk("two\n", 0, 8));
    assertThat(LogChunk.from(log(text), 4, 100, false)).isEqualTo(new LogChunk("two\nthr", 0, 11));
    assertThat(LogChunk.from(log(text), 8, 100, true)).isEqualTo(new LogChunk("", 0, 8));
    assertThat(LogChunk.from(log(text), 50, 100, false)).isEqualTo(new LogChunk("", 0, 50));
    assertThat(LogChunk.from(log(text), 0, 5, false)).isEqualTo(new LogChunk("one\nt", 0, 5));
  }
}
