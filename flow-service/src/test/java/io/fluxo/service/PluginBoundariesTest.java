package io.fluxo.service;

import io.fluxo.runtime.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class PluginBoundariesTest {
  @Test
  void usesOnlyTheSpiAndThePublicApi() {
    ModuleBoundaries.pluginUsesOnlySpiAndApi("io.fluxo.service")
        .check(ModuleBoundaries.mainClasses("io.fluxo.service"));
  }
}
