package org.homefirst.journey;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The journey page on the server (Karibu-Testing, real services): a coordinator records that the
 * patient declined support; a missing answer is refused beside its field and nothing is sent;
 * the journey then ends and the open work is withdrawn.
 */
class JourneyViewTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired ApplicationContext context;
  @Autowired ReferralIntake referrals;

  @BeforeEach
  void vaadin() {
    MockVaadin.setup(ROUTES);
  }

  @AfterEach
  void done() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void coordinatorRecordsThatThePatientDeclinedSupport() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    Referral referral = referrals.find(id).orElseThrow();
    eventually("the triage task", () -> db.sql("select count(*) from user_task where root_instance_key = ? and state = 'CREATED'")
        .param(referral.processInstanceKey()).query(Integer.class).single() > 0);
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken("jad.coordinator", "demo", TeamMember.TEAM_PREFIX + "jad"));

    JourneyView view = context.getAutowireCapableBeanFactory().createBean(JourneyView.class);
    view.setParameter(null, id.toString());
    UI.getCurrent().add(view);
    JourneyUpdates updates = view.updates;
    assertThat(updates).isNotNull();
    assertThat(updates.what.getListDataView().getItems().map(h -> h.label))
        .as("no pathway yet: no change of pathway or readmission")
        .containsExactly("Criteria to reside reviewed", "Declined support", "Died");

    updates.what.setValue(JourneyUpdates.Happening.DECLINED);
    Button record = _get(updates, Button.class, spec -> spec.withText("Record on the journey"));
    ButtonKt._click(record);
    TextArea declined = _get(updates, TextArea.class, spec -> spec.withAttribute("data-field", "declinedSupport"));
    assertThat(declined.isInvalid()).isTrue();
    assertThat(declined.getErrorMessage()).isEqualTo("required");
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(Integer.class).single()).isZero();

    declined.setValue("Declined a care package; self-funder advice and council contact given");
    ButtonKt._click(record);

    eventually("the triage task to be withdrawn", () -> db.sql(
            "select count(*) from user_task where root_instance_key = ? and element_id = 'Task_Triage' and state = 'CANCELED'")
        .param(referral.processInstanceKey()).query(Integer.class).single() == 1);
    assertThat(db.sql("select detail from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(String.class).single()).contains("patient-declined", "self-funder advice");
  }
}
