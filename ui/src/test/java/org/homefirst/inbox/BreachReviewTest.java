package org.homefirst.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.base.Formats;
import org.homefirst.delay.Delays;
import org.homefirst.incident.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A breach review (sla-escalation.bpmn) says which rule was breached, when the work was due, who
 * holds the patient and what to do; only team leads take it on (others read it and are refused,
 * audited); "Overdue only" shows it whatever its own due time.
 */
class BreachReviewTest extends StackTest {

  private static final TeamMember LEAD = new TeamMember("manager", Set.of("managers", "jad"));

  @Autowired TaskInbox inbox;
  @Autowired ManagementService management;
  @Autowired TaskBoard board;
  @Autowired Delays delays;
  @Autowired Clock clock;
  @Autowired SlaRules rules;
  @Autowired ServiceHealth health;

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void aBreachSaysWhatWasBreachedAndOnlyTeamLeadsTakeItOn() {
    String nhs = validNhsNumber();
    refer(nhs, "lbh", "bhrut-queens");
    TaskFilter patient = new TaskFilter(null, null, null, null, false, nhs);
    InboxTask triage = eventually("the triage task", () -> first(JAD, patient, "Task_Triage"));
    long root = db.sql("select root_instance_key from user_task where task_key = ?").param(triage.key())
        .query(Long.class).single();
    // The triage clock runs out: its timer fires (now rather than in 24 hours, as the job executor would then).
    Job timer = management.createJobQuery().processInstanceId(String.valueOf(root)).activityId("Timer_TriageSla")
        .singleResult();
    management.executeJob(timer.getId());

    InboxTask review = eventually("the breach review", () -> first(JAD, patient, "Task_TeamLeadReview"));
    assertThat(review.dueAt()).as("due when it goes to MADE").isAfter(clock.instant());
    assertThat(inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(), new TaskFilter(null, null, null, null, true, nhs), 0, 10))
        .as("overdue only: the breach review, not the triage that is not due yet")
        .extracting(InboxTask::elementId).containsExactly("Task_TeamLeadReview");
    assertThat(inbox.count(JAD, new TaskInbox.Queue.AllVisible(), new TaskFilter(null, null, null, null, true, nhs)))
        .isEqualTo(1);

    Breaches.Breach breach = inbox.breachOf(review).orElseThrow();
    assertThat(breach.rule()).isEqualTo("Triage within 24 h of referral (local standard)");
    assertThat(breach.dueAt()).isCloseTo(triage.dueAt(), within(1, ChronoUnit.SECONDS));
    assertThat(breach.holder()).isEqualTo("JAD (Joint Assessment and Discharge) (their task is open)");
    assertThat(breach.whatToDo()).contains("JAD (Joint Assessment and Discharge)", "resolved", "MADE");
    assertThat(inbox.breachOf(triage)).as("an ordinary task is no breach review").isEmpty();

    assertThatThrownBy(() -> inbox.claim(JAD, review.key())).isInstanceOf(TaskRefused.class)
        .hasMessageContaining("Only team leads");
    assertThatThrownBy(() -> inbox.complete(JAD, review.key(), Map.of("escalationResolved", true)))
        .isInstanceOf(TaskRefused.class).hasMessageContaining("Only team leads");
    assertThat(db.sql("select count(*) from audit_event where actor = 'jad.coordinator' and action = 'REFUSED' and task_key = ?")
        .param(review.key()).query(Integer.class).single()).isEqualTo(2);
    inbox.comment(JAD, review.key(), "Assessor off sick; triage booked for 10:00");

    // The coordinator reads it; only the lead can act on it.
    MockVaadin.setup(new Routes().autoDiscoverViews("org.homefirst"));
    signIn("jad.coordinator", "jad");
    TaskView coordinator = new TaskView(inbox, delays, clock, rules);
    UI.getCurrent().add(coordinator);
    coordinator.setParameter(null, String.valueOf(review.key()));
    assertThat(_get(coordinator, Paragraph.class, spec -> spec.withAttribute("data-breach-rule", "")).getElement()
        .getTextRecursively()).isEqualTo("Rule breached: Triage within 24 h of referral (local standard)");
    assertThat(_get(coordinator, Paragraph.class, spec -> spec.withAttribute("data-breach-due", "")).getElement()
        .getTextRecursively()).isEqualTo("Was due: " + Formats.dateTime(breach.dueAt()));
    assertThat(_get(coordinator, Paragraph.class, spec -> spec.withAttribute("data-breach-holder", "")).getElement()
        .getTextRecursively()).contains("JAD");
    assertThat(_find(coordinator, Paragraph.class, spec -> spec.withAttribute("data-leads-only", ""))).hasSize(1);
    assertThat(_find(coordinator, Button.class, spec -> spec.withText("Claim"))).isEmpty();

    signIn("manager", "managers", "jad");
    InboxView lead = new InboxView(inbox, board, clock, delays, rules, health);
    UI.getCurrent().add(lead);
    for (int i = 0; i < lead.queues.getComponentCount(); i++) {
      if (lead.queues.getTabAt(i).getLabel().startsWith("All I can see")) {
        lead.queues.setSelectedIndex(i);
      }
    }
    assertThat(lead.queues.getSelectedTab().getLabel()).startsWith("All I can see");
    lead.overdue.setValue(true);
    lead.search.setValue(nhs);
    assertThat(GridKt._size(lead.grid)).isEqualTo(1);
    lead.grid.select(GridKt._get(lead.grid, 0));
    assertThat(_find(lead.detail, Paragraph.class, spec -> spec.withAttribute("data-leads-only", ""))).isEmpty();
    assertThat(_find(lead.detail, Button.class, spec -> spec.withText("Claim"))).hasSize(1);

    inbox.claim(LEAD, review.key());
    inbox.complete(LEAD, review.key(), Map.of("escalationResolved", true));
    assertThat(inbox.find(LEAD, review.key())).as("the lead resolved it").isEmpty();
  }

  private InboxTask first(TeamMember member, TaskFilter filter, String elementId) {
    return inbox.tasks(member, new TaskInbox.Queue.AllVisible(), filter, 0, 20).stream()
        .filter(t -> t.elementId().equals(elementId)).findFirst().orElse(null);
  }

  private static void signIn(String user, String... teams) {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "demo",
        Arrays.stream(teams).map(t -> TeamMember.TEAM_PREFIX + t).toArray(String[]::new)));
  }
}
