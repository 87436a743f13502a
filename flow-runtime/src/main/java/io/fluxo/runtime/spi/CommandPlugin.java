package io.fluxo.runtime.spi;

/**
 * Contributes a subcommand to every flow's {@code flow} command line, so that a module the runtime
 * does not depend on (such as the metadata service's {@code flow service}) is available wherever
 * its jar is on the classpath. Implementations are found with {@link java.util.ServiceLoader}
 * (listed in {@code META-INF/services/io.fluxo.runtime.spi.CommandPlugin}) and need a public
 * no-argument constructor.
 */
public interface CommandPlugin {
  /** The subcommand's name, e.g. {@code service}; a name the runtime uses itself is ignored. */
  String name();

  /**
   * A new picocli command object (a class annotated {@code @Command}) for one command line; called
   * once per command line built.
   */
  Object command();
}
