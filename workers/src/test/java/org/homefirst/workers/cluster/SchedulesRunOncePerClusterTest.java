package org.homefirst.workers.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every schedule of the workers (the partners' decision polls, the outbox relay, and any added
 * later) runs through {@link OncePerCluster}: with several application nodes, each would otherwise
 * ask the partners, or send the outbox, once per node. That the lock keeps a second node out is
 * {@link OncePerClusterTest}.
 */
class SchedulesRunOncePerClusterTest {

  static final ArchCondition<JavaMethod> RUN_ONCE_PER_CLUSTER =
      new ArchCondition<>("run through OncePerCluster.run (one node of the cluster at a time)") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
          // the run is often handed to the poller's own thread, in a lambda: a method of the same class
          boolean locked = method.getOwner().getMethodCallsFromSelf().stream()
              .anyMatch(call -> call.getTargetOwner().isEquivalentTo(OncePerCluster.class)
                  && call.getName().equals("run"));
          if (!locked) {
            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                + " is scheduled but its class never calls OncePerCluster.run: it would run on every node"));
          }
        }
      };

  @Test
  void everyScheduledPollOfTheWorkersRunsOncePerCluster() {
    JavaClasses workers = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.homefirst.workers", "org.homefirst.simulators");

    methods().that().areAnnotatedWith(Scheduled.class).should(RUN_ONCE_PER_CLUSTER).check(workers);
  }
}
