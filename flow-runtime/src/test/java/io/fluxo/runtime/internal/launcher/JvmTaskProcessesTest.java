package io.fluxo.runtime.internal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.EnvironmentSpec;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.spi.TaskEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JvmTaskProcessesTest {
  /** What a spare runs here: a JVM that waits for its stdin to close. */
  public static final class WaitingMain {
    public static void main(String[] args) throws Exception {
      System.in.read();
    }
  }

  @Test
  void spares_areStartedForTheExpectedSteps_ofTheirKind() throws Exception {
    List<String> prefix =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            WaitingMain.class.getName());
    StepNode light = node("s", Optional.empty(), Optional.empty());
    StepNode heavy = node("s", Optional.of(new ResourcesSpec(2, 4096, 0)), Optional.empty());
    StepNode otherHeavy = node("t", Optional.of(new ResourcesSpec(2, 4096, 0)), Optional.empty());
    StepNode withEnvironment =
        node("s", Optional.empty(), Optional.of(new EnvironmentSpec(Map.of("A", "1"))));

    List<ProcessHandle> spares;
    try (SubprocessStepLauncher launcher =
        new SubprocessStepLauncher(
            new JvmTaskProcesses(prefix, 2), (launch, endMarker) -> null, null)) {
      assertThat(spareCollectors()).containsExactly("-XX:+UseSerialGC", "-XX:+UseSerialGC");

      launcher.expect(List.of(light, heavy, heavy, heavy, withEnvironment, withEnvironment));
      assertThat(spareCollectors())
          .containsExactlyInAnyOrder(
              "-XX:+UseSerialGC", "-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseParallelGC");

      // heavy spares are for a step: those of a step no longer expected are stopped
      List<ProcessHandle> forS = heavySpares();
      launcher.expect(List.of(otherHeavy));
      for (ProcessHandle spare : forS) {
        assertThat(spare.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
      }
      assertThat(heavySpares()).hasSize(1).doesNotContainAnyElementsOf(forS);

      launcher.expect(List.of());
      spares = ProcessHandle.current().children().toList();
      // light spares stay: the next light step takes one
      assertThat(
              spares.stream()
                  .filter(ProcessHandle::isAlive)
                  .filter(
                      p ->
                          Arrays.asList(p.info().arguments().orElse(new String[0]))
                              .contains("-XX:+UseSerialGC")))
          .hasSize(2);
    }
    // closing kills the spares, which would otherwise wait for their stdin forever
    for (ProcessHandle spare : spares) {
      assertThat(spare.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    }
  }

  private static List<String> spareCollectors() {
    return ProcessHandle.current()
        .children()
        .flatMap(p -> Arrays.stream(p.info().arguments().orElse(new String[0])))
        .filter(a -> a.matches("-XX:\\+Use\\w+GC"))
        .toList();
  }

  private static List<ProcessHandle> heavySpares() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                Arrays.asList(p.info().arguments().orElse(new String[0]))
                    .contains("-XX:+UseParallelGC"))
        .toList();
  }

  private static StepNode node(
      String name, Optional<ResourcesSpec> resources, Optional<EnvironmentSpec> environment) {
    Decorators decorators =
        new Decorators(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            resources,
            Optional.empty(),
            environment);
    return new StepNode(
        name,
        TransitionKind.LINEAR,
        List.of("end"),
        false,
        List.of(),
        Optional.empty(),
        Set.of(),
        true,
        decorators,
        "");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void jvmOptions_withoutUserOptions_startAJvm(boolean light) throws Exception {
    List<String> defaults =
        light ? TaskEnvironment.LIGHT_JVM_OPTIONS : TaskEnvironment.HEAVY_JVM_OPTIONS;

    assertThat(JvmTaskProcesses.jvmOptions(defaults, List.of())).isEqualTo(defaults);
    assertThat(exitCodeOfJava(JvmTaskProcesses.jvmOptions(defaults, List.of()))).isZero();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void jvmOptions_userChoosesACollector_theirsIsTheOnlyOne(boolean light) throws Exception {
    List<String> defaults =
        light ? TaskEnvironment.LIGHT_JVM_OPTIONS : TaskEnvironment.HEAVY_JVM_OPTIONS;
    List<String> user = List.of("-Xmx256m", "-XX:+UseG1GC");

    List<String> options = new ArrayList<>(JvmTaskProcesses.jvmOptions(defaults, user));
    options.addAll(user);

    assertThat(options)
        .filteredOn(o -> o.matches("-XX:\\+Use\\w+GC"))
        .containsExactly("-XX:+UseG1GC");
    assertThat(options).containsAll(defaults.subList(1, defaults.size()));
    // two collectors make the JVM refuse to start ("Multiple garbage collectors selected")
    assertThat(exitCodeOfJava(options)).isZero();
  }

  private static int exitCodeOfJava(List<String> options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    java.getInputStream().readAllBytes();
    assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return java.exitValue();
  }
}
