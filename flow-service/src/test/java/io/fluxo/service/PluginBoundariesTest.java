package io.fluxo.service;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import io.fluxo.runtime.ModuleBoundaries;
import org.junit.jupiter.api.Test;

class PluginBoundariesTest {
  /**
   * The service uses the SPI and the public API, as {@link
   * ModuleBoundaries#pluginUsesOnlySpiAndApi} says, the UI's catalog contract, which {@link
   * DatabaseRunCatalog} implements, and the UI's entry points ({@code WebUi}, {@code UiAccess})
   * that it mounts: nothing else of the UI, and nothing internal of the runtime.
   */
  @Test
  void usesOnlyTheSpiThePublicApiAndTheUiCatalog() {
    classes()
        .that()
        .resideInAPackage("io.fluxo.service..")
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage("io.fluxo.."))
                .or(resideInAPackage("io.fluxo.service.."))
                .or(resideInAPackage("io.fluxo.ui.catalog"))
                .or(
                    com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the UI's entry points",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                            c.getName().equals("io.fluxo.ui.WebUi")
                                || c.getName().equals("io.fluxo.ui.UiAccess")))
                .or(resideInAnyPackage(ModuleBoundaries.PLUGIN_VISIBLE)))
        .because("a plug-in uses io.fluxo.runtime.spi and the public API; internal may change")
        .check(ModuleBoundaries.mainClasses("io.fluxo.service"));
  }
}
