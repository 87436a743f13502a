package io.fluxo.runtime.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import io.fluxo.runtime.spi.TaskPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a run (Ctrl-C) on CountingFlow's graph with a launcher whose foreach tasks never end,
 * even once killed (a pod whose deletion never completes): the scheduler kills them all and waits
 * for them together, for a bounded time, not that time once per task.
 */
class StopRunTest {
  private static final int WIDTH = 8;

  @TempDir Path root;

  @Test
  void stop_killsEveryRunningTask_andWaitsForThemTogether() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    List<String> killed = new CopyOnWriteArrayList<>();
    List<String> launched = new CopyOnWriteArrayList<>();
    StepLauncher launcher =
        new StepLauncher() {
          @Override
          public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
            TaskPath task = launch.spec().task();
            launched.add(task.step());
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            if (task.step().equals("start")) {
              String item = "0".repeat(64);
              tasks.writeData(
                  task,
                  0,
                  new TaskData(
                      Map.of(),
                      List.of(),
                      new TakenTransition(
                          TransitionKind.FOREACH,
                          List.of("square"),
                          Collections.nCopies(WIDTH, item))));
              tasks.writeResult(
                  task,
                  new AttemptResult(
                      0, AttemptStatus.SUCCEEDED, Instant.now(), Instant.now(), null, null));
              exit.complete(0);
            }
            return new LaunchedTask() {
              @Override
              public String id() {
                return task.taskId();
              }

              @Override
              public CompletableFuture<Integer> exit() {
                return exit;
              }

              @Override
              public void kill() {
                killed.add(task.step());
              }
            };
          }
        };
    LocalScheduler scheduler =
        new LocalScheduler(
            new CountingFlowDefinition().graph(),
            new LocalScheduler.Settings(16, 100, "ana", List.of()),
            launcher,
            tasks,
            new LocalMetadataStore(root),
            new RunReporter(new PrintWriter(new StringWriter())),
            ClonePlan.NONE);

    CompletableFuture<LocalScheduler.Outcome> outcome =
        CompletableFuture.supplyAsync(() -> scheduler.run("1"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (launched.stream().filter("square"::equals).count() < WIDTH
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    long stopped = System.nanoTime();
    scheduler.stop();
    LocalScheduler.Outcome ended = outcome.get(5 * WIDTH, TimeUnit.SECONDS);
    Duration stopping = Duration.ofNanos(System.nanoTime() - stopped);

    assertThat(ended.stopped()).isTrue();
    assertThat(ended.succeeded()).isFalse();
    assertThat(killed).hasSize(WIDTH).allMatch("square"::equals);
    // 10 s for all of them; waiting 10 s for each in turn would take 80 s
    assertThat(stopping).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(30));
  }
}
