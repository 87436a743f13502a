package io.fluxo.runtime.internal.task;

import io.fluxo.FlowSpec;
import io.fluxo.Input;
import io.fluxo.Inputs;
import io.fluxo.StepRef;
import io.fluxo.internal.StepContexts;
import io.fluxo.internal.StepRefs;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.spi.ArtifactRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The inputs of a join, in branch or foreach-index order. A view of an input is made when it is
 * asked for, holding the artifacts in {@code viewArtifacts} that its task has.
 */
final class StepInputs implements Inputs<FlowSpec> {
  private final List<StepInput> inputs;
  private final FlowDefinition<FlowSpec> definition;
  private final Collection<String> viewArtifacts;
  private final List<FlowSpec> views;

  StepInputs(
      List<StepInput> inputs,
      FlowDefinition<FlowSpec> definition,
      Collection<String> viewArtifacts) {
    this.inputs = List.copyOf(inputs);
    this.definition = definition;
    this.viewArtifacts = List.copyOf(viewArtifacts);
    this.views = new ArrayList<>(Collections.nCopies(inputs.size(), null));
  }

  List<StepInput> stepInputs() {
    return inputs;
  }

  @Override
  public List<Input> list() {
    return List.copyOf(inputs);
  }

  @Override
  public Input get(String step) {
    return inputs.get(indexOf(step));
  }

  @Override
  public FlowSpec from(StepRef step) {
    return view(indexOf(StepRefs.name(step)));
  }

  @Override
  public Iterator<FlowSpec> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < inputs.size();
      }

      @Override
      public FlowSpec next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return newView(inputs.get(next++));
      }
    };
  }

  private int indexOf(String step) {
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).step().equals(step)) {
        matching.add(i);
      }
    }
    if (matching.size() != 1) {
      throw new IllegalArgumentException(
          matching.isEmpty()
              ? "No input comes from step "
                  + step
                  + "; inputs come from: "
                  + inputs.stream().map(StepInput::step).distinct().toList()
              : matching.size()
                  + " inputs come from step "
                  + step
                  + " (a foreach); iterate over the inputs instead");
    }
    return matching.get(0);
  }

  /** The view of branch input {@code index}, made once: a join may read it several times. */
  private FlowSpec view(int index) {
    FlowSpec view = views.get(index);
    if (view == null) {
      view = newView(inputs.get(index));
      views.set(index, view);
    }
    return view;
  }

  /**
   * A flow object whose fields hold {@code input}'s artifacts. Iteration makes a new one each time,
   * so that a foreach join over many inputs holds only the views its code keeps.
   */
  private FlowSpec newView(StepInput input) {
    StepContexts.install(null);
    FlowSpec view = definition.newInstance();
    for (String name : viewArtifacts) {
      ArtifactRef ref = input.data().artifacts().get(name);
      if (ref != null) {
        definition.setArtifact(
            view, name, input.value(name, TaskArtifacts.declaredType(view.getClass(), name)));
      }
    }
    return view;
  }
}
