package io.fluxo.runtime.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.spi.TaskPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RunReporterTest {
  private static final TaskPath START = new TaskPath("F", "12", "start", "1");
  private static final TaskPath SQUARE_2 = new TaskPath("F", "12", "square", "2");
  private static final TaskPath SQUARE_3 = new TaskPath("F", "12", "square", "3");

  @Test
  void onATerminal_theProgressLineIsRedrawnUnderTheLines_andErasedAtTheEnd() {
    StringWriter text = new StringWriter();
    RunReporter reporter = new RunReporter(new PrintWriter(text), 100);

    reporter.task(START, "7", "Task is starting.");
    reporter.started(START);
    reporter.ended(START, true);
    reporter.started(SQUARE_2);
    reporter.started(SQUARE_3);
    reporter.task(SQUARE_2, "8", "hello");
    reporter.ended(SQUARE_3, false);
    String beforeTheEnd = text.toString();
    reporter.finish();
    reporter.run("Done!");

    String last =
        beforeTheEnd.substring(
            beforeTheEnd.lastIndexOf(RunReporter.ERASE) + RunReporter.ERASE.length());
    assertThat(last).matches("run 12 \\| 0:0\\d \\| start: 1 done \\| square: 1 running, 1 failed");
    // a printed line erases the progress line first, which is drawn again after it
    assertThat(beforeTheEnd)
        .contains(RunReporter.ERASE + "run 12 | 0:0")
        .containsPattern(
            "\\r\\u001b\\[K\\d{4}-\\d\\d-\\d\\d [0-9:.]+ \\[12/square/2 \\(pid 8\\)\\] hello\\n"
                + "run 12 \\| ");
    // erased for good: the lines after the end have no progress line under them
    assertThat(text.toString()).matches("(?s).*\\r\\u001b\\[K[0-9: .-]+ Done!\\n");
  }

  @Test
  void notATerminal_plainLinesOnly() {
    StringWriter text = new StringWriter();
    RunReporter reporter = new RunReporter(new PrintWriter(text));

    reporter.task(START, "7", "Task is starting.");
    reporter.started(START);
    reporter.ended(START, true);
    reporter.finish();

    assertThat(text.toString())
        .doesNotContain("\r", "\033", "run 12 |")
        .matches("[0-9: .-]+ \\[12/start/1 \\(pid 7\\)\\] Task is starting\\.\\n");
  }

  @Test
  void aNarrowTerminal_getsALineCutToItsWidth() {
    ProgressLine line = new ProgressLine(30, 0);
    line.started("12", "a_step_with_a_long_name");

    assertThat(line.render(62_000_000_000L))
        .hasSize(30)
        .startsWith("run 12 | 1:02 | a_step")
        .endsWith("...");
  }
}
