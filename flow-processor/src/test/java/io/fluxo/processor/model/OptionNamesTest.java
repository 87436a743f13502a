package io.fluxo.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionNamesTest {
  @ParameterizedTest
  @CsvSource({
    "maxIter, max-iter",
    "rawPath, raw-path",
    "seed, seed",
    "modelURL, model-url",
    "modelURLPath, model-url-path",
    "snake_case, snake-case",
    "layer2Size, layer2-size",
    "my_Var, my-var"
  })
  void kebabCase_splitsCamelCaseWords(String field, String option) {
    assertThat(OptionNames.kebabCase(field)).isEqualTo(option);
  }
}
