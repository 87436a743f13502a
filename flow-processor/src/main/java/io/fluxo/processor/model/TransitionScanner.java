package io.fluxo.processor.model;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the transitions of a step body, as Metaflow's graph.py reads {@code self.next}: every call
 * of {@code next(...)} or {@code foreach(...)} on the flow itself (unqualified, {@code this.},
 * {@code super.} or {@code Outer.this.}), wherever it is in the body.
 */
final class TransitionScanner extends TreePathScanner<Void, Void> {
  static final String NEXT = "next";
  static final String FOREACH = "foreach";

  private final BlockTree body;
  private final List<TransitionCall> calls = new ArrayList<>();

  private TransitionScanner(BlockTree body) {
    this.body = body;
  }

  /** The transition calls of the method at {@code methodPath}, in source order. */
  static List<TransitionCall> scan(TreePath methodPath) {
    BlockTree body = ((MethodTree) methodPath.getLeaf()).getBody();
    if (body == null) {
      return List.of();
    }
    TransitionScanner scanner = new TransitionScanner(body);
    scanner.scan(new TreePath(methodPath, body), null);
    return List.copyOf(scanner.calls);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
    flowMethodName(call.getMethodSelect())
        .filter(name -> name.equals(NEXT) || name.equals(FOREACH))
        .ifPresent(name -> calls.add(toTransition(name, call)));
    return super.visitMethodInvocation(call, unused);
  }

  private TransitionCall toTransition(String method, MethodInvocationTree call) {
    TreePath path = getCurrentPath();
    List<? extends ExpressionTree> args = call.getArguments();
    List<TransitionCall.Target> targets = new ArrayList<>();
    List<TreePath> invalid = new ArrayList<>();
    List<? extends ExpressionTree> stepArgs;
    if (method.equals(FOREACH)) {
      stepArgs = args.size() == 2 ? args.subList(1, 2) : List.of();
      if (args.size() != 2) {
        invalid.add(path);
      }
    } else {
      stepArgs = args;
      if (args.isEmpty()) {
        invalid.add(path);
      }
    }
    for (ExpressionTree arg : stepArgs) {
      TreePath argPath = new TreePath(path, arg);
      stepReference(arg)
          .ifPresentOrElse(
              name -> targets.add(new TransitionCall.Target(name, argPath)),
              () -> invalid.add(argPath));
    }
    TransitionType type =
        method.equals(FOREACH)
            ? TransitionType.FOREACH
            : stepArgs.size() > 1 ? TransitionType.BRANCH : TransitionType.LINEAR;
    return new TransitionCall(method, type, targets, invalid, path, isLastStatement(path));
  }

  private boolean isLastStatement(TreePath callPath) {
    TreePath statement = callPath.getParentPath();
    return statement.getLeaf() instanceof ExpressionStatementTree
        && statement.getParentPath().getLeaf() == body
        && !body.getStatements().isEmpty()
        && body.getStatements().get(body.getStatements().size() - 1) == statement.getLeaf();
  }

  /**
   * The name of the flow method that {@code select} calls: {@code m(..)}, {@code this.m(..)},
   * {@code super.m(..)} or {@code Outer.this.m(..)}; empty for a call on another object.
   */
  static Optional<String> flowMethodName(ExpressionTree select) {
    if (select instanceof IdentifierTree id) {
      return Optional.of(id.getName().toString());
    }
    if (select instanceof MemberSelectTree member
        && (isThis(member.getExpression()) || isSuper(member.getExpression()))) {
      return Optional.of(member.getIdentifier().toString());
    }
    return Optional.empty();
  }

  /** The method named by {@code this::m} or {@code Outer.this::m}, if {@code tree} is one. */
  static Optional<String> stepReference(Tree tree) {
    if (tree instanceof MemberReferenceTree ref
        && ref.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
        && isThis(ref.getQualifierExpression())) {
      return Optional.of(ref.getName().toString());
    }
    return Optional.empty();
  }

  /** Whether {@code tree} is {@code this} or {@code Outer.this}. */
  static boolean isThis(Tree tree) {
    return isNamed(tree, "this");
  }

  private static boolean isSuper(Tree tree) {
    return isNamed(tree, "super");
  }

  private static boolean isNamed(Tree tree, String keyword) {
    if (tree instanceof IdentifierTree id) {
      return id.getName().contentEquals(keyword);
    }
    return tree instanceof MemberSelectTree member && member.getIdentifier().contentEquals(keyword);
  }
}
