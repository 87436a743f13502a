package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real warm task process ({@code step --from-stdin}) of CountingFlow, fed through its stdin. */
class TaskFromStdinTest {
  @TempDir Path dir;

  @Test
  void closedStdin_exitsQuietlyWithoutATask() throws Exception {
    Process process = start();
    process.getOutputStream().close();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEmpty();
  }

  @Test
  void malformedRequest_failsWithOneLine() throws Exception {
    Process process = start();
    send(process, "[\"step\", \"start\"]");

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(err)
        .startsWith("Error: Cannot read task request: invalid JSON")
        .doesNotContain("\tat ");
  }

  @Test
  void request_runsTheTaskItNames() throws Exception {
    Path root = dir.resolve("ds");
    CountingRuns.Result run = CountingRuns.flow(root, "run", "--count", "2");
    assertThat(run.code()).as(run.err()).isZero();
    Process process = start();
    // runs start of run 1 again as its attempt 1: the request alone decides what runs, and where
    send(
        process,
        """
        {"spec": {"task": {"flow": "CountingFlow", "runId": "1", "step": "start", "taskId": "1"},
          "inputPaths": ["1/_parameters/0"], "splitIndex": -1, "retryCount": 1, "maxNumSplits": 100,
          "user": "ana", "tags": [], "originRunId": null},
         "settings": {"FLUXO_DATASTORE": "local", "FLUXO_DATASTORE_ROOT": "%s"}, "endMarker": "end-42"}"""
            .formatted(root)
            .replace("\n", " "));

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(root.resolve("CountingFlow/1/start/1/1.done.json")).exists();
    // the attempt's end is announced on both streams, after what the task printed, with its exit
    // code
    assertThat(err).endsWith("end-42 0\n");
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .endsWith("end-42 0\n");
  }

  private Process start() throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CountingFlowDefinition.class.getName(),
                "step",
                "--from-stdin"));
    return new ProcessBuilder(command).directory(dir.toFile()).start();
  }

  private static void send(Process process, String line) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.close();
  }
}
