package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A model's process tests run against a draft of it: the processes module's own test classes,
 * in a JVM of their own with the draft in place of the file. A draft equal to the deployed model
 * passes them all; a draft that renames a task the tests wait at fails exactly the tests that
 * reach it, saying which task they expected. One run at a time; designers only. Uses the SLA
 * escalation model, whose tests are few, so the runs stay short.
 */
class ProcessTestRunsTest extends StackTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember SECOND = new TeamMember("designer.two", Set.of("designers"));
  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));
  static final String MODEL = "homefirst-sla-escalation";

  @Autowired Drafts drafts;
  @Autowired DesignerAccess access;

  /** Runs on the caller's thread, so a test reads the finished run. */
  private ProcessTestRuns runsHere() {
    return new ProcessTestRuns(access, Clock.systemUTC(), Runnable::run);
  }

  @Test
  void aDraftEqualToTheDeployedModelPassesAllItsTests() {
    Drafts.Draft draft = drafts.start(DESIGNER, MODEL);
    ProcessTestRuns.Run run = runsHere().start(DESIGNER, draft);

    assertThat(run.finished()).isTrue();
    assertThat(run.problem()).isNull();
    assertThat(run.model()).isEqualTo("sla-escalation.bpmn");
    assertThat(run.total()).as("SlaEscalationProcessTest's tests").isEqualTo(3);
    assertThat(run.outcomes()).hasSize(3).allSatisfy(o -> {
      assertThat(o.testClass()).isEqualTo("SlaEscalationProcessTest");
      assertThat(o.passed()).as(o.test() + ": " + o.why()).isTrue();
    });
  }

  @Test
  void aDraftThatRenamesATaskFailsTheTestsThatReachItAndSaysWhy() {
    Drafts.Draft draft = drafts.start(DESIGNER, MODEL);
    assertThat(draft.xml()).contains("\"Task_MadeReview\"");
    Drafts.Draft renamed = draft.withXml(draft.xml().replace("Task_MadeReview", "Task_MadeMeeting"));

    ProcessTestRuns.Run run = runsHere().start(DESIGNER, renamed);

    assertThat(run.problem()).isNull();
    assertThat(run.done()).isEqualTo(3);
    assertThat(run.outcomes()).filteredOn(ProcessTestRuns.Outcome::passed)
        .extracting(ProcessTestRuns.Outcome::test).containsExactly("teamLeadResolvesTheBreach()");
    assertThat(run.failures()).extracting(ProcessTestRuns.Outcome::test).containsExactlyInAnyOrder(
        "unresolvedBreachGoesToTheMultiAgencyDischargeEvent()", "teamLeadWhoDoesNotRespondInTimeIsBypassedToMade()");
    assertThat(run.failures()).allSatisfy(f -> assertThat(f.why()).contains("Task_MadeReview"));
  }

  @Test
  void aSecondRunWhileOneIsGoingIsRefusedSayingWhose() {
    List<Runnable> held = new ArrayList<>();
    Executor holding = held::add;
    ProcessTestRuns runs = new ProcessTestRuns(access, Clock.systemUTC(), holding);
    Drafts.Draft draft = drafts.start(DESIGNER, MODEL);
    ProcessTestRuns.Run first = runs.start(DESIGNER, draft);
    assertThat(first.finished()).isFalse();

    assertThatThrownBy(() -> runs.start(SECOND, drafts.start(SECOND, "homefirst-pathway-1")))
        .isInstanceOf(ReviewRefused.class)
        .hasMessage("The process tests are already running, for designer's draft of sla-escalation.bpmn: one run at"
            + " a time, try again when it has finished");
    assertThat(held).hasSize(1);
    assertThat(runs.latest()).containsSame(first);
  }

  @Test
  void onlyDesignersRunTheTests() {
    Drafts.Draft draft = drafts.start(DESIGNER, MODEL);
    List<Runnable> held = new ArrayList<>();
    ProcessTestRuns runs = new ProcessTestRuns(access, Clock.systemUTC(), held::add);

    assertThatThrownBy(() -> runs.start(MANAGER, draft)).isInstanceOf(DesignerRefused.class)
        .hasMessage("Only service designers change models");
    assertThatThrownBy(() -> runs.start(WARD, draft)).isInstanceOf(DesignerRefused.class);
    assertThat(held).isEmpty();
    assertThat(runs.latest()).isEmpty();
  }
}
