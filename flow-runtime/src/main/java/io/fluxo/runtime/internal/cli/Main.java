package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.FlowDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The {@code Main-Class} of a flow jar: finds the flows compiled into the classpath and runs the
 * {@code flow} command of the only one, or of the one named by {@code --flow Name}.
 */
public final class Main {
  private Main() {}

  /** Runs {@code java -jar flow.jar [--flow Name] <command> ...}. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    List<FlowDefinition<?>> flows = flows();
    for (FlowDefinition<?> flow : flows) {
      try {
        FlowDefinition.requireCompatible(flow);
      } catch (UsageException e) {
        System.err.println("Error: " + e.getMessage());
        return 2;
      }
    }
    String[] rest = args;
    FlowDefinition<?> chosen = null;
    if (args.length >= 2 && args[0].equals("--flow")) {
      rest = Arrays.copyOfRange(args, 2, args.length);
      chosen =
          flows.stream()
              .filter(
                  f -> f.graph().name().equals(args[1]) || f.graph().className().equals(args[1]))
              .findFirst()
              .orElse(null);
      if (chosen == null) {
        System.err.println("Error: " + noSuchFlow(args[1], flows));
        return 2;
      }
    } else if (flows.size() == 1) {
      chosen = flows.get(0);
    } else if (flows.isEmpty()) {
      System.err.println("Error: " + NO_FLOWS);
      return 2;
    } else {
      System.err.println(
          "Error: this jar holds several flows; choose one with --flow NAME: " + names(flows));
      return 2;
    }
    return FlowCommand.execute(chosen, rest);
  }

  /** What to say when the classpath holds no flow: the annotation processor did not run. */
  static final String NO_FLOWS =
      "no flow in this jar: the Fluxo annotation processor did not run on its @Flow classes (it"
          + " generates each flow's entry point); with Maven, add io.fluxo:flow-processor to"
          + " maven-compiler-plugin's annotationProcessorPaths (or use fluxo-maven-plugin), then"
          + " rebuild";

  /** The line for {@code --flow name} that names no flow of {@code flows}, with the closest. */
  static String noSuchFlow(String name, List<FlowDefinition<?>> flows) {
    if (flows.isEmpty()) {
      return NO_FLOWS;
    }
    List<String> close =
        Suggestions.closest(name, flows.stream().map(f -> f.graph().name()).toList());
    return "no flow named "
        + name
        + " in this jar"
        + (close.isEmpty() ? ";" : "; did you mean " + close.get(0) + "?")
        + " flows: "
        + names(flows);
  }

  static int flowsInClasspath() {
    return flows().size();
  }

  private static List<FlowDefinition<?>> flows() {
    List<FlowDefinition<?>> flows = new ArrayList<>();
    for (FlowDefinition<?> flow : ServiceLoader.load(FlowDefinition.class)) {
      flows.add(flow);
    }
    return flows;
  }

  private static String names(List<FlowDefinition<?>> flows) {
    return String.join(", ", flows.stream().map(f -> f.graph().name()).sorted().toList());
  }
}
