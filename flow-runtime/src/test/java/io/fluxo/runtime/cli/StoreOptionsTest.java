package io.fluxo.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

  private StoreOptions parse(String... args) {
    Holder holder = new Holder();
    new CommandLine(holder).parseArgs(args);
    return holder.options;
  }

  @Test
  void taskArguments_forTheService_nameProviderAndUrl_butNoToken() {
    StoreOptions options = parse("--datastore-root", root.toString(), "--metadata", "service", "--metadata-url", "http://127.0.0.1:8780");

    assertThat(options.taskArguments()).containsExactly(
        "--datastore-root", root.toAbsolutePath().toString(), "--metadata", "service", "--metadata-url", "http://127.0.0.1:8780");
  }

  @Test
  void taskArguments_local_nameTheProviderExplicitly() {
    assertThat(parse("--datastore-root", root.toString()).taskArguments())
        .containsExactly("--datastore-root", root.toAbsolutePath().toString(), "--metadata", "local");
  }

  @Test
  void run_unknownMetadataProvider_isUsageError() {
    String error = CountingRuns.usageError("runs", "--metadata", "mysql");

    assertThat(error).startsWith("Error: Invalid metadata provider 'mysql': expected local or service");
  }

  @Test
  void runs_serviceWithoutUrl_isUsageError() {
    String error = CountingRuns.usageError("runs", "--metadata", "service");

    assertThat(error).contains("Cannot use the metadata service: no URL; pass --metadata-url or set FLUXO_METADATA_URL");
  }
}
