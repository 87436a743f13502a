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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a run (Ctrl-C) on CountingFlow's graph with a launcher whose foreach tasks never end,
 * even once killed (a pod whose deletion never completes): the scheduler kills them all and waits
 * for them together, for its kill grace period, not that period once per task.
 */
class StopRunTest {
  private static final int WIDTH = 8;
  private static final Duration KILL_GRACE = Duration.ofSeconds(1);

  @TempDir Path root;

  @Test
  void stop_killsEveryRunningTask_andWaitsForThemTogether() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    List<String> killed = new CopyOnWriteArrayList<>();
    CountDownLatch bodiesLaunched = new CountDownLatch(WIDTH);
    StepLauncher launcher =
        new StepLauncher() {
          @Override
          public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
            TaskPath task = launch.spec().task();
            if (task.step().equals("square")) {
              bodiesLaunched.countDown();
            }
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
            ClonePlan.NONE,
            new LocalScheduler.Timing(Clock.systemUTC(), KILL_GRACE, Duration.ofSeconds(1)));

    CompletableFuture<LocalScheduler.Outcome> outcome =
        CompletableFuture.supplyAsync(() -> scheduler.run("1"));
    assertThat(bodiesLaunched.await(30, TimeUnit.SECONDS)).isTrue();
    long stopped = System.nanoTime();
    scheduler.stop();
    LocalScheduler.Outcome ended = outcome.get(30, TimeUnit.SECONDS);
    Duration stopping = Duration.ofNanos(System.nanoTime() - stopped);

    assertThat(ended.stopped()).isTrue();
    assertThat(ended.succeeded()).isFalse();
    assertThat(killed).hasSize(WIDTH).allMatch("square"::equals);
    // the grace period for all of them; waiting it for each in turn would take 8 s
    assertThat(stopping).isBetween(KILL_GRACE, KILL_GRACE.multipliedBy(WIDTH / 2));
  }
}
