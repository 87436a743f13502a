package io.fluxo.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.datastore.TaskPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path root;

  private record Result(int code, String out, String err) {}

  private Result flow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--datastore-root";
    all[args.length + 1] = root.toString();
    int code = FlowCommand.execute(new CountingFlowDefinition(), all, "flow", new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void run_foreachAndJoin_sumsSquares() {
    Result result = flow("run", "--count", "4");

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("Workflow starting (run-id 1):", "total 30", "Done!");
    FlowStores stores = FlowStores.open(root, "CountingFlow");
    var endTask = stores.metadata().tasks("CountingFlow", "1").stream()
        .filter(t -> t.path().step().equals("end")).findFirst().orElseThrow().path();
    var data = stores.tasks().usableData(endTask).orElseThrow();
    assertThat(stores.blobs().get(data.artifacts().get("total").sha())).isEqualTo(30);
  }

  @Test
  void run_failure_thenResume_reusesFinishedTasks() {
    Result failed = flow("run", "--count", "3", "--fail-at", "square");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out()).contains("resume --origin-run-id 1");

    Result resumed = flow("resume", "--origin-run-id", "1");
    // the parameters are kept, so square fails again on item 2, after cloning start
    assertThat(resumed.out()).contains("Cloning results of a previously run task 1/start/");
    assertThat(resumed.code()).isEqualTo(1);
  }

  @Test
  void run_badParameter_isUsageError() {
    Result result = flow("run", "--count", "many");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("'--count'").contains("not an int").doesNotContain("Exception");
  }

  @Test
  void run_unknownOption_isUsageError() {
    Result result = flow("run", "--nope", "1");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines().count()).isEqualTo(1);
  }

  static TaskPath task(String run, String step, String id) {
    return new TaskPath("CountingFlow", run, step, id);
  }
}
