package io.fluxo.spark;

import io.fluxo.runtime.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class PluginBoundariesTest {
  @Test
  void usesOnlyTheSpiAndThePublicApi() {
    ModuleBoundaries.pluginUsesOnlySpiAndApi("io.fluxo.spark")
        .check(ModuleBoundaries.mainClasses("io.fluxo.spark"));
  }
}
