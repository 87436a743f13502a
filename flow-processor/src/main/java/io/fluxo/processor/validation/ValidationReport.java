package io.fluxo.processor.validation;

import com.sun.source.util.Trees;
import io.fluxo.processor.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * The errors found in one flow, each with the narrowest location known. Checks add to it; the
 * processor prints it and generates nothing unless it {@link #isClean() is clean}. Not thread-safe.
 */
public final class ValidationReport {
  private final List<Item> items = new ArrayList<>();

  /** Adds an error formatted from {@code template} (one of {@link ErrorMessages}). */
  public void error(SourceLocation location, String template, Object... args) {
    items.add(new Item(location, String.format(template, args)));
  }

  /** Whether no error was added. */
  public boolean isClean() {
    return items.isEmpty();
  }

  /**
   * Prints every error, element errors to {@code messager} and tree errors through {@code trees}.
   */
  public void printTo(Messager messager, Trees trees) {
    for (Item item : items) {
      SourceLocation location = item.location();
      if (location instanceof SourceLocation.OnTree onTree) {
        trees.printMessage(
            Diagnostic.Kind.ERROR,
            item.message(),
            onTree.path().getLeaf(),
            onTree.path().getCompilationUnit());
      } else if (location instanceof SourceLocation.OnElement on) {
        if (on.annotation().isPresent() && on.value().isPresent()) {
          messager.printMessage(
              Diagnostic.Kind.ERROR,
              item.message(),
              on.element(),
              on.annotation().get(),
              on.value().get());
        } else if (on.annotation().isPresent()) {
          messager.printMessage(
              Diagnostic.Kind.ERROR, item.message(), on.element(), on.annotation().get());
        } else {
          messager.printMessage(Diagnostic.Kind.ERROR, item.message(), on.element());
        }
      }
    }
  }

  private record Item(SourceLocation location, String message) {}
}
