package io.fluxo.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RuntimeBoundariesTest {
  private static JavaClasses runtime;

  @BeforeAll
  static void importRuntime() {
    runtime = ModuleBoundaries.mainClasses("io.fluxo.runtime");
  }

  @Test
  void configuration_isData_openingNoBackend() {
    noClasses()
        .that()
        .resideInAPackage("io.fluxo.runtime.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fluxo.runtime.internal.datastore..",
            "io.fluxo.runtime.internal.metadata..",
            "io.minio..",
            "okhttp3..",
            "java.net.http..")
        .because("backends are found through io.fluxo.runtime.spi, so config depends on none")
        .check(runtime);
  }

  @Test
  void spi_exposesNothingInternal() {
    noClasses()
        .that()
        .resideInAPackage("io.fluxo.runtime.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fluxo.runtime.internal.cli..",
            "io.fluxo.runtime.internal.scheduler..",
            "io.fluxo.runtime.internal.launcher..",
            "io.fluxo.runtime.internal.task..",
            "io.fluxo.runtime.internal.datastore..",
            "io.fluxo.runtime.internal.metadata..",
            "io.fluxo.runtime.internal.kryo..")
        .because(
            "a plug-in compiled against the SPI must not reach into internal (the SPI writes its"
                + " records with the runtime's JSON mapper, which its signatures do not show)")
        .check(runtime);
  }

  @Test
  void generatedCodesAbi_dependsOnNoRuntimeInternals() {
    // graph is what generated code builds: it reads parameter values with the JSON mapper only
    noClasses()
        .that()
        .resideInAPackage("io.fluxo.runtime.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fluxo.runtime.internal.cli..",
            "io.fluxo.runtime.internal.scheduler..",
            "io.fluxo.runtime.internal.launcher..",
            "io.fluxo.runtime.internal.task..",
            "io.fluxo.runtime.internal.datastore..",
            "io.fluxo.runtime.internal.metadata..")
        .check(runtime);
  }
}
