package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.MetadataType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class StoreOptionsTest {
  @TempDir Path root;

  @Command(name = "holder")
  static final class Holder {
    @Mixin StoreOptions options;
  }

  private FluxoConfig config(Map<String, String> env, String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return FluxoConfig.load(ConfigSources.of(env, root), holder.options.overrides());
  }

  @Test
  void metadataOptions_overrideTheEnvironment_andReachTasksThroughTheirEnvironmentOnly() {
    FluxoConfig config =
        config(
            Map.of(
                "FLUXO_METADATA_TOKEN", "s3cr3t-token", "FLUXO_METADATA_URL", "http://127.0.0.1:1"),
            "--datastore-root",
            root.toString(),
            "--metadata",
            "service",
            "--metadata-url",
            "http://127.0.0.1:8780");

    assertThat(config.metadata().type()).isEqualTo(MetadataType.SERVICE);
    assertThat(config.metadata().url()).isEqualTo("http://127.0.0.1:8780");
    assertThat(config.taskEnvironment())
        .containsEntry("FLUXO_METADATA_URL", "http://127.0.0.1:8780")
        .containsEntry("FLUXO_METADATA_TOKEN", "s3cr3t-token");
    assertThat(config.toString()).doesNotContain("s3cr3t-token");
  }

  @Test
  void run_unknownMetadataProvider_isUsageError() {
    String error = CountingRuns.usageError("runs", "--metadata", "mysql");

    assertThat(error)
        .startsWith("Error: Invalid metadata type 'mysql'")
        .contains("expected local or service");
  }

  @Test
  void runs_serviceWithoutUrl_isUsageError() {
    String error = CountingRuns.usageError("runs", "--metadata", "service");

    assertThat(error)
        .contains(
            "Cannot use the metadata service: no URL; pass --metadata-url or set FLUXO_METADATA_URL");
  }

  @Test
  void given_repeatsTheOptionsAsAShellReadsThem() {
    Holder holder = new Holder();
    new CommandLine(holder)
        .parseArgs(
            "--datastore-root", "/data/my runs/it's", "--metadata-url", "http://127.0.0.1:8780");

    assertThat(holder.options.given())
        .isEqualTo(
            " --datastore-root '/data/my runs/it'\\''s' --metadata-url http://127.0.0.1:8780");
    Holder none = new Holder();
    new CommandLine(none).parseArgs();
    assertThat(none.options.given()).isEmpty();
  }
}
