package io.fluxo.runtime.internal.cli;

import io.fluxo.FlowSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.StepNode;
import java.util.ArrayList;
import java.util.List;

/** A flow's graph as {@code show} and {@code check} print it. */
final class GraphText {
  private GraphText() {}

  @SuppressWarnings("unchecked")
  static String of(FlowDefinition<?> definition) {
    FlowGraph graph = definition.graph();
    StringBuilder text = new StringBuilder();
    text.append(graph.name());
    if (!graph.description().isEmpty()) {
      text.append(": ").append(graph.description());
    }
    text.append("\n\n");
    for (StepNode step : graph.steps()) {
      text.append("Step ").append(step.name());
      if (step.join()) {
        text.append(" (join)");
      }
      String decorators = decorators(step.decorators());
      if (!decorators.isEmpty()) {
        text.append("  ").append(decorators);
      }
      text.append('\n');
      if (!step.doc().isEmpty()) {
        text.append("    ").append(step.doc()).append('\n');
      }
      text.append("    ").append(transition(step)).append("\n\n");
    }
    if (!graph.parameters().isEmpty()) {
      FlowDefinition<FlowSpec> flow = (FlowDefinition<FlowSpec>) definition;
      FlowSpec fresh = flow.newInstance();
      text.append("Parameters:\n");
      for (ParameterSpec p : graph.parameters()) {
        Object value = flow.getArtifact(fresh, p.field());
        text.append(
            String.format(
                "    --%-22s %-22s %s%s%n",
                p.option(),
                p.javaType(),
                p.required() ? "required" : "default: " + ParameterOptions.display(value),
                p.description().isEmpty() ? "" : "  " + p.description()));
      }
    }
    return text.toString();
  }

  private static String transition(StepNode step) {
    return switch (step.transition()) {
      case END -> "(end)";
      case LINEAR -> "=> " + step.next().get(0);
      case BRANCH ->
          "=> "
              + String.join(", ", step.next())
              + "  (branch, joined in "
              + step.matchingJoin().orElse("?")
              + ")";
      case FOREACH ->
          "=> "
              + step.next().get(0)
              + "  (foreach, joined in "
              + step.matchingJoin().orElse("?")
              + ")";
    };
  }

  private static String decorators(Decorators d) {
    List<String> parts = new ArrayList<>();
    d.retry()
        .ifPresent(
            r ->
                parts.add(
                    "@Retry(times="
                        + r.times()
                        + ", minutesBetweenRetries="
                        + r.minutesBetweenRetries()
                        + ")"));
    d.catchSpec()
        .ifPresent(c -> parts.add(c.var().isEmpty() ? "@Catch" : "@Catch(var=" + c.var() + ")"));
    d.timeout().ifPresent(t -> parts.add("@Timeout(" + t.seconds() + " s)"));
    d.resources()
        .ifPresent(
            r ->
                parts.add(
                    "@Resources(cpu="
                        + r.cpu()
                        + ", memory="
                        + r.memoryMb()
                        + " MiB, gpu="
                        + r.gpu()
                        + ")"));
    d.kubernetes()
        .ifPresent(
            k ->
                parts.add(
                    "@Kubernetes" + (k.image().isEmpty() ? "" : "(image=" + k.image() + ")")));
    d.environment()
        .ifPresent(
            e ->
                parts.add(
                    "@Environment("
                        + String.join(", ", e.vars().keySet().stream().sorted().toList())
                        + ")"));
    return String.join(" ", parts);
  }
}
