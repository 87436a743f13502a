package io.fluxo.service;

import io.fluxo.runtime.spi.CommandPlugin;

/**
 * Adds {@code flow service} to the {@code flow} command of every flow whose classpath holds this
 * module.
 */
public final class ServiceCommandPlugin implements CommandPlugin {
  /** The plugin, as {@link java.util.ServiceLoader} creates it. */
  public ServiceCommandPlugin() {}

  @Override
  public String name() {
    return "service";
  }

  @Override
  public Object command() {
    return new ServiceCommand();
  }
}
