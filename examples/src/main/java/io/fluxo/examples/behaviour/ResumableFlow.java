package io.fluxo.examples.behaviour;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code resume}: a line with a foreach in the middle whose artifacts depend only on its
 * parameters, so a resumed run must end with the same artifacts as an uninterrupted one.
 *
 * <p>For testing failures, each step first sleeps {@code $FLUXO_TEST_SLEEP_MS} milliseconds (if
 * set, printing a line before and after) and then fails if {@code $FLUXO_TEST_FAIL_AT} names it.
 * Task processes inherit the environment of {@code flow run}.
 */
@Flow(description = "Computes deterministic artifacts through a foreach; resumable after a failure")
public class ResumableFlow extends FlowSpec {
  /** Names the step that fails on purpose. */
  static final String FAIL_AT = "FLUXO_TEST_FAIL_AT";

  /** How long each step sleeps, in milliseconds. */
  static final String SLEEP_MS = "FLUXO_TEST_SLEEP_MS";

  @Parameter(description = "How many numbers to generate")
  int items = 4;

  @Parameter(description = "Seed of the generated numbers")
  long seed = 7;

  /** The generated numbers. */
  List<Long> numbers;

  /** This foreach task's number, squared, plus its index. */
  long score;

  /** The scores, in foreach order. */
  List<Long> scores;

  /** The sum of the scores. */
  long total;

  /** A one-line summary of the run. */
  String summary;

  /** Checks the run's settings. */
  @Step
  public void start() {
    checkpoint();
    next(this::generate);
  }

  /** Generates {@code items} numbers from the seed. */
  @Step
  public void generate() {
    checkpoint();
    numbers = new ArrayList<>();
    for (int i = 1; i <= items; i++) {
      numbers.add((seed * i * 31) % 101);
    }
    foreach(numbers, this::score);
  }

  /** Scores one number. */
  @Step
  public void score(long n) {
    checkpoint();
    score = n * n + index();
    next(this::combine);
  }

  /** Collects the scores. */
  @Step
  public void combine(Inputs<ResumableFlow> inputs) {
    checkpoint();
    scores = inputs.stream().map(in -> in.score).toList();
    total = scores.stream().mapToLong(Long::longValue).sum();
    mergeArtifacts(inputs, "score");
    next(this::summarize);
  }

  /** Summarizes the scores. */
  @Step
  public void summarize() {
    checkpoint();
    summary = items + " numbers from seed " + seed + " score " + total + " in all";
    next(this::end);
  }

  /** Prints the summary. */
  @Step
  public void end() {
    checkpoint();
    System.out.println(summary);
  }

  /** Sleeps and fails as the test environment variables say. */
  private void checkpoint() {
    String sleep = System.getenv(SLEEP_MS);
    if (sleep != null && !sleep.isBlank()) {
      System.out.println(current().stepName() + " waits " + sleep.trim() + " ms");
      try {
        Thread.sleep(Long.parseLong(sleep.trim()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.println(current().stepName() + " waited");
    }
    String step = current().stepName();
    if (step.equals(System.getenv(FAIL_AT))) {
      throw new IllegalStateException("Failing step " + step + " because " + FAIL_AT + "=" + step);
    }
  }
}
