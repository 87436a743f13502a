package io.fluxo.kubernetes;

import io.fluxo.runtime.codepackage.CodePackage;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.datastore.DatastoreStorage;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a step pod runs ({@code infra/runtime/entrypoint.sh}): {@code PodEntrypoint <FlowMain> step
 * ...}. Downloads the run's code package ({@code FLUXO_CODE_PACKAGE}) from the datastore the
 * environment configures, then runs {@code FlowMain.main(step ...)} from it in a class loader of its
 * own: the same {@code step} command a local task runs.
 */
public final class PodEntrypoint {
  private PodEntrypoint() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("Usage: entrypoint.sh <flow main class> step ...");
      System.exit(2);
    }
    String key = System.getenv(PodSpecs.CODE_PACKAGE_ENV);
    if (key == null || key.isBlank()) {
      System.err.println("Error: " + PodSpecs.CODE_PACKAGE_ENV + " is not set");
      System.exit(2);
    }
    DatastoreStorage storage = FluxoConfig.load().datastore().open();
    CodePackage code = CodePackage.read(storage, key);
    Path dir = Files.createTempDirectory("fluxo-code");
    List<URL> urls = new ArrayList<>();
    int i = 0;
    for (CodePackage.Entry entry : code.entries()) {
      Path jar = dir.resolve((i++) + "-" + entry.name().replaceAll("[^A-Za-z0-9._-]", "_") + (entry.name().endsWith(".jar") ? "" : ".jar"));
      try (InputStream in = storage.open(entry.key())) {
        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      urls.add(jar.toUri().toURL());
    }
    URLClassLoader loader = new URLClassLoader("fluxo-code", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    Method main = loader.loadClass(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
