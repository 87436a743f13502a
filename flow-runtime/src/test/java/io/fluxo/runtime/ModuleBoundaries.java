package io.fluxo.runtime;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The runtime's boundaries as ArchUnit rules, for the runtime's own test and each plug-in module's:
 * a plug-in sees the SPI and the public API, never {@code io.fluxo.runtime.internal}.
 */
public final class ModuleBoundaries {
  /** What a plug-in may use of Fluxo besides its own package: the SPI and the public API. */
  public static final String[] PLUGIN_VISIBLE = {
    "io.fluxo",
    "io.fluxo.runtime.spi..",
    "io.fluxo.runtime.graph..",
    "io.fluxo.runtime.config..",
    "io.fluxo.runtime.error..",
    "io.fluxo.runtime.client..",
  };

  private ModuleBoundaries() {}

  /** The main (not test) classes of {@code packageName} and its subpackages. */
  public static JavaClasses mainClasses(String packageName) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(packageName);
  }

  /**
   * The classes of plug-in package {@code pluginPackage} use only their own, the SPI and the API.
   */
  public static ArchRule pluginUsesOnlySpiAndApi(String pluginPackage) {
    String own = pluginPackage + "..";
    return classes()
        .that()
        .resideInAPackage(own)
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage("io.fluxo.."))
                .or(resideInAPackage(own))
                .or(resideInAnyPackage(PLUGIN_VISIBLE)))
        .because("a plug-in uses io.fluxo.runtime.spi and the public API; internal may change");
  }
}
