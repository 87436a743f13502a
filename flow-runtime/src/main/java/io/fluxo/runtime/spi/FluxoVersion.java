package io.fluxo.runtime.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the Fluxo runtime on the classpath, as Maven built it ({@code fluxo.properties}):
 * what {@code --version} prints, run headers show and a step pod's default image is tagged with.
 */
public final class FluxoVersion {
  private static final String CURRENT = read();

  private FluxoVersion() {}

  /** The version, e.g. {@code 0.1.0}. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = FluxoVersion.class.getResourceAsStream("fluxo.properties")) {
      if (in == null) {
        throw new IllegalStateException("fluxo.properties is missing from the Fluxo runtime jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
