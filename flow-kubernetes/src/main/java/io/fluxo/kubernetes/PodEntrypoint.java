package io.fluxo.kubernetes;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.spi.CodePackage;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.DatastoreStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What a step pod runs ({@code infra/runtime/entrypoint.sh}): {@code PodEntrypoint <FlowMain> step
 * ...}. Downloads the run's code package ({@code FLUXO_CODE_PACKAGE}) from the datastore the
 * environment configures, then runs {@code FlowMain.main(step ...)} from it in a class loader of
 * its own: the same {@code step} command a local task runs. The pod's Spark settings ({@value
 * SparkDrivers#PROPERTIES_ENV}) become system properties, which a step's Spark session reads; with
 * a {@code k8s://} master, {@code spark.jars} lists the code package, which the driver serves to
 * its executors.
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
    DatastoreStorage storage = DatastoreBackend.connect(FluxoConfig.load().datastore());
    CodePackage code = CodePackage.read(storage, key);
    Path dir = Files.createTempDirectory("fluxo-code");
    // the copies go with the JVM (open jars stay readable meanwhile), also where a container's disk
    // outlives it
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "fluxo-code-cleanup"));
    List<URL> urls = new ArrayList<>();
    int i = 0;
    for (CodePackage.Entry entry : code.entries()) {
      Path jar =
          dir.resolve(
              (i++)
                  + "-"
                  + entry.name().replaceAll("[^A-Za-z0-9._-]", "_")
                  + (entry.name().endsWith(".jar") ? "" : ".jar"));
      try (InputStream in = storage.open(entry.key())) {
        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
      }
      urls.add(jar.toUri().toURL());
    }
    applySparkProperties(System.getenv(SparkDrivers.PROPERTIES_ENV), urls);
    URLClassLoader loader =
        new URLClassLoader(
            "fluxo-code", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    Method main = loader.loadClass(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temp folder is harmless
    }
  }

  /**
   * Sets each of {@code text}'s properties (a {@link Properties} text, or null for none) that is
   * not set yet; with a {@code k8s://} master and no {@code spark.jars}, that is {@code jars}.
   */
  static void applySparkProperties(String text, List<URL> jars) throws IOException {
    if (text == null || text.isBlank()) {
      return;
    }
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    properties
        .stringPropertyNames()
        .forEach(
            name -> {
              if (System.getProperty(name) == null) {
                System.setProperty(name, properties.getProperty(name));
              }
            });
    if (System.getProperty("spark.master", "").startsWith("k8s://")
        && System.getProperty("spark.jars") == null) {
      System.setProperty("spark.jars", String.join(",", jars.stream().map(URL::toString).toList()));
    }
  }
}
