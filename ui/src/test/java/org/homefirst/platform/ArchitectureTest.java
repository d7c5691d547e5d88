package org.homefirst.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the application's packages, as tests: the platform (engine, database) imports
 * no feature; no feature reaches into the engine's internals; the engine's REST API and Zeebe are
 * nowhere.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.homefirst");
  }

  @Test
  void platformImportsNoFeature() {
    noClasses().that().resideInAPackage("org.homefirst.platform..")
        .should().dependOnClassesThat().resideInAnyPackage("org.homefirst.inbox..", "org.homefirst.journey..",
            "org.homefirst.referral..", "org.homefirst.delay..", "org.homefirst.audit..", "org.homefirst.incident..",
            "org.homefirst.partners..", "org.homefirst.demo..", "org.homefirst.console..", "org.homefirst.security..", "org.homefirst.base..")
        .check(classes);
  }

  @Test
  void featuresUseTheEngineThroughItsServicesNotItsInternals() {
    noClasses().that().resideOutsideOfPackages("org.homefirst.platform..", "org.homefirst.processes.engine..")
        .should().dependOnClassesThat().resideInAPackage("org.operaton.bpm.engine.impl..")
        .check(classes);
  }

  @Test
  void featuresDoNotDependOnThePlatformsClasses() {
    noClasses().that().resideOutsideOfPackage("org.homefirst.platform..")
        .and().resideOutsideOfPackage("org.homefirst")
        .should().dependOnClassesThat().resideInAPackage("org.homefirst.platform..")
        .check(classes);
  }

  @Test
  void noZeebeAnywhere() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.camunda..", "io.zeebe..")
        .check(classes);
  }
}
