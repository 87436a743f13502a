package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code resume}. */
final class RunSettingsOptions {
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
    if (maxWorkers < 1) {
      throw new UsageException(
          "Invalid value for option '--max-workers': %d; it must be at least 1", maxWorkers);
    }
    if (maxNumSplits < 1) {
      throw new UsageException(
          "Invalid value for option '--max-num-splits': %d; it must be at least 1", maxNumSplits);
    }
    for (String tag : tags) {
      if (tag.isBlank() || tag.length() > 256) {
        throw new UsageException("Invalid tag '%s': tags are 1 to 256 characters", tag);
      }
    }
    return new LocalScheduler.Settings(maxWorkers, maxNumSplits, user(), tags);
  }

  static String user() {
    String user = System.getenv("FLUXO_USER");
    if (user == null || user.isBlank()) {
      user = System.getProperty("user.name", "unknown");
    }
    return user;
  }
}
