package org.homefirst.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.homefirst.workers.cluster.OncePerCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The boundaries of the application's packages, as tests: the platform (engine, database) imports
 * no feature; no feature reaches into the engine's internals; the engine's REST API and Zeebe are
 * nowhere; schedules that reach partners or shared data run on one node at a time.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // the processes module's test-jar is on the class path for the designer's test runs: tests, not the application
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("homefirst-processes-") || !location.contains("-tests.jar"))
        .importPackages("org.homefirst");
  }

  @Test
  void platformImportsNoFeature() {
    noClasses().that().resideInAPackage("org.homefirst.platform..")
        .should().dependOnClassesThat().resideInAnyPackage("org.homefirst.inbox..", "org.homefirst.journey..",
            "org.homefirst.referral..", "org.homefirst.delay..", "org.homefirst.audit..", "org.homefirst.incident..",
            "org.homefirst.partners..", "org.homefirst.demo..", "org.homefirst.console..", "org.homefirst.designer..", "org.homefirst.security..", "org.homefirst.base..")
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

  /**
   * With several nodes, a schedule runs on each: one that reaches partners or writes shared data
   * takes the cluster lock ({@code OncePerCluster}). Only these are meant for every node: the
   * inbox's wake-up of its own open pages, and the console's cache of past clocks on this node.
   */
  @Test
  void everySchedulePollingPartnersOrWritingSharedDataRunsOncePerCluster() {
    methods().that().areAnnotatedWith(Scheduled.class)
        .and().doNotHaveFullName("org.homefirst.inbox.TaskBoard.poll()")
        .and().doNotHaveFullName("org.homefirst.console.SlaPerformance.refreshHistory()")
        .should(new ArchCondition<JavaMethod>("run through OncePerCluster.run") {
          @Override
          public void check(JavaMethod method, ConditionEvents events) {
            // the run is often handed to another thread in a lambda: a method of the same class
            boolean locked = method.getOwner().getMethodCallsFromSelf().stream()
                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(OncePerCluster.class)
                    && call.getName().equals("run"));
            if (!locked) {
              events.add(SimpleConditionEvent.violated(method,
                  method.getFullName() + " is scheduled on every node; wrap its run in OncePerCluster.run"));
            }
          }
        })
        .check(classes);
  }

  @Test
  void noZeebeAnywhere() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.camunda..", "io.zeebe..")
        .check(classes);
  }
}
