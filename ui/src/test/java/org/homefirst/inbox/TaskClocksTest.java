package org.homefirst.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.base.Formats;
import org.homefirst.delay.Delays;
import org.homefirst.referral.JourneyClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A task within a running SLA clock shows the clock's due time and says which clock it is, even
 * when the task has no clock of its own: the CHC assessment's steps run to the 28-day decision.
 */
class TaskClocksTest extends StackTest {

  private static final TeamMember CHC = new TeamMember("chc.nurse", Set.of("chc"));

  @Autowired TaskInbox inbox;
  @Autowired TaskAnswers answers;
  @Autowired RuntimeService runtime;
  @Autowired JourneyClocks clocks;
  @Autowired Delays delays;
  @Autowired Clock clock;
  @Autowired SlaRules rules;

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void theIcbDecisionIsDueWhenThe28DayClockRunsOutAndSaysSo() {
    Map<String, Object> variables = new HashMap<>(clocks.getClocks());
    variables.putAll(Map.of("fastTrack", false, "checklistTeam", "chc", "borough", "lbh"));
    String instance = runtime.startProcessInstanceByKey("homefirst-chc", UUID.randomUUID().toString(), variables)
        .getId();
    answers.give(open(instance, "Task_ChcChecklist"), Map.of("checklistPositive", true));

    InboxTask dst = inbox.find(CHC, open(instance, "Task_DecisionSupportTool")).orElseThrow();
    assertThat(dst.dueAt()).isBetween(clock.instant().plus(Duration.ofDays(28)).minusSeconds(120),
        clock.instant().plus(Duration.ofDays(28)));
    assertThat(dst.clock()).as("the running clock that falls due with it").isEqualTo("chc-decision");
    answers.give(dst.key(), Map.of("dstSetting", "community", "dstRecommendation", "eligible"));

    InboxTask decision = inbox.find(CHC, open(instance, "Task_IcbDecision")).orElseThrow();
    assertThat(decision.dueAt()).as("the same clock: from the positive checklist").isEqualTo(dst.dueAt());
    assertThat(rules.forTaskWithSource(decision))
        .contains("CHC funding decision within 28 days of the checklist (CHC framework 2022)");
    assertThat(inbox.tasks(CHC, new TaskInbox.Queue.Team("chc"), 0, 500)).as("in the team's queue with its due time")
        .filteredOn(t -> t.key() == decision.key()).singleElement()
        .satisfies(t -> assertThat(t.dueAt()).isEqualTo(dst.dueAt()));

    MockVaadin.setup(new Routes().autoDiscoverViews("org.homefirst"));
    // The SLA clock cell of the inbox list and of the journey page's current tasks.
    Div cell = ClockBadge.cell(decision, clock.instant(), rules.forTask(decision).orElse(null));
    assertThat(_get(cell, Span.class, spec -> spec.withAttribute("data-rule", "")).getText())
        .isEqualTo("Due " + Formats.dateTime(decision.dueAt()) + " · CHC funding decision within 28 days of the checklist");
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("chc.nurse", "demo", "GROUP_chc"));
    TaskView view = new TaskView(inbox, delays, clock, rules);
    UI.getCurrent().add(view);
    view.setParameter(null, String.valueOf(decision.key()));
    assertThat(_get(view, Paragraph.class, spec -> spec.withAttribute("data-due", "")).getText())
        .isEqualTo("Due " + Formats.dateTime(decision.dueAt())
            + ": CHC funding decision within 28 days of the checklist (CHC framework 2022)");
    runtime.deleteProcessInstance(instance, "test done");
  }

  private long open(String instance, String elementId) {
    return eventually(elementId + " to be open", () -> db.sql(
            "select task_key from user_task where instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(Long.parseLong(instance)).param(elementId).query(Long.class).optional().orElse(null));
  }
}
