package io.fluxo.ui.command;

import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.ui.UiAccess;
import io.fluxo.ui.WebUi;
import io.fluxo.ui.catalog.StoreRunCatalog;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flow ui}: serves the web UI, read-only, over the configured metadata and datastore (by
 * default the local {@code .fluxo} folder), until the process is stopped.
 */
@Command(
    name = "ui",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the web UI over this machine's runs: runs, DAG, timeline, tasks, logs and artifacts.",
      "Read-only; no database needed. On an address other than loopback it needs a token"
          + " in $FLUXO_UI_TOKEN."
    })
public final class UiCommand implements Callable<Integer> {
  /** The UI's default port. */
  static final int DEFAULT_PORT = 8781;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_PORT,
      description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--open", description = "Open the UI in the default browser.")
  boolean open;

  @Spec CommandSpec spec;

  /** Reads environment variables; replaced in tests. */
  UnaryOperator<String> environment = System::getenv;

  @Override
  public Integer call() throws InterruptedException {
    Javalin app = start(FluxoConfig.load());
    URI url = url(app);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Fluxo UI on " + url + " (stop it with Ctrl-C)");
    out.flush();
    if (open) {
      browse(url, spec.commandLine().getErr());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.stop();
                  stopped.countDown();
                },
                "fluxo-ui-stop"));
    stopped.await();
    return 0;
  }

  /** Starts the UI over what {@code config} names; the caller stops the result. */
  Javalin start(FluxoConfig config) {
    if (port < 0 || port > 65535) {
      throw new UsageException(
          "Invalid value for option '--port': %d; it must be 0 to 65535", port);
    }
    String token = environment.apply("FLUXO_UI_TOKEN");
    UiAccess access;
    if (token != null && !token.isBlank()) {
      access = UiAccess.token(token.trim());
    } else if (loopback(host)) {
      access = UiAccess.open();
    } else {
      throw new UsageException(
          "Cannot serve the UI on %s without a token: set FLUXO_UI_TOKEN, or keep --host 127.0.0.1",
          host);
    }
    WebUi ui =
        new WebUi(
            new StoreRunCatalog(MetadataBackend.connect(config.metadata())),
            DatastoreReader.open(config),
            access,
            Clock.systemUTC());
    Javalin app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.startupWatcherEnabled = false;
              javalin.router.ignoreTrailingSlashes = true;
            });
    ui.register(app);
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      app.stop();
      throw new UsageException("Cannot serve the UI on %s:%d: %s", host, port, rootMessage(e));
    }
    return app;
  }

  /** The URL {@code app} answers on. */
  URI url(Javalin app) {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    if (host.equals("0.0.0.0") || host.equals("::")) {
      shown = "127.0.0.1";
    }
    return URI.create("http://" + shown + ":" + app.port() + "/");
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new UsageException("Invalid value for option '--host': unknown host %s", host);
    }
  }

  private static void browse(URI url, PrintWriter err) {
    try {
      if (java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
        java.awt.Desktop.getDesktop().browse(url);
        return;
      }
      new ProcessBuilder("xdg-open", url.toString()).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      err.println(
          "Cannot open a browser here (" + e.getMessage() + "); open " + url + " yourself.");
      err.flush();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
