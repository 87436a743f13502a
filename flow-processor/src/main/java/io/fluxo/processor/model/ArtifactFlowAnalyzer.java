package io.fluxo.processor.model;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Definite assignment of artifact fields inside a step, as javac computes it for local variables:
 * walks the body in execution order and records each artifact read at a point where the step has
 * not assigned it on every path, and the artifacts assigned on every path to the end. Calls of the
 * flow's own methods apply those methods' effects at the call; lambdas, local and anonymous
 * classes, and the flow's inner classes (at {@code new Inner()}) read at the point where they
 * appear, and their assignments count for nothing. Loops, {@code switch} and labeled blocks keep
 * only what was assigned before them; both arms of an {@code if} or a {@code ?:} must assign. The
 * analysis is syntactic: names declared as locals, parameters or members of a nested class shadow
 * fields.
 */
final class ArtifactFlowAnalyzer {
  /** Stands for "mergeArtifacts has run" in an assigned set; never a Java name. */
  private static final String MERGED = "<merged>";

  private static final String MERGE_ARTIFACTS = "mergeArtifacts";

  private final TypeElement flow;
  private final Set<String> artifacts;
  private final Set<String> stepNames;
  private final Trees trees;
  private final Map<ExecutableElement, Effects> summaries = new HashMap<>();
  private final Set<ExecutableElement> inProgress = new HashSet<>();

  /** What one method does, relative to its own entry. */
  private record Effects(
      Map<String, ArtifactRead> reads,
      Set<String> assigned,
      Set<String> excludes,
      boolean excludesUnknown) {
    static final Effects NONE = new Effects(Map.of(), Set.of(), Set.of(), false);
  }

  /** The definitely assigned set at a point; {@code dead} after a return, throw or break. */
  private record State(Set<String> assigned, boolean dead) {}

  ArtifactFlowAnalyzer(
      TypeElement flow, Set<String> artifacts, Set<String> stepNames, Trees trees) {
    this.flow = flow;
    this.artifacts = Set.copyOf(artifacts);
    this.stepNames = Set.copyOf(stepNames);
    this.trees = trees;
  }

  /** The artifact flow of {@code step}'s body. */
  ArtifactFlow analyze(ExecutableElement step) {
    Effects effects = effects(step);
    Set<String> assigned = new HashSet<>(effects.assigned());
    boolean merges = assigned.remove(MERGED);
    return new ArtifactFlow(
        List.copyOf(effects.reads().values()),
        assigned,
        merges,
        effects.excludes(),
        effects.excludesUnknown());
  }

  private Effects effects(ExecutableElement method) {
    Effects known = summaries.get(method);
    if (known != null) {
      return known;
    }
    TreePath path = trees.getPath(method);
    boolean noBody = path == null || ((MethodTree) path.getLeaf()).getBody() == null;
    if (noBody || !inProgress.add(method)) {
      // No body to read, or a recursive call: its reads are those of the body being analyzed.
      return Effects.NONE;
    }
    try {
      MethodTree tree = (MethodTree) path.getLeaf();
      BodyScanner scanner = new BodyScanner();
      scanner.scopes.push(new HashSet<>());
      tree.getParameters().forEach(p -> scanner.declare(p.getName().toString()));
      scanner.scan(new TreePath(path, tree.getBody()), null);
      Effects effects = scanner.result();
      summaries.put(method, effects);
      return effects;
    } finally {
      inProgress.remove(method);
    }
  }

  private List<ExecutableElement> flowMethods(String name) {
    return ElementFilter.methodsIn(flow.getEnclosedElements()).stream()
        .filter(m -> m.getSimpleName().contentEquals(name))
        .filter(m -> !m.getModifiers().contains(Modifier.ABSTRACT))
        .toList();
  }

  /** The flow's non-static member class named {@code name}, whose code may read the fields. */
  private TreePath innerClass(String name) {
    for (TypeElement type : ElementFilter.typesIn(flow.getEnclosedElements())) {
      if (type.getSimpleName().contentEquals(name)
          && !type.getModifiers().contains(Modifier.STATIC)) {
        return trees.getPath(type);
      }
    }
    return null;
  }

  /** Walks one method body; its state is the definitely assigned set at the current point. */
  private final class BodyScanner extends TreePathScanner<Void, Void> {
    final Deque<Set<String>> scopes = new ArrayDeque<>();
    private final Map<String, ArtifactRead> reads = new LinkedHashMap<>();
    private final Set<String> excludes = new HashSet<>();
    private final List<Set<String>> exits = new ArrayList<>();
    private final Set<Tree> classesInScan = new HashSet<>();
    private boolean excludesUnknown;
    private Set<String> assigned = new HashSet<>();
    private boolean dead;
    private int deferred;
    private int classDepth;

    Effects result() {
      if (!dead) {
        exits.add(assigned);
      }
      Set<String> definite = null;
      for (Set<String> exit : exits) {
        if (definite == null) {
          definite = new HashSet<>(exit);
        } else {
          definite.retainAll(exit);
        }
      }
      return new Effects(reads, definite == null ? Set.of() : definite, excludes, excludesUnknown);
    }

    void declare(String name) {
      scopes.peek().add(name);
    }

    private boolean isField(String name) {
      if (!artifacts.contains(name)) {
        return false;
      }
      for (Set<String> scope : scopes) {
        if (scope.contains(name)) {
          return false;
        }
      }
      return true;
    }

    private void read(String name, TreePath path, boolean afterMerge) {
      if (dead || assigned.contains(name)) {
        return;
      }
      ArtifactRead read = new ArtifactRead(name, path, afterMerge || assigned.contains(MERGED));
      ArtifactRead first = reads.get(name);
      if (first == null || (first.afterMerge() && !read.afterMerge())) {
        reads.put(name, read);
      }
    }

    private void assign(String name) {
      if (!dead) {
        assigned.add(name);
      }
    }

    private State save() {
      return new State(new HashSet<>(assigned), dead);
    }

    private void restore(State state) {
      assigned = new HashSet<>(state.assigned());
      dead = state.dead();
    }

    /** The state after either of two paths. */
    private State meet(State a, State b) {
      if (a.dead()) {
        return b;
      }
      if (b.dead()) {
        return a;
      }
      Set<String> both = new HashSet<>(a.assigned());
      both.retainAll(b.assigned());
      return new State(both, false);
    }

    /** Scans {@code tree} for its reads only: what it assigns may not have run afterwards. */
    private void scanDeferred(Tree tree) {
      State before = save();
      deferred++;
      scan(tree, null);
      deferred--;
      restore(before);
    }

    private void scanDeferred(TreePath path) {
      State before = save();
      deferred++;
      scan(path, null);
      deferred--;
      restore(before);
    }

    /** The artifact that {@code target} names, as an assignment's left side; else null. */
    private String fieldTarget(ExpressionTree target) {
      if (target instanceof IdentifierTree id && isField(id.getName().toString())) {
        return id.getName().toString();
      }
      if (target instanceof MemberSelectTree select
          && selectsFlowField(select)
          && artifacts.contains(select.getIdentifier().toString())) {
        return select.getIdentifier().toString();
      }
      return null;
    }

    /** {@code this.x} in the flow's own code, or {@code Outer.this.x} anywhere. */
    private boolean selectsFlowField(MemberSelectTree select) {
      ExpressionTree receiver = select.getExpression();
      if (receiver instanceof IdentifierTree id) {
        return classDepth == 0 && id.getName().contentEquals("this");
      }
      return receiver instanceof MemberSelectTree qualified
          && qualified.getIdentifier().contentEquals("this")
          && qualified.getExpression() instanceof IdentifierTree outer
          && outer.getName().contentEquals(flow.getSimpleName());
    }

    @Override
    public Void visitBlock(BlockTree block, Void unused) {
      scopes.push(new HashSet<>());
      super.visitBlock(block, unused);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
      scan(variable.getInitializer(), unused);
      declare(variable.getName().toString());
      return null;
    }

    @Override
    public Void visitIdentifier(IdentifierTree id, Void unused) {
      String name = id.getName().toString();
      if (isField(name)) {
        read(name, getCurrentPath(), false);
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree select, Void unused) {
      if (selectsFlowField(select)) {
        String name = select.getIdentifier().toString();
        if (artifacts.contains(name)) {
          read(name, getCurrentPath(), false);
        }
        return null;
      }
      return super.visitMemberSelect(select, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
      String target = fieldTarget(assignment.getVariable());
      if (target == null) {
        return super.visitAssignment(assignment, unused);
      }
      scan(assignment.getExpression(), unused);
      assign(target);
      return null;
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Void unused) {
      super.visitCompoundAssignment(assignment, unused);
      String target = fieldTarget(assignment.getVariable());
      if (target != null) {
        assign(target);
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      var name = TransitionScanner.flowMethodName(call.getMethodSelect());
      if (name.isEmpty()) {
        return super.visitMethodInvocation(call, unused);
      }
      scan(call.getArguments(), unused);
      if (name.get().equals(MERGE_ARTIFACTS)) {
        List<? extends ExpressionTree> args = call.getArguments();
        for (ExpressionTree arg : args.subList(Math.min(1, args.size()), args.size())) {
          if (arg instanceof LiteralTree literal && literal.getValue() instanceof String s) {
            excludes.add(s);
          } else {
            excludesUnknown = true;
          }
        }
        assign(MERGED);
        return null;
      }
      applyCall(name.get());
      return null;
    }

    /** Applies the effects of the flow's methods named {@code name} at this point. */
    private void applyCall(String name) {
      Set<String> definite = null;
      for (ExecutableElement method : flowMethods(name)) {
        Effects effects = effects(method);
        effects.reads().values().forEach(r -> read(r.name(), r.path(), r.afterMerge()));
        excludes.addAll(effects.excludes());
        excludesUnknown |= effects.excludesUnknown();
        if (definite == null) {
          definite = new HashSet<>(effects.assigned());
        } else {
          definite.retainAll(effects.assigned());
        }
      }
      if (definite != null && !dead) {
        assigned.addAll(definite);
      }
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
      var name = TransitionScanner.stepReference(ref);
      if (name.isEmpty()) {
        return super.visitMemberReference(ref, unused);
      }
      if (!stepNames.contains(name.get())) {
        // this::helper runs later, if at all: its reads count here, its assignments do not.
        State before = save();
        applyCall(name.get());
        restore(before);
      }
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree created, Void unused) {
      scan(created.getEnclosingExpression(), unused);
      scan(created.getArguments(), unused);
      if (created.getClassBody() != null) {
        scanDeferred(new TreePath(getCurrentPath(), created.getClassBody()));
      }
      Tree type = created.getIdentifier();
      if (type instanceof ParameterizedTypeTree parameterized) {
        type = parameterized.getType();
      }
      if (type instanceof IdentifierTree id) {
        TreePath inner = innerClass(id.getName().toString());
        if (inner != null && classesInScan.add(inner.getLeaf())) {
          scanDeferred(inner);
          classesInScan.remove(inner.getLeaf());
        }
      }
      return null;
    }

    @Override
    public Void visitClass(ClassTree type, Void unused) {
      State before = save();
      deferred++;
      classDepth++;
      scopes.push(new HashSet<>());
      for (Tree member : type.getMembers()) {
        if (member instanceof VariableTree field) {
          declare(field.getName().toString());
        }
      }
      scan(type.getMembers(), unused);
      scopes.pop();
      classDepth--;
      deferred--;
      restore(before);
      return null;
    }

    @Override
    public Void visitMethod(MethodTree method, Void unused) {
      State before = save();
      scopes.push(new HashSet<>());
      method.getParameters().forEach(p -> declare(p.getName().toString()));
      scan(method.getBody(), unused);
      scopes.pop();
      restore(before);
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      State before = save();
      deferred++;
      scopes.push(new HashSet<>());
      lambda.getParameters().forEach(p -> declare(p.getName().toString()));
      scan(lambda.getBody(), unused);
      scopes.pop();
      deferred--;
      restore(before);
      return null;
    }

    @Override
    public Void visitTypeCast(TypeCastTree cast, Void unused) {
      return scan(cast.getExpression(), unused);
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree test, Void unused) {
      scan(test.getExpression(), unused);
      if (test.getPattern() != null) {
        scan(test.getPattern(), unused);
      }
      return null;
    }

    @Override
    public Void visitIf(IfTree tree, Void unused) {
      scan(tree.getCondition(), unused);
      State before = save();
      scan(tree.getThenStatement(), unused);
      State then = save();
      restore(before);
      scan(tree.getElseStatement(), unused);
      restore(meet(then, save()));
      return null;
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
      scan(tree.getCondition(), unused);
      State before = save();
      scan(tree.getTrueExpression(), unused);
      State whenTrue = save();
      restore(before);
      scan(tree.getFalseExpression(), unused);
      restore(meet(whenTrue, save()));
      return null;
    }

    @Override
    public Void visitBinary(BinaryTree tree, Void unused) {
      Tree.Kind kind = tree.getKind();
      if (kind != Tree.Kind.CONDITIONAL_AND && kind != Tree.Kind.CONDITIONAL_OR) {
        return super.visitBinary(tree, unused);
      }
      scan(tree.getLeftOperand(), unused);
      scanDeferred(new TreePath(getCurrentPath(), tree.getRightOperand()));
      return null;
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree loop, Void unused) {
      scan(loop.getCondition(), unused);
      scanDeferred(new TreePath(getCurrentPath(), loop.getStatement()));
      return null;
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree loop, Void unused) {
      State before = save();
      scan(loop.getStatement(), unused);
      scan(loop.getCondition(), unused);
      restore(before);
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree loop, Void unused) {
      scopes.push(new HashSet<>());
      scan(loop.getInitializer(), unused);
      scan(loop.getCondition(), unused);
      State before = save();
      scan(loop.getStatement(), unused);
      scan(loop.getUpdate(), unused);
      restore(before);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
      scan(loop.getExpression(), unused);
      State before = save();
      scopes.push(new HashSet<>());
      declare(loop.getVariable().getName().toString());
      scan(loop.getStatement(), unused);
      scopes.pop();
      restore(before);
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree tree, Void unused) {
      scan(tree.getExpression(), unused);
      scanCases(tree.getCases());
      return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
      scan(tree.getExpression(), unused);
      scanCases(tree.getCases());
      return null;
    }

    private void scanCases(List<? extends CaseTree> cases) {
      State before = save();
      scopes.push(new HashSet<>());
      for (CaseTree c : cases) {
        restore(before);
        scan(c, null);
      }
      scopes.pop();
      restore(before);
    }

    @Override
    public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
      State before = save();
      scan(tree.getStatement(), unused);
      restore(before);
      return null;
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      State before = save();
      scopes.push(new HashSet<>());
      scan(tree.getResources(), unused);
      scan(tree.getBlock(), unused);
      scopes.pop();
      State after = save();
      for (CatchTree handler : tree.getCatches()) {
        restore(before);
        scan(handler, unused);
        after = meet(after, save());
      }
      if (tree.getFinallyBlock() != null) {
        restore(before);
        scan(tree.getFinallyBlock(), unused);
        Set<String> fromFinally = new HashSet<>(assigned);
        boolean finallyDead = dead;
        after.assigned().addAll(fromFinally);
        after = new State(after.assigned(), after.dead() || finallyDead);
      }
      restore(after);
      return null;
    }

    @Override
    public Void visitCatch(CatchTree handler, Void unused) {
      scopes.push(new HashSet<>());
      declare(handler.getParameter().getName().toString());
      scan(handler.getBlock(), unused);
      scopes.pop();
      return null;
    }

    @Override
    public Void visitAssert(AssertTree tree, Void unused) {
      scanDeferred(new TreePath(getCurrentPath(), tree.getCondition()));
      return null;
    }

    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
      scan(tree.getExpression(), unused);
      if (deferred == 0 && !dead) {
        exits.add(new HashSet<>(assigned));
      }
      dead = true;
      return null;
    }

    @Override
    public Void visitThrow(ThrowTree tree, Void unused) {
      scan(tree.getExpression(), unused);
      dead = true;
      return null;
    }

    @Override
    public Void visitBreak(BreakTree tree, Void unused) {
      dead = true;
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree tree, Void unused) {
      dead = true;
      return null;
    }
  }
}
