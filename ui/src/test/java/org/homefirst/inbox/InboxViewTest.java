package org.homefirst.inbox;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.homefirst.incident.ServiceHealth;
import org.homefirst.delay.Delays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The inbox views on the server, without a browser (Karibu-Testing), on the real services: every
 * form renders and what it returns passes the server's checks; a coordinator claims and completes
 * triage in the view; another team's task by URL is refused.
 */
class InboxViewTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired TaskInbox inbox;
  @Autowired ReferralIntake intake;
  @Autowired TaskBoard board;
  @Autowired Delays delays;
  @Autowired TaskForms forms;
  @Autowired FormCatalog catalog;
  @Autowired Clock clock;
  @Autowired SlaRules rules;
  @Autowired ServiceHealth health;

  // Karibu navigates to "" on setup and cannot build the Spring-injected MainLayout there; the
  // logged "Unable to create an instance of MainLayout" is expected. The views are built here
  // with the real services instead.
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
  void everyFormRendersAndWhatItReturnsPassesTheServersChecks() {
    assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(26);
    for (FormDefinition form : catalog.all()) {
      FormRenderer rendered = new FormRenderer(form, Map.of());
      UI.getCurrent().add(rendered);
      assertThat(rendered.values()).as(form.formKey()).doesNotContainKeys(
          form.fields().stream().filter(f -> !f.type().equals("checkbox") && f.initial() == null)
              .map(FormDefinition.Field::id).toArray(String[]::new));

      Map<String, String> empty = forms.problems(form.formKey(), rendered.values());
      assertThat(empty.keySet()).as(form.formKey()).containsExactlyInAnyOrderElementsOf(
          form.fields().stream()
              .filter(f -> (f.required() && !f.type().equals("checkbox") && f.initial() == null)
                  || (f.requiredWhen() != null && f.requiredWhen().holds(rendered.values(), Map.of())))
              .map(FormDefinition.Field::id).toList());
      rendered.showErrors(empty);

      for (FormDefinition.Field f : form.fields()) {
        fill(_get(rendered, AbstractField.class, spec -> spec.withAttribute("data-field", f.id())), f);
      }
      assertThat(forms.problems(form.formKey(), rendered.values())).as(form.formKey()).isEmpty();
      rendered.showErrors(Map.of());
      assertThat(_find(rendered, AbstractField.class)).allSatisfy(
          c -> assertThat(!(c instanceof HasValidation v) || !v.isInvalid()).isTrue());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void fill(AbstractField field, FormDefinition.Field f) {
    switch (field) {
      case Select s -> s.setValue(f.options().get(0).value());
      case Checkbox c -> c.setValue(true);
      case NumberField n -> n.setValue(f.min() == null ? 1.0 : f.min());
      case DatePicker d -> d.setValue(LocalDate.of(2026, 11, 23));
      case DateTimePicker d -> d.setValue(LocalDateTime.of(2026, 11, 23, 11, 0));
      case TextArea a -> a.setValue("Seen on the ward; lives alone; wants to go home.");
      case TextField t -> t.setValue("Cedar Lodge");
      default -> throw new AssertionError("no way to fill " + field);
    }
  }

  @Test
  void coordinatorTriagesThenConfirmsTheSuggestedPathwayInTheInboxView() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-queens");
    TaskFilter patient = new TaskFilter(null, null, null, null, false, nhs);
    eventually("the task", () -> inbox.count(JAD, new TaskInbox.Queue.AllVisible(), patient) == 1);
    signIn("jad.coordinator", "jad");

    InboxView view = new InboxView(inbox, board, clock, delays, rules, health);
    UI.getCurrent().add(view);
    view.queues.setSelectedIndex(2);
    view.search.setValue(nhs);
    assertThat(GridKt._size(view.grid)).isEqualTo(1);
    InboxTask task = GridKt._get(view.grid, 0);
    assertThat(task.referralId()).isEqualTo(id);
    assertThat(view.queues.getSelectedTab().getLabel()).startsWith("All I can see (");

    assertThat(view.queues.getTabAt(1).getLabel()).as("teams by name").startsWith("JAD (Joint Assessment and Discharge) (");
    assertThat(task.where()).isEqualTo("Queen's Hospital (BHRUT) · Ward 7");

    view.grid.select(task);
    assertThat(_find(view.detail, com.vaadin.flow.component.html.Paragraph.class)).as("the clock's rule, from the configured 24 h")
        .anySatisfy(p -> assertThat(p.getText()).startsWith("Due ").endsWith(": Triage within 24 h of referral (local standard)"));
    assertThat(_find(view.detail, com.vaadin.flow.component.html.Paragraph.class)).as("what claiming leads to")
        .anySatisfy(p -> assertThat(p.getText()).startsWith("Claim it to fill in “Triage"));
    ButtonKt._click(_get(view.detail, Button.class, spec -> spec.withText("Claim")));
    @SuppressWarnings("unchecked")
    Select<Object> mobility = (Select<Object>) (Select<?>) _get(view.detail, Select.class,
        spec -> spec.withAttribute("data-field", "mobility"));
    assertThat(mobility.getValue()).as("starts at the usual answer").isEqualTo("independent");
    mobility.setValue("help-of-two");
    ButtonKt._click(_get(view.detail, Button.class, spec -> spec.withText("Complete triage")));
    assertThat(view.detail.isVisible()).isFalse();

    InboxTask confirm = eventually("the pathway to confirm", () -> inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(), patient, 0, 5)
        .stream().filter(t -> t.elementId().equals("Task_ConfirmPathway")).findFirst().orElse(null));
    eventually("the suggestion to be exported", () -> inbox.variablesOf(confirm).get("suggestedPathway"));
    view.search.setValue("");
    view.search.setValue(nhs);
    view.grid.select(GridKt._get(view.grid, 0));
    ButtonKt._click(_get(view.detail, Button.class, spec -> spec.withText("Claim")));
    assertThat(_get(view.detail, com.vaadin.flow.component.html.Paragraph.class,
        spec -> spec.withAttribute("data-context", "suggestedPathway")).getElement().getTextRecursively()).endsWith("2");
    @SuppressWarnings("unchecked")
    Select<Object> pathway = (Select<Object>) (Select<?>) _get(view.detail, Select.class, spec -> spec.withAttribute("data-field", "pathway"));
    assertThat(pathway.getValue()).as("starts at the suggestion").isEqualTo(2);

    pathway.setValue(3);
    Button complete = _get(view.detail, Button.class, spec -> spec.withText("Confirm pathway"));
    ButtonKt._click(complete);
    TextArea reason = _get(view.detail, TextArea.class, spec -> spec.withAttribute("data-field", "pathwayOverrideReason"));
    assertThat(reason.isInvalid()).isTrue();
    assertThat(reason.getErrorMessage()).isEqualTo("give a reason for choosing a pathway other than the suggested one");
    assertThat(pathway.getValue()).as("nothing typed is lost").isEqualTo(3);

    reason.setValue("Family cannot manage at home; needs 24-hour care");
    ButtonKt._click(complete);

    assertThat(view.detail.isVisible()).isFalse();
    assertThat(db.sql("select count(*) from audit_event where action = 'COMPLETE' and referral_id = ?").param(id).query(Integer.class).single())
        .isEqualTo(2);
    assertThat(eventually("the journey to record the override", () -> db.sql(
            "select value from process_variable where scope_key = (select process_instance_key from referral where id = ?) and name = 'pathway'")
        .param(id).query(String.class).optional().orElse(null))).isEqualTo("3");
  }

  @Test
  void redbridgeTasksShowTheirLocalityAndTheQueueIsFilteredByIt() {
    String nhs = validNhsNumber();
    intake.receive(new ReferralRequest(nhs, "Ada", "Jones", "1941-03-02", "lbr", "bhrut-kgh", "Ward 7",
        "2026-11-20T09:30:00Z", null, "IG3 8AB"), "ward.nurse");
    TeamMember socialWorker = new TeamMember("lbr.socialworker", java.util.Set.of("lbr-hospital-sw"));
    TaskFilter patient = new TaskFilter(null, null, null, null, false, nhs);
    eventually("the triage task", () -> inbox.count(socialWorker, new TaskInbox.Queue.AllVisible(), patient) == 1);
    signIn("lbr.socialworker", "lbr-hospital-sw");

    InboxView view = new InboxView(inbox, board, clock, delays, rules, health);
    UI.getCurrent().add(view);
    view.queues.setSelectedIndex(2);
    view.search.setValue(nhs);
    assertThat(GridKt._size(view.grid)).isEqualTo(1);
    assertThat(GridKt._get(view.grid, 0).locality()).isEqualTo("Seven Kings");
    assertThat(GridKt._getFormattedRow(view.grid, 0)).as("the queue's locality column").contains("Seven Kings");

    view.locality.setValue(locality("fairlop"));
    assertThat(GridKt._size(view.grid)).as("another locality's queue").isZero();
    view.locality.setValue(locality("seven-kings"));
    assertThat(GridKt._size(view.grid)).as("the patient's locality").isEqualTo(1);
  }

  private TaskInbox.LocalityChoice locality(String id) {
    return inbox.localities().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void anotherTeamsTaskByUrlIsRefused() {
    String nhs = validNhsNumber();
    refer(nhs, "lbbd", "bhrut-kgh");
    InboxTask task = eventually("the task", () -> inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(),
        new TaskFilter(null, null, null, null, false, nhs), 0, 1).stream().findFirst().orElse(null));
    signIn("lbr.socialworker", "lbr-hospital-sw");

    TaskView view = new TaskView(inbox, delays, clock, rules);
    view.setParameter(null, String.valueOf(task.key()));

    assertThat(view.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(_find(view, Button.class, spec -> spec.withText("Claim"))).isEmpty();
  }

  private static void signIn(String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken(user, "demo", TeamMember.TEAM_PREFIX + team));
  }
}
