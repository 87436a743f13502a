package io.fluxo.bench;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes a 256 MiB byte[] and a 1,000,000-element int list, then reads both in the next step. */
@Flow(description = "Large artifacts written then read")
public class BigArtifactBenchFlow extends FlowSpec {
  /** 256 MiB of seeded random bytes. */
  byte[] bytes;

  /** One million ints. */
  List<Integer> ints;

  /** What the reading step computed. */
  long checksum;

  /** Writes the artifacts. */
  @Step
  public void start() {
    bytes = new byte[256 << 20];
    new Random(42).nextBytes(bytes);
    ints = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      ints.add(i);
    }
    next(this::read);
  }

  /** Reads them back. */
  @Step
  public void read() {
    long sum = 0;
    for (byte b : bytes) {
      sum += b;
    }
    for (int i : ints) {
      sum += i;
    }
    checksum = sum;
    next(this::end);
  }

  /** Prints the checksum. */
  @Step
  public void end() {
    System.out.println("checksum " + checksum);
  }
}
