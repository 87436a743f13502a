package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ProcessSetting;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import io.fluxo.runtime.spi.RunRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code resume}. */
final class RunSettingsOptions {
  /** The most tasks a run may run at once: more than a machine's processes would bear. */
  static final int MAX_WORKERS = 1024;

  /** The most items a foreach may fan out to. */
  static final int MAX_NUM_SPLITS = 1_000_000;

  @Option(
      names = "--max-workers",
      paramLabel = "N",
      defaultValue = "16",
      description = "Tasks running at once. Default: ${DEFAULT-VALUE}.")
  int maxWorkers;

  @Option(
      names = "--max-num-splits",
      paramLabel = "N",
      defaultValue = "100",
      description = "Most items a foreach may fan out to. Default: ${DEFAULT-VALUE}.")
  int maxNumSplits;

  @Option(names = "--tag", paramLabel = "TAG", description = "Tag the run (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--with",
      paramLabel = "LAUNCHER",
      description =
          "Run every step with this launcher, e.g. kubernetes (its module must be on the classpath).")
  String with;

  LocalScheduler.Settings settings() {
    if (maxWorkers < 1 || maxWorkers > MAX_WORKERS) {
      throw new UsageException(
          "Invalid value for option '--max-workers': %d; it must be 1 to %d",
          maxWorkers, MAX_WORKERS);
    }
    if (maxNumSplits < 1 || maxNumSplits > MAX_NUM_SPLITS) {
      throw new UsageException(
          "Invalid value for option '--max-num-splits': %d; it must be 1 to %d",
          maxNumSplits, MAX_NUM_SPLITS);
    }
    for (String tag : tags) {
      try {
        RunRecord.checkTag(tag);
      } catch (IllegalArgumentException e) {
        throw new UsageException("%s", e.getMessage());
      }
    }
    return new LocalScheduler.Settings(maxWorkers, maxNumSplits, user(), tags);
  }

  static String user() {
    return ProcessSetting.USER
        .text(System.getenv())
        .orElse(System.getProperty("user.name", "unknown"));
  }
}
