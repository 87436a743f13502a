package io.fluxo.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizesTest {
  @ParameterizedTest
  @CsvSource({
    "4096, 4096",
    "512Mi, 512",
    "4Gi, 4096",
    "1.5Gi, 1536",
    "1Ti, 1048576",
    "1G, 954",
    "500M, 477",
    "1M, 1",
    "' 8Gi ', 8192"
  })
  void validSizes_convertToMebibytesRoundedUp(String text, long mebibytes) {
    assertThat(MemorySizes.toMebibytes(text)).hasValue(mebibytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "0Mi", "1.5", "4 GB", "4gi", "-1", "Gi", "1Ki", "1e3"})
  void invalidSizes_areRejected(String text) {
    assertThat(MemorySizes.toMebibytes(text)).isEmpty();
  }
}
