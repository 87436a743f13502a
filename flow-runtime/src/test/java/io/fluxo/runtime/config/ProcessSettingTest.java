package io.fluxo.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSettingTest {
  @Test
  void unset_givesTheDefault_setIsParsed() {
    assertThat(ProcessSetting.WARM_TASKS.wholeNumber(Map.of(), 2, 0, 64)).isEqualTo(2);
    assertThat(ProcessSetting.WARM_TASKS.wholeNumber(Map.of("FLUXO_WARM_TASKS", " 0 "), 2, 0, 64))
        .isZero();
    assertThat(ProcessSetting.NO_CDS.on(Map.of("FLUXO_NO_CDS", "TRUE"))).isTrue();
    assertThat(ProcessSetting.NO_CDS.on(Map.of("FLUXO_NO_CDS", "0"))).isFalse();
    assertThat(
            ProcessSetting.METADATA_HEARTBEAT_SECONDS.number(
                Map.of("FLUXO_METADATA_HEARTBEAT_SECONDS", "0.5"), 10, 0.01, 3600))
        .isEqualTo(0.5);
  }

  @Test
  void badValues_areRefusedInOneLine_notIgnored() {
    assertThatThrownBy(
            () ->
                ProcessSetting.WARM_TASKS.wholeNumber(Map.of("FLUXO_WARM_TASKS", "lots"), 2, 0, 64))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Invalid FLUXO_WARM_TASKS 'lots': task JVMs of each kind (light, @Resources) started"
                + " ahead of need: 0 to 64, default 2");
    assertThatThrownBy(
            () ->
                ProcessSetting.K8S_POLL_MS.wholeNumber(
                    Map.of("FLUXO_K8S_POLL_MS", "1"), 1000, 10, 60_000))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> ProcessSetting.DEBUG.on(Map.of("FLUXO_DEBUG", "please")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("FLUXO_DEBUG 'please'");
  }
}
