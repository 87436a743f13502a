package io.fluxo.runtime.spi;

import java.util.List;

/**
 * What a task process is given besides its command line: the system properties a running step can
 * read, the environment variable a launcher sets, and the JVM options a task JVM starts with. A
 * launcher that starts tasks elsewhere (a pod) gives them the same.
 */
public final class TaskEnvironment {
  /** System property set, while a step runs, to the task's {@code Flow/run/step/task}. */
  public static final String PATHSPEC_PROPERTY = "fluxo.task.pathspec";

  /**
   * System property set, while a step runs, to the step's {@code @Resources} cpu, when it has one.
   */
  public static final String CPU_PROPERTY = "fluxo.task.cpu";

  /**
   * Environment variable with the cpu of the container a task runs in, as a plain number ({@code
   * 2.5}): set in step pods, whose cpu may differ from {@code @Resources}
   * ({@code @Kubernetes(cpu)}).
   */
  public static final String CPU_ENV = "FLUXO_TASK_CPU";

  /**
   * Environment variable with the PID of the process that launched a task: the task halts the
   * moment that process ends, so that a killed run leaves no task writing.
   */
  public static final String PARENT_PID_ENV = "FLUXO_PARENT_PID";

  /**
   * Environment variable telling a task where to record its attempts when it cannot reach its run's
   * metadata: {@value #ATTEMPT_RECORDS_IN_DATASTORE}, set in the pods of a run whose metadata is
   * local files on the launching machine; the task keeps them through the datastore's {@link
   * AttemptRelay}, and its launcher records them in the metadata.
   */
  public static final String ATTEMPT_RECORDS_ENV = "FLUXO_ATTEMPT_RECORDS";

  /** The value of {@link #ATTEMPT_RECORDS_ENV} that sends attempt records to the datastore. */
  public static final String ATTEMPT_RECORDS_IN_DATASTORE = "datastore";

  /**
   * JVM options of tasks of steps without {@code @Resources}, which favour start-up: the serial
   * collector, and methods compiled by the first tier only once called ten times more often than by
   * default, so a short task spends little CPU in the JIT while a loop over data still reaches the
   * optimizing compiler.
   */
  public static final List<String> LIGHT_JVM_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:Tier3InvocationThreshold=2000",
          "-XX:Tier3MinInvocationThreshold=1000",
          "-XX:Tier3CompileThreshold=20000");

  /**
   * JVM options of tasks of steps with {@code @Resources}, which favour a batch job's throughput
   * over pauses: the parallel collector, and methods compiled by the optimizing compiler only once
   * three times hotter than by default, since a task JVM lives for one task and cannot amortize the
   * optimizing compiler over a long life (measured in {@code bench/spark/README.md}).
   */
  public static final List<String> HEAVY_JVM_OPTIONS =
      List.of(
          "-XX:+UseParallelGC",
          "-XX:Tier4InvocationThreshold=15000",
          "-XX:Tier4MinInvocationThreshold=1800",
          "-XX:Tier4CompileThreshold=45000",
          "-XX:Tier4BackEdgeThreshold=120000");

  /**
   * The packages of {@code java.base} that Spark (and Kryo on Java 17) reflect into, which a JVM
   * must open to the class path: a task JVM is started with {@link #ADD_OPENS}, a flow jar's
   * manifest lists them as {@code Add-Opens} for {@code java -jar}, and a client program that reads
   * Spark artifacts needs them on its command line.
   */
  public static final List<String> OPENED_PACKAGES =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "jdk.internal.ref",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  /** The JVM options that open {@link #OPENED_PACKAGES} to the class path. */
  public static final List<String> ADD_OPENS =
      OPENED_PACKAGES.stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

  /**
   * The packages of {@link #OPENED_PACKAGES} that this JVM does not open to {@code module}: none
   * when it was started as a task or from a flow jar.
   */
  public static List<String> notOpenedTo(Module module) {
    Module base = Object.class.getModule();
    return OPENED_PACKAGES.stream().filter(p -> !base.isOpen(p, module)).toList();
  }

  private TaskEnvironment() {}
}
