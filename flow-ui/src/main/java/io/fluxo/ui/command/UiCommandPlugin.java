package io.fluxo.ui.command;

import io.fluxo.runtime.spi.CommandPlugin;

/** Adds {@code flow ui} to the {@code flow} command of every flow whose classpath holds the UI. */
public final class UiCommandPlugin implements CommandPlugin {
  /** The plugin, as {@link java.util.ServiceLoader} creates it. */
  public UiCommandPlugin() {}

  @Override
  public String name() {
    return "ui";
  }

  @Override
  public Object command() {
    return new UiCommand();
  }
}
