package io.fluxo.processor.model;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Computes which artifact fields a step uses, for the runtime's lazy loading. The analysis is
 * syntactic (method bodies are not attributed yet when the processor runs) and errs towards loading
 * more: a field name counts wherever it appears as an identifier, also when a local variable
 * shadows it. The step uses all artifacts when {@code this} escapes as a value, when it calls
 * {@code mergeArtifacts}, or when it calls a method whose body cannot be read (abstract, or
 * inherited from a supertype other than {@code FlowSpec}). Code of the flow's inner classes counts
 * where the step creates an instance ({@code new Helper()}), since it reads the fields through the
 * enclosing flow.
 */
final class ArtifactUsageAnalyzer {
  private static final String FLOW_SPEC = "io.fluxo.FlowSpec";
  private static final String MERGE_ARTIFACTS = "mergeArtifacts";
  private static final Set<String> FLOW_SPEC_METHODS =
      Set.of("next", "foreach", "input", "index", "current", MERGE_ARTIFACTS);

  private final TypeElement flow;
  private final Set<String> artifacts;
  private final Set<String> stepNames;
  private final Trees trees;
  private final Elements elements;

  ArtifactUsageAnalyzer(
      TypeElement flow,
      Set<String> artifacts,
      Set<String> stepNames,
      Trees trees,
      Elements elements) {
    this.flow = flow;
    this.artifacts = Set.copyOf(artifacts);
    this.stepNames = Set.copyOf(stepNames);
    this.trees = trees;
    this.elements = elements;
  }

  /** The artifacts used by {@code step}'s body and the flow methods it calls, transitively. */
  ArtifactUsage analyze(ExecutableElement step) {
    Set<String> used = new TreeSet<>();
    Set<String> inputs = new TreeSet<>();
    Set<ExecutableElement> seen = new HashSet<>();
    Deque<ExecutableElement> pending = new ArrayDeque<>(List.of(step));
    while (!pending.isEmpty()) {
      ExecutableElement method = pending.pop();
      if (!seen.add(method)) {
        continue;
      }
      TreePath path = trees.getPath(method);
      if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
        return ArtifactUsage.of(used, true, inputs);
      }
      BodyScanner scanner = new BodyScanner(method == step);
      scanner.scan(new TreePath(path, ((MethodTree) path.getLeaf()).getBody()), null);
      used.addAll(scanner.fields);
      inputs.addAll(scanner.inputFields);
      if (scanner.usesAll) {
        return ArtifactUsage.of(used, true, inputs);
      }
      for (String name : scanner.calls) {
        if (!resolveCall(name, pending)) {
          return ArtifactUsage.of(used, true, inputs);
        }
      }
    }
    return ArtifactUsage.of(used, false, inputs);
  }

  /**
   * Queues the flow's own methods named {@code name}; false when such a call cannot be analyzed.
   */
  private boolean resolveCall(String name, Deque<ExecutableElement> pending) {
    if (FLOW_SPEC_METHODS.contains(name)) {
      return !name.equals(MERGE_ARTIFACTS);
    }
    List<ExecutableElement> declared =
        ElementFilter.methodsIn(flow.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .toList();
    if (!declared.isEmpty()) {
      for (ExecutableElement method : declared) {
        if (method.getModifiers().contains(Modifier.ABSTRACT)
            || method.getModifiers().contains(Modifier.NATIVE)) {
          return false;
        }
        pending.push(method);
      }
      return true;
    }
    return ElementFilter.methodsIn(elements.getAllMembers(flow)).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .allMatch(m -> isFlowSpecOrObject(m.getEnclosingElement()));
  }

  private static boolean isFlowSpecOrObject(Element type) {
    if (type.getKind() != ElementKind.CLASS) {
      return false;
    }
    String name = ((TypeElement) type).getQualifiedName().toString();
    return name.equals(FLOW_SPEC) || name.equals("java.lang.Object");
  }

  /** Collects field names, called flow methods and escapes of {@code this} in one body. */
  private final class BodyScanner extends TreePathScanner<Void, Void> {
    private final boolean stepBody;
    final Set<String> fields = new HashSet<>();
    final Set<String> inputFields = new HashSet<>();
    final Set<String> calls = new HashSet<>();
    private final Set<TypeElement> scannedClasses = new HashSet<>();
    boolean usesAll;

    BodyScanner(boolean stepBody) {
      this.stepBody = stepBody;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      var name = TransitionScanner.flowMethodName(call.getMethodSelect());
      if (name.isPresent()) {
        calls.add(name.get());
        scan(call.getTypeArguments(), unused);
        scan(call.getArguments(), unused);
        return null;
      }
      return super.visitMethodInvocation(call, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree created, Void unused) {
      super.visitNewClass(created, unused);
      Tree type = created.getIdentifier();
      if (type instanceof ParameterizedTypeTree parameterized) {
        type = parameterized.getType();
      }
      if (type instanceof IdentifierTree id) {
        // An inner class of the flow reads the flow's fields wherever its code runs.
        for (TypeElement inner : ElementFilter.typesIn(flow.getEnclosedElements())) {
          if (inner.getSimpleName().contentEquals(id.getName())
              && !inner.getModifiers().contains(Modifier.STATIC)
              && scannedClasses.add(inner)) {
            TreePath path = trees.getPath(inner);
            if (path == null) {
              usesAll = true;
            } else {
              scan(path, unused);
            }
          }
        }
      }
      return null;
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
      var name = TransitionScanner.stepReference(ref);
      if (name.isPresent()) {
        // this::step in a transition names a step; its body runs in another task.
        if (!(stepBody && stepNames.contains(name.get()))) {
          calls.add(name.get());
        }
        return null;
      }
      return super.visitMemberReference(ref, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree id, Void unused) {
      String name = id.getName().toString();
      if (name.equals("this")) {
        checkEscape();
      } else if (artifacts.contains(name)) {
        fields.add(name);
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree select, Void unused) {
      String name = select.getIdentifier().toString();
      if (name.equals("this")) {
        checkEscape();
        return null;
      }
      if (TransitionScanner.isThis(select.getExpression()) && artifacts.contains(name)) {
        fields.add(name);
      } else if (artifacts.contains(name)) {
        inputFields.add(name);
      }
      return super.visitMemberSelect(select, unused);
    }

    /** {@code this} at the current path escapes unless it is the receiver of a member access. */
    private void checkEscape() {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean receiver =
          parent instanceof MemberSelectTree
              || (parent instanceof MemberReferenceTree ref
                  && ref.getQualifierExpression() == getCurrentPath().getLeaf());
      if (!receiver) {
        usesAll = true;
      }
    }
  }
}
