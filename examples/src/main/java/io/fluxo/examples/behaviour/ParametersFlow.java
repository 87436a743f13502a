package io.fluxo.examples.behaviour;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code @Parameter}: one parameter of each supported type, and a required one. The start step
 * records the class of each value it sees and uses every value in a computation.
 */
@Flow(description = "Takes one parameter of each supported type")
public class ParametersFlow extends FlowSpec {
  /** How loud a greeting is. */
  public enum Volume {
    /** Lower case. */
    QUIET,
    /** Upper case. */
    LOUD
  }

  @Parameter(description = "Who to greet", required = true)
  String name;

  @Parameter(description = "How many times to greet")
  int count = 1;

  @Parameter(description = "A number too large for an int")
  long big = 1L;

  @Parameter(description = "A factor")
  double ratio = 0.5;

  @Parameter(description = "Whether to end the greeting with an exclamation mark")
  boolean excited;

  @Parameter(description = "How loud to greet")
  Volume volume = Volume.QUIET;

  @Parameter(description = "Labels, comma-separated")
  List<String> labels = List.of();

  @Parameter(description = "Limits by name, as JSON")
  Map<String, Integer> limits = Map.of();

  /** The class of each parameter value, by field name, as the start step sees it. */
  Map<String, String> types;

  /** The greeting built from name, count, excited and volume. */
  String greeting;

  /** {@code big * ratio}. */
  double scaled;

  /** The number of labels plus the sum of the limits. */
  int tally;

  /** Uses every parameter. */
  @Step
  public void start() {
    types = new LinkedHashMap<>();
    types.put("name", name.getClass().getName());
    types.put("count", ((Object) count).getClass().getName());
    types.put("big", ((Object) big).getClass().getName());
    types.put("ratio", ((Object) ratio).getClass().getName());
    types.put("excited", ((Object) excited).getClass().getName());
    types.put("volume", volume.getClass().getName());
    types.put("labels", labels.get(0).getClass().getName());
    types.put("limits", limits.values().iterator().next().getClass().getName());
    String once = volume == Volume.LOUD ? name.toUpperCase() : name.toLowerCase();
    greeting = ("hello " + once + " ").repeat(count).trim() + (excited ? "!" : "");
    scaled = big * ratio;
    tally = labels.size() + limits.values().stream().mapToInt(Integer::intValue).sum();
    next(this::end);
  }

  /** Prints the greeting. */
  @Step
  public void end() {
    System.out.println(greeting + " " + scaled + " " + tally);
  }
}
