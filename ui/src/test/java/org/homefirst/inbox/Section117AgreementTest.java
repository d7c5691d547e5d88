package org.homefirst.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.delay.Delays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Section 117 funding is agreed by the ICB and then by the council, two decisions by people of
 * those organisations: the person who agreed the ICB's share is refused the council's agreement
 * (audited), even when they are in both teams.
 */
class Section117AgreementTest extends StackTest {

  /** In the CHC team and in Havering's council team, as a system lead may be. */
  private static final TeamMember BOTH = new TeamMember("manager", Set.of("managers", "chc", "council-lbh"));
  private static final TeamMember COUNCIL = new TeamMember("lbh.council", Set.of("council-lbh"));

  @Autowired TaskInbox inbox;
  @Autowired TaskAnswers answers;
  @Autowired Delays delays;
  @Autowired Clock clock;
  @Autowired SlaRules rules;

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void theCouncilsAgreementComesFromSomeoneOtherThanTheIcbsDecider() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-kgh");
    long root = eventually("the journey", () -> db.sql("select process_instance_key from referral where id = ?")
        .param(id).query(Long.class).optional().orElse(null));
    answers.give(open(root, "Task_Triage"), Map.of("fastTrack", false, "needs24HourCare", false,
        "needsBedBasedRehab", false, "needsNewSupport", false, "section117", true));
    answers.give(open(root, "Task_ConfirmPathway"), Map.of("pathway", 0, "voluntarySupportWanted", false));

    long icb = open(root, "Task_IcbAgreeFunding");
    assertThat(teams(icb)).containsExactly("chc");
    inbox.claim(BOTH, icb);
    inbox.complete(BOTH, icb, Map.of("s117Agreed", true, "s117IcbSharePercent", 60));

    long council = open(root, "Task_CouncilAgreeFunding");
    assertThat(teams(council)).containsExactly("council-lbh");
    InboxTask task = inbox.find(BOTH, council).orElseThrow();
    assertThat(inbox.variablesOf(task)).as("the model recorded who decided for the ICB")
        .containsEntry("s117IcbDecidedBy", "manager").containsEntry("s117IcbSharePercent", 60);
    assertThatThrownBy(() -> inbox.claim(BOTH, council)).isInstanceOf(TaskRefused.class)
        .hasMessage("You agreed the ICB's share of this s117 funding, so the council's agreement must come from"
            + " someone else in the council team.");

    // In the task view the same person reads the ICB's decision and is told why they cannot take it on.
    MockVaadin.setup(new Routes().autoDiscoverViews("org.homefirst"));
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("manager", "demo",
        "GROUP_managers", "GROUP_chc", "GROUP_council-lbh"));
    TaskView view = new TaskView(inbox, delays, clock, rules);
    UI.getCurrent().add(view);
    view.setParameter(null, String.valueOf(council));
    ButtonKt._click(_get(view, Button.class, spec -> spec.withText("Claim")));
    NotificationsKt.expectNotifications("You agreed the ICB's share of this s117 funding, so the council's agreement"
        + " must come from someone else in the council team.");
    assertThat(_find(view, Paragraph.class, spec -> spec.withText("Claimed by you"))).isEmpty();

    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'REFUSED' and task_key = ?")
        .param(council).query(Integer.class).single()).isEqualTo(2);

    inbox.claim(COUNCIL, council);
    inbox.complete(COUNCIL, council, Map.of("s117Agreed", true));
    eventually("the journey to go on to pathway 0", () -> active(root, "Call_Pathway0") ? true : null);
    assertThat(db.sql("select count(*) from user_task where root_instance_key = ? and element_id like '%AgreeFunding'"
        + " and state = 'CREATED'").param(root).query(Integer.class).single()).isZero();
  }

  private long open(long root, String elementId) {
    return eventually(elementId + " to be open", () -> db.sql(
            "select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null));
  }

  private List<String> teams(long taskKey) {
    return db.sql("select unnest(candidate_groups) from user_task where task_key = ?").param(taskKey)
        .query(String.class).list();
  }
}
