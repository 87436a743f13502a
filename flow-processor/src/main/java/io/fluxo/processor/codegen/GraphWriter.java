package io.fluxo.processor.codegen;

import static io.fluxo.processor.codegen.ClassNames.ARTIFACT_SPEC;
import static io.fluxo.processor.codegen.ClassNames.CATCH_SPEC;
import static io.fluxo.processor.codegen.ClassNames.DECORATORS;
import static io.fluxo.processor.codegen.ClassNames.ENVIRONMENT_SPEC;
import static io.fluxo.processor.codegen.ClassNames.FLOW_GRAPH;
import static io.fluxo.processor.codegen.ClassNames.KUBERNETES_SPEC;
import static io.fluxo.processor.codegen.ClassNames.PARAMETER_SPEC;
import static io.fluxo.processor.codegen.ClassNames.PARAMETER_TYPE;
import static io.fluxo.processor.codegen.ClassNames.RESOURCES_SPEC;
import static io.fluxo.processor.codegen.ClassNames.RETRY_SPEC;
import static io.fluxo.processor.codegen.ClassNames.STEP_NODE;
import static io.fluxo.processor.codegen.ClassNames.TIMEOUT_SPEC;
import static io.fluxo.processor.codegen.ClassNames.TRANSITION_KIND;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.fluxo.processor.graph.GraphNode;
import io.fluxo.processor.graph.StepGraph;
import io.fluxo.processor.model.Decorator;
import io.fluxo.processor.model.DecoratorKind;
import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.KeyValues;
import io.fluxo.processor.model.MemorySizes;
import io.fluxo.processor.model.ParameterElement;
import io.fluxo.processor.model.StepElement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.util.Types;

/** Writes the expression that builds a flow's {@code FlowGraph} from its records. */
final class GraphWriter {
  private final Types types;

  GraphWriter(Types types) {
    this.types = types;
  }

  /** {@code new FlowGraph(name, className, description, steps, parameters, artifacts)}. */
  CodeBlock graph(StepGraph graph) {
    FlowElement flow = graph.flow();
    return CodeBlock.builder()
        .add("new $T(\n$>$>", FLOW_GRAPH)
        .add("$S,\n$S,\n$S,\n", flow.name(), flow.className(), flow.description())
        .add(listOf(graph.nodes(), this::step))
        .add(",\n")
        .add(
            listOf(
                flow.fields().stream().filter(f -> f.parameter().isPresent()).toList(),
                this::parameter))
        .add(",\n")
        .add(listOf(flow.artifacts(), this::artifact))
        .add(")$<$<")
        .build();
  }

  /** {@code StepNode.newBuilder(name, kind)}, then a setter per value that is not the default. */
  private CodeBlock step(GraphNode node) {
    StepElement step = node.step();
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add(
                "$T.newBuilder($S, $T.$L)$>$>",
                STEP_NODE,
                node.name(),
                TRANSITION_KIND,
                node.type().name());
    if (!node.next().isEmpty()) {
      code.add("\n.next($L)", strings(List.class, node.next()));
    }
    if (node.join()) {
      code.add("\n.join(true)");
    }
    if (!node.splitParents().isEmpty()) {
      code.add("\n.splitParents($L)", strings(List.class, node.splitParents()));
    }
    node.matchingJoin().ifPresent(j -> code.add("\n.matchingJoin($S)", j));
    setIfAny(code, "artifactsUsed", step.usage().names());
    if (step.usage().all()) {
      code.add("\n.usesAllArtifacts(true)");
    }
    setIfAny(code, "artifactsRequired", node.artifactsRequired());
    setIfAny(code, "artifactsAssigned", new TreeSet<>(step.artifactFlow().assigned()));
    if (step.takesInputs()) {
      setIfAny(code, "inputArtifactsUsed", step.usage().inputNames());
    }
    if (!step.decorators().isEmpty()) {
      code.add("\n.decorators($L)", decorators(step));
    }
    if (!step.doc().isEmpty()) {
      code.add("\n.doc($S)", step.doc());
    }
    return code.add("\n.build()$<$<").build();
  }

  private static void setIfAny(CodeBlock.Builder code, String setter, Collection<String> names) {
    if (!names.isEmpty()) {
      code.add("\n.$L($L)", setter, strings(Set.class, names));
    }
  }

  private CodeBlock decorators(StepElement step) {
    CodeBlock.Builder code = CodeBlock.builder().add("new $T(\n$>$>", DECORATORS);
    DecoratorKind[] kinds = DecoratorKind.values();
    for (int i = 0; i < kinds.length; i++) {
      code.add(optional(step.decorator(kinds[i]).map(this::decorator)));
      code.add(i + 1 < kinds.length ? ",\n" : ")$<$<");
    }
    return code.build();
  }

  private CodeBlock decorator(Decorator d) {
    switch (d.kind()) {
      case RETRY:
        return CodeBlock.of(
            "new $T($L, $L)", RETRY_SPEC, d.intValue("times"), d.intValue("minutesBetweenRetries"));
      case CATCH:
        return CodeBlock.of("new $T($S)", CATCH_SPEC, d.stringValue("var"));
      case TIMEOUT:
        long seconds =
            d.intValue("seconds") + 60L * d.intValue("minutes") + 3600L * d.intValue("hours");
        return CodeBlock.of("new $T($LL)", TIMEOUT_SPEC, seconds);
      case RESOURCES:
        return CodeBlock.of(
            "new $T($L, $LL, $L)",
            RESOURCES_SPEC,
            d.doubleValue("cpu"),
            memory(d),
            d.intValue("gpu"));
      case KUBERNETES:
        return CodeBlock.builder()
            .add("new $T(\n$>$>", KUBERNETES_SPEC)
            .add("$L,\n$LL,\n$L,\n", d.doubleValue("cpu"), memory(d), d.intValue("gpu"))
            .add("$S,\n$S,\n", d.stringValue("image"), d.stringValue("namespace"))
            .add("$L,\n", strings(List.class, d.stringList("secrets")))
            .add("$L,\n", map(d.stringList("nodeSelector")))
            .add("$L,\n", strings(List.class, d.stringList("tolerations")))
            .add("$S,\n", d.stringValue("serviceAccount"))
            .add("$L,\n$L)$<$<", map(d.stringList("labels")), map(d.stringList("annotations")))
            .build();
      case ENVIRONMENT:
        return CodeBlock.of("new $T($L)", ENVIRONMENT_SPEC, map(d.stringList("vars")));
      default:
        throw new IllegalArgumentException("Unknown decorator " + d.kind());
    }
  }

  private CodeBlock parameter(FieldElement field) {
    ParameterElement parameter = field.parameter().orElseThrow();
    return CodeBlock.of(
        "new $T($S, $S, $T.$L, $T.class, $S, $S, $L)",
        PARAMETER_SPEC,
        field.name(),
        parameter.option(),
        PARAMETER_TYPE,
        parameter.kind().orElseThrow().name(),
        TypeName.get(types.erasure(field.field().asType())),
        field.field().asType().toString(),
        parameter.description(),
        parameter.required());
  }

  private CodeBlock artifact(FieldElement field) {
    return CodeBlock.of(
        "new $T($S, $S)", ARTIFACT_SPEC, field.name(), field.field().asType().toString());
  }

  private static long memory(Decorator d) {
    String memory = d.stringValue("memory");
    return memory.isEmpty() ? 0 : MemorySizes.toMebibytes(memory).orElseThrow();
  }

  private static <T> CodeBlock listOf(List<T> items, Function<T, CodeBlock> item) {
    if (items.isEmpty()) {
      return CodeBlock.of("$T.of()", List.class);
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of(\n$>$>", List.class);
    for (int i = 0; i < items.size(); i++) {
      code.add(item.apply(items.get(i))).add(i + 1 < items.size() ? ",\n" : "$<$<)");
    }
    return code.build();
  }

  private static CodeBlock strings(Class<?> collection, Collection<String> values) {
    CodeBlock items =
        values.stream().map(v -> CodeBlock.of("$S", v)).collect(CodeBlock.joining(", "));
    return CodeBlock.of("$T.of($L)", collection, items);
  }

  private static CodeBlock map(List<String> entries) {
    Map<String, String> map = KeyValues.toMap(entries);
    if (map.size() <= 10) {
      CodeBlock pairs =
          map.entrySet().stream()
              .map(e -> CodeBlock.of("$S, $S", e.getKey(), e.getValue()))
              .collect(CodeBlock.joining(", "));
      return CodeBlock.of("$T.of($L)", Map.class, pairs);
    }
    CodeBlock pairs =
        map.entrySet().stream()
            .map(e -> CodeBlock.of("$T.entry($S, $S)", Map.class, e.getKey(), e.getValue()))
            .collect(CodeBlock.joining(", "));
    return CodeBlock.of("$T.ofEntries($L)", Map.class, pairs);
  }

  private static CodeBlock optional(Optional<CodeBlock> value) {
    return value
        .map(v -> CodeBlock.of("$T.of($L)", Optional.class, v))
        .orElseGet(() -> CodeBlock.of("$T.empty()", Optional.class));
  }
}
