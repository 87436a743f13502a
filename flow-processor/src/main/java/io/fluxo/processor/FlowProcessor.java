package io.fluxo.processor;

import static io.fluxo.processor.validation.ErrorMessages.INTERNAL_ERROR;
import static io.fluxo.processor.validation.ErrorMessages.STEP_OUTSIDE_FLOW;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import io.fluxo.processor.codegen.FlowMainWriter;
import io.fluxo.processor.codegen.RunClientWriter;
import io.fluxo.processor.codegen.ServicesFileWriter;
import io.fluxo.processor.graph.StepGraph;
import io.fluxo.processor.graph.StepGraphFactory;
import io.fluxo.processor.model.AnnotationMirrors;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.FlowModelFactory;
import io.fluxo.processor.validation.FlowValidator;
import io.fluxo.processor.validation.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Turns each {@code @Flow} class into a validated step graph and a generated {@code
 * FlowMain_<Flow>} class, as Metaflow lints a flow before it runs. Per flow it reads the model,
 * validates the elements, derives the graph from the {@code next}/{@code foreach} calls of the step
 * bodies (javac's Tree API), validates the graph, and generates code; a flow with any error
 * generates nothing. A flow whose field types are not resolved yet (generated later) waits for the
 * next round, and is left to javac's own errors if they never resolve. When processing is over,
 * {@code META-INF/services/io.fluxo.runtime.graph.FlowDefinition} lists every generated class.
 * Needs javac: other compilers have no Tree API.
 */
@AutoService(Processor.class)
public final class FlowProcessor extends AbstractProcessor {
  private final Set<String> generated = new LinkedHashSet<>();
  private final Set<String> deferred = new LinkedHashSet<>();
  private final List<Element> originating = new ArrayList<>();
  private Trees trees;
  private boolean broken;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(FlowModelFactory.FLOW, FlowModelFactory.STEP);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (broken) {
      return false;
    }
    try {
      processRound(round);
    } catch (Exception e) {
      // The processor's state is unreliable now: report once and sit out the later rounds.
      broken = true;
      reportInternalError("this round", null, e);
    }
    return false;
  }

  private void reportInternalError(String subject, Element element, Exception e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String message = String.format(INTERNAL_ERROR, subject, trace);
    if (element == null) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message);
    } else {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
  }

  private void processRound(RoundEnvironment round) throws IOException {
    if (trees == null) {
      trees = Trees.instance(processingEnv);
    }
    Set<TypeElement> flows = new LinkedHashSet<>();
    for (String name : deferred) {
      Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name))
          .ifPresent(flows::add);
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(flowAnnotation())) {
      flows.add((TypeElement) element);
    }
    reportStepsOutsideFlows(round);
    for (TypeElement flow : flows) {
      if (hasUnresolvedFields(flow)) {
        // Another processor may generate the missing types; if none does by the last round,
        // javac reports them itself.
        if (!round.processingOver()) {
          deferred.add(flow.getQualifiedName().toString());
        }
        continue;
      }
      try {
        processFlow(flow);
      } catch (RuntimeException | IOException e) {
        // One flow's failure must not hide the others' results.
        reportInternalError(flow.getQualifiedName().toString(), flow, e);
      }
    }
    if (round.processingOver() && !generated.isEmpty()) {
      ServicesFileWriter.write(
          processingEnv.getFiler(), generated, originating.toArray(new Element[0]));
    }
  }

  private void processFlow(TypeElement type) throws IOException {
    FlowElement flow = FlowModelFactory.create(processingEnv, trees).create(type);
    ValidationReport report = new ValidationReport();
    FlowValidator.create(processingEnv).validate(flow, report);
    Optional<StepGraph> graph =
        report.isClean() ? StepGraphFactory.create(flow, report) : Optional.empty();
    report.printTo(processingEnv.getMessager(), trees);
    if (report.isClean() && graph.isPresent()) {
      generated.add(FlowMainWriter.create(processingEnv).write(graph.get()));
      RunClientWriter.create(processingEnv).write(flow);
      originating.add(type);
    }
  }

  private void reportStepsOutsideFlows(RoundEnvironment round) {
    TypeElement step = processingEnv.getElementUtils().getTypeElement(FlowModelFactory.STEP);
    if (step == null) {
      return;
    }
    for (Element method : round.getElementsAnnotatedWith(step)) {
      Element owner = method.getEnclosingElement();
      if (AnnotationMirrors.find(owner, FlowModelFactory.FLOW).isEmpty()) {
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                String.format(STEP_OUTSIDE_FLOW, method.getSimpleName(), owner.getSimpleName()),
                method,
                AnnotationMirrors.find(method, FlowModelFactory.STEP).orElseThrow());
      }
    }
  }

  private TypeElement flowAnnotation() {
    return processingEnv.getElementUtils().getTypeElement(FlowModelFactory.FLOW);
  }

  private static boolean hasUnresolvedFields(TypeElement flow) {
    if (flow.getKind() != ElementKind.CLASS) {
      return false;
    }
    for (VariableElement field : ElementFilter.fieldsIn(flow.getEnclosedElements())) {
      if (field.asType().getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return false;
  }
}
