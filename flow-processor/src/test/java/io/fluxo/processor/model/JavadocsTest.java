package io.fluxo.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavadocsTest {
  @Test
  void firstSentence_stopsAtThePeriodAndDropsTags() {
    String doc =
        " Trains the {@code model} on\n"
            + " <b>clean</b> data. Then saves it.\n\n"
            + " @throws Exception never\n";

    assertThat(Javadocs.firstSentence(doc)).isEqualTo("Trains the model on clean data.");
  }

  @Test
  void firstSentence_ofNoCommentIsEmpty() {
    assertThat(Javadocs.firstSentence(null)).isEmpty();
    assertThat(Javadocs.firstSentence("  \n")).isEmpty();
  }

  @Test
  void firstSentence_withoutPeriodIsTheWholeSummary() {
    assertThat(Javadocs.firstSentence(" Version 1.5 of the step\n"))
        .isEqualTo("Version 1.5 of the step");
  }
}
