package io.fluxo.bench;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;

/** A 4-way static branch whose join merges the artifacts the branches agree on. */
@Flow(description = "A 4-way branch with mergeArtifacts")
public class BranchBenchFlow extends FlowSpec {
  /** Set before the branch; merged in the join. */
  String shared;

  /** Set differently by each branch; excluded from the merge. */
  int branchValue;

  /** Splits four ways. */
  @Step
  public void start() {
    shared = "same everywhere";
    next(this::a, this::b, this::c, this::d);
  }

  /** Branch a. */
  @Step
  public void a() {
    branchValue = 1;
    next(this::join);
  }

  /** Branch b. */
  @Step
  public void b() {
    branchValue = 2;
    next(this::join);
  }

  /** Branch c. */
  @Step
  public void c() {
    branchValue = 3;
    next(this::join);
  }

  /** Branch d. */
  @Step
  public void d() {
    branchValue = 4;
    next(this::join);
  }

  /** Merges. */
  @Step
  public void join(Inputs<BranchBenchFlow> inputs) {
    mergeArtifacts(inputs, "branchValue");
    next(this::end);
  }

  /** Ends. */
  @Step
  public void end() {}
}
