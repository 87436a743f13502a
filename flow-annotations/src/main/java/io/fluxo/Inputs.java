package io.fluxo;

import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What a join step receives: the tasks that feed it, in a stable order (branch order for a static
 * join, foreach index for a foreach join). Iterating gives one read-only view of the flow per input
 * task, whose fields hold that task's artifacts, so that javac checks each read: {@code for
 * (ForeachFlow in : inputs) sum += in.square;}. A view holds the artifacts that the join's code
 * reads from views ({@code in.square}); it is not a task: its transitions and {@code current()} do
 * not work. {@link #list()} gives the same inputs read by artifact name.
 *
 * @param <F> the flow class
 */
public interface Inputs<F extends FlowSpec> extends Iterable<F> {
  /** The inputs in order, read by artifact name: {@code in.<Integer>get("square")}. */
  List<Input> list();

  /** Number of inputs. */
  default int size() {
    return list().size();
  }

  /**
   * The input that came from {@code step}, read by artifact name; for a static join, where each
   * branch gives one input.
   *
   * @throws IllegalArgumentException if no input came from that step, or several did
   */
  Input get(String step);

  /**
   * The view of the input that came from branch {@code step}: {@code inputs.from(this::a).value}.
   *
   * @throws IllegalArgumentException if no input came from that step, or several did
   */
  F from(StepRef step);

  /** The views in order, as a stream. */
  default Stream<F> stream() {
    return StreamSupport.stream(spliterator(), false);
  }
}
