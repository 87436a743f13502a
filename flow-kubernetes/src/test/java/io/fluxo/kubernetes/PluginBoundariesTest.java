package io.fluxo.kubernetes;

import io.fluxo.runtime.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class PluginBoundariesTest {
  @Test
  void usesOnlyTheSpiAndThePublicApi() {
    ModuleBoundaries.pluginUsesOnlySpiAndApi("io.fluxo.kubernetes")
        .check(ModuleBoundaries.mainClasses("io.fluxo.kubernetes"));
  }
}
