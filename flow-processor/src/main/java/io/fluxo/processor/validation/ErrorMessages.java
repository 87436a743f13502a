package io.fluxo.processor.validation;

/**
 * Every error the processor reports, as {@link String#format} templates. Each starts with a stable
 * code, {@code [Fluxo/<Code>]}, then states the rule, what was found and how to fix it. Tests
 * format the same templates.
 */
public final class ErrorMessages {
  // The flow class.
  public static final String FLOW_NOT_CLASS =
      "[Fluxo/FlowNotClass] @Flow %s must be a class that extends io.fluxo.FlowSpec; found %s";
  public static final String FLOW_NOT_PUBLIC =
      "[Fluxo/FlowNotPublic] @Flow class %s must be public, so that the runtime can load it; add"
          + " the public modifier";
  public static final String FLOW_NOT_STATIC =
      "[Fluxo/FlowNotStatic] @Flow class %s must be top-level or a static nested class; found an"
          + " inner class. Add the static modifier";
  public static final String FLOW_ABSTRACT =
      "[Fluxo/FlowAbstract] @Flow class %s must not be abstract: the runtime creates an instance"
          + " per task";
  public static final String FLOW_GENERIC =
      "[Fluxo/FlowGeneric] @Flow class %s must not declare type parameters; found <%s>";
  public static final String FLOW_NOT_FLOW_SPEC =
      "[Fluxo/FlowNotFlowSpec] @Flow class %s must extend io.fluxo.FlowSpec; found superclass %s";
  public static final String FLOW_CONSTRUCTOR =
      "[Fluxo/FlowConstructor] @Flow class %s must have a public no-argument constructor, which the"
          + " generated code calls; add public %s() {}";
  public static final String STEP_OUTSIDE_FLOW =
      "[Fluxo/StepOutsideFlow] @Step %s() must be declared in a @Flow class; %s is not annotated"
          + " @Flow";

  // Steps.
  public static final String MISSING_STEP =
      "[Fluxo/MissingStep] @Flow class %s must have a step named %s; add @Step public void %s()";
  public static final String DUPLICATE_STEP =
      "[Fluxo/DuplicateStep] @Step %s must be the only step named %s; found %d methods with that"
          + " name. Rename or remove the overloads";
  public static final String STEP_NOT_PUBLIC =
      "[Fluxo/StepNotPublic] @Step %s() must be public; add the public modifier";
  public static final String STEP_STATIC =
      "[Fluxo/StepStatic] @Step %s() must not be static: a step runs on the flow object";
  public static final String STEP_RETURN_TYPE =
      "[Fluxo/StepReturnType] @Step %s() must return void; found %s";
  public static final String STEP_PARAMETERS =
      "[Fluxo/StepParameters] @Step %s must take no arguments, its foreach item, or one"
          + " io.fluxo.Inputs for a join; found (%s)";
  public static final String JOIN_INPUTS_TYPE =
      "[Fluxo/JoinInputsType] @Step %s must take the inputs of its own flow; found Inputs<%s>."
          + " Write Inputs<%s> (each input is a view of a %s)";
  public static final String ITEM_WITHOUT_FOREACH =
      "[Fluxo/ItemWithoutForeach] @Step %s(%s) takes a foreach item, so every step leading to it"
          + " must call foreach(items, this::%s); %s() calls %s(this::%s). Take no argument, or"
          + " reach it with foreach";
  public static final String STEP_GENERIC =
      "[Fluxo/StepGeneric] @Step %s() must not declare type parameters; found <%s>";
  public static final String INVALID_STEP_NAME =
      "[Fluxo/InvalidStepName] @Step %s() must have a name matching [A-Za-z][A-Za-z0-9_]*, since it"
          + " is used in paths, task ids and pod names; rename it";
  public static final String RESERVED_STEP_NAME =
      "[Fluxo/ReservedStepName] @Step %s() must not use a reserved name; reserved are: %s. Rename"
          + " it";

  // Transitions.
  public static final String NO_TRANSITION =
      "[Fluxo/NoTransition] @Step %s() must end with a transition, next(this::step) or"
          + " foreach(items, this::step); found none. Add one as its last statement";
  public static final String MULTIPLE_TRANSITIONS =
      "[Fluxo/MultipleTransitions] @Step %s() must make exactly one transition; found %d (%s)."
          + " Conditional transitions are not supported yet: keep one transition as the last"
          + " statement";
  public static final String TRANSITION_NOT_LAST =
      "[Fluxo/TransitionNotLast] @Step %s() must make its transition as the last statement of its"
          + " body, not nested or followed by other statements; move %s(...) to the end";
  public static final String INVALID_TRANSITION =
      "[Fluxo/InvalidTransition] @Step %s() must name steps in %s(...) as method references"
          + " this::step%s; found %s";
  public static final String REPEATED_TARGET =
      "[Fluxo/RepeatedTarget] @Step %s() must name each step of a branch once; found this::%s"
          + " twice";
  public static final String END_TRANSITION =
      "[Fluxo/EndTransition] @Step end() must not make a transition, it ends the flow; remove"
          + " %s(...)";
  public static final String END_IS_JOIN =
      "[Fluxo/EndIsJoin] @Step end must take no arguments; end is not a join. Add a join step"
          + " before end";
  public static final String JOIN_IS_SPLIT =
      "[Fluxo/JoinIsSplit] @Step %s(Inputs) must not split, since it is a join; found %s(...). Add"
          + " a step between the join and the split";
  public static final String CATCH_ON_FOREACH =
      "[Fluxo/CatchOnForeach] @Catch must not be on %s(), which calls foreach: its fan-out is"
          + " unknown when it fails. Move the work that may fail to a step before it";

  // The graph.
  public static final String UNKNOWN_STEP =
      "[Fluxo/UnknownStep] %s() calls %s(this::%s), but no step is named %s; steps are: %s";
  public static final String NOT_A_STEP =
      "[Fluxo/NotAStep] %s() calls %s(this::%s), but %s() is not a step; annotate it with @Step or"
          + " name a step";
  public static final String START_PREDECESSOR =
      "[Fluxo/StartPredecessor] %s() calls %s(this::start), but start must have no predecessors: it"
          + " is the entry of the flow";
  public static final String CYCLE = "[Fluxo/Cycle] Found a cycle in the step graph:\n%s";
  public static final String UNREACHABLE =
      "[Fluxo/Unreachable] @Step %s() must be reachable from start; no path of transitions leads"
          + " to it. Call next(this::%s) in another step or remove it";
  public static final String EMPTY_FOREACH =
      "[Fluxo/EmptyForeach] %s() calls foreach(..., this::%s), but %s is a join: a foreach needs at"
          + " least one step between the split and its join";
  public static final String NOT_A_JOIN =
      "[Fluxo/NotAJoin] @Step %s() must take one io.fluxo.Inputs parameter, since several steps"
          + " lead to it (%s): a step with several predecessors is a join";
  public static final String JOIN_WITHOUT_SPLIT =
      "[Fluxo/JoinWithoutSplit] @Step %s(Inputs) takes Inputs but is not preceded by a split;"
          + " remove the parameter or add a split (next(this::a, this::b) or foreach) before it";
  public static final String JOIN_MISMATCH =
      "[Fluxo/JoinMismatch] @Step %s(Inputs) must join every branch of the split at %s (%s);"
          + " found %s. Lead every branch to this join";
  public static final String CROSS_JOIN =
      "[Fluxo/CrossJoin] @Step %s(Inputs) joins steps from unrelated splits:\n%s\nEnsure that every"
          + " split has its own join";
  public static final String END_BEFORE_JOIN =
      "[Fluxo/EndBeforeJoin] Step end is reached before the split at %s (%s) is joined:\n%s\n"
          + "Add a join step before end";

  // Artifacts over the graph.
  public static final String UNSET_ARTIFACT =
      "[Fluxo/UnsetArtifact] @Step %s() must read artifact %s only where it is set on every path"
          + " from start; no step assigns it on the path %s. Assign %s before this read, in this"
          + " step or a step before it";
  public static final String UNSET_AFTER_CATCH =
      "[Fluxo/UnsetArtifact] @Step %s() must read artifact %s only where it is set on every path"
          + " from start; %s() assigns it but is under @Catch, so it may fail before it does (path"
          + " %s). Give %s a value before %s() (an initializer, even null, or an earlier step)";
  public static final String UNSET_THROUGH_JOIN =
      "[Fluxo/UnsetArtifact] @Step %s() must read artifact %s only where it is set on every path"
          + " from start; it is lost at the join %s() on the path %s, since a join keeps only the"
          + " parameters and what it assigns or merges. Assign it in %s(), call"
          + " mergeArtifacts(inputs) in %s(), or read it from the inputs there (in.%s)";
  public static final String UNSET_IN_JOIN =
      "[Fluxo/UnsetArtifact] @Step %s(Inputs) must assign or merge artifact %s before reading it,"
          + " since a join starts with only the parameters. Assign it first, call"
          + " mergeArtifacts(inputs) before this read, or read it from the inputs (in.%s)";
  public static final String UNSET_INPUT_ARTIFACT =
      "[Fluxo/UnsetArtifact] @Step %s(Inputs) must read from its inputs only artifacts they all"
          + " hold; in.%s is not set on the path %s. Assign %s in %s() or a step before it";

  // Fields.
  public static final String PRIVATE_ARTIFACT =
      "[Fluxo/PrivateArtifact] Artifact field %s must not be private: the generated %s in the same"
          + " package reads and writes it. Make it package-private (or static or transient if it is"
          + " not an artifact)";
  public static final String FINAL_ARTIFACT =
      "[Fluxo/FinalArtifact] Artifact field %s must not be final: the runtime sets it when a task"
          + " loads its inputs. Remove final (or make it static or transient if it is not an"
          + " artifact)";
  public static final String UNSTORABLE_ARTIFACT =
      "[Fluxo/UnstorableArtifact] Artifact field %s must have a type whose values can be stored"
          + " for the next step; %s %s. Make the field transient (it is then not an artifact and"
          + " each task starts without it), or store plain data instead";
  public static final String PARAMETER_MODIFIER =
      "[Fluxo/ParameterModifier] @Parameter field %s must not be %s: the runtime sets it from the"
          + " command line and stores it as an artifact";
  public static final String PARAMETER_TYPE =
      "[Fluxo/ParameterType] @Parameter field %s must have a supported type: String, int, long,"
          + " double, boolean (or their boxes), an enum, List<String>, or as JSON Map<String, ?> or"
          + " a record; found %s";
  public static final String INVALID_OPTION_NAME =
      "[Fluxo/InvalidOptionName] @Parameter %s must have an option name matching [a-z][a-z0-9-]*;"
          + " found \"%s\". Set @Parameter(name = \"...\")";
  public static final String DUPLICATE_OPTION =
      "[Fluxo/DuplicateOption] @Parameter %s must have a unique option name; --%s is also the"
          + " option of %s";
  public static final String DUPLICATE_ARTIFACT =
      "[Fluxo/DuplicateArtifact] @Catch(var = \"%s\") on %s() must not name a field of the flow;"
          + " %s is already an artifact. Choose another name";

  // Decorators.
  public static final String INVALID_RETRY = "[Fluxo/InvalidRetry] @Retry %s must be %s; found %d";
  public static final String INVALID_TIMEOUT =
      "[Fluxo/InvalidTimeout] @Timeout %s must be 0 or more; found %d";
  public static final String ZERO_TIMEOUT =
      "[Fluxo/InvalidTimeout] @Timeout must add up to more than 0 seconds; found 0. Set seconds,"
          + " minutes or hours";
  public static final String INVALID_RESOURCE =
      "[Fluxo/InvalidResources] @%s %s must be %s; found %s";
  public static final String INVALID_MEMORY =
      "[Fluxo/InvalidMemory] @%s memory must be a size of at least 1 MiB, written as one of %s;"
          + " found \"%s\"";
  public static final String INVALID_KEY_VALUE =
      "[Fluxo/InvalidKeyValue] @%s %s entries must be key=value with a non-empty key; found \"%s\"";
  public static final String DUPLICATE_KEY = "[Fluxo/DuplicateKey] @%s %s must not set %s twice";
  public static final String INVALID_TOLERATION =
      "[Fluxo/InvalidToleration] @Kubernetes tolerations must be key=value:Effect, key:Effect or"
          + " key=value, with Effect one of NoSchedule, PreferNoSchedule, NoExecute; found \"%s\"";
  public static final String INVALID_ENVIRONMENT =
      "[Fluxo/InvalidEnvironment] @Environment vars must be NAME=value with NAME matching"
          + " [A-Za-z_][A-Za-z0-9_]*; found \"%s\"";
  public static final String INVALID_CATCH_VAR =
      "[Fluxo/InvalidCatchVar] @Catch var must be empty or a valid Java identifier; found \"%s\"";

  // The processor itself.
  public static final String INTERNAL_ERROR =
      "[Fluxo/InternalError] The Fluxo processor failed on %s; please report this with the trace:"
          + "\n%s";

  private ErrorMessages() {}

  /** The {@code [Fluxo/<Code>]} prefix of {@code template}. */
  public static String code(String template) {
    return template.substring(0, template.indexOf(']') + 1);
  }
}
