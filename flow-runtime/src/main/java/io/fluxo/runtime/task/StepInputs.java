package io.fluxo.runtime.task;

import io.fluxo.Input;
import io.fluxo.Inputs;
import java.util.List;

/** The inputs of a join, in branch or foreach-index order. */
final class StepInputs implements Inputs {
  private final List<StepInput> inputs;

  StepInputs(List<StepInput> inputs) {
    this.inputs = List.copyOf(inputs);
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
    List<StepInput> matching = inputs.stream().filter(i -> i.step().equals(step)).toList();
    if (matching.size() != 1) {
      throw new IllegalArgumentException(
          matching.isEmpty()
              ? "No input comes from step " + step + "; inputs come from: " + inputs.stream().map(StepInput::step).distinct().toList()
              : matching.size() + " inputs come from step " + step + " (a foreach); iterate over the inputs instead");
    }
    return matching.get(0);
  }
}
