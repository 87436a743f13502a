package io.fluxo.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubprocessStepLauncherTest {
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void jvmOptions_withoutUserOptions_startAJvm(boolean light) throws Exception {
    List<String> defaults = light ? SubprocessStepLauncher.LIGHT_JVM_OPTIONS : SubprocessStepLauncher.HEAVY_JVM_OPTIONS;

    assertThat(SubprocessStepLauncher.jvmOptions(defaults, List.of())).isEqualTo(defaults);
    assertThat(exitCodeOfJava(SubprocessStepLauncher.jvmOptions(defaults, List.of()))).isZero();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void jvmOptions_userChoosesACollector_theirsIsTheOnlyOne(boolean light) throws Exception {
    List<String> defaults = light ? SubprocessStepLauncher.LIGHT_JVM_OPTIONS : SubprocessStepLauncher.HEAVY_JVM_OPTIONS;
    List<String> user = List.of("-Xmx256m", "-XX:+UseG1GC");

    List<String> options = new ArrayList<>(SubprocessStepLauncher.jvmOptions(defaults, user));
    options.addAll(user);

    assertThat(options).filteredOn(o -> o.matches("-XX:\\+Use\\w+GC")).containsExactly("-XX:+UseG1GC");
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
