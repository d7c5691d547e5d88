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
  @Autowired TaskBoard board;
  @Autowired Delays delays;
  @Autowired TaskForms forms;
  @Autowired FormCatalog catalog;
  @Autowired Clock clock;

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
      FormRenderer rendered = new FormRenderer(form);
      UI.getCurrent().add(rendered);
      assertThat(rendered.values()).as(form.formKey()).doesNotContainKeys(
          form.fields().stream().filter(f -> !f.type().equals("checkbox")).map(FormDefinition.Field::id).toArray(String[]::new));

      Map<String, String> empty = forms.problems(form.formKey(), rendered.values());
      assertThat(empty.keySet()).as(form.formKey()).containsExactlyInAnyOrderElementsOf(
          form.fields().stream().filter(f -> f.required() && !f.type().equals("checkbox")).map(FormDefinition.Field::id).toList());
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
  void coordinatorClaimsAndCompletesTriageInTheInboxView() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-queens");
    eventually("the task", () -> inbox.count(JAD, new TaskInbox.Queue.AllVisible(), new TaskFilter(null, null, null, null, false, nhs)) == 1);
    signIn("jad.coordinator", "jad");

    InboxView view = new InboxView(inbox, board, clock, delays);
    UI.getCurrent().add(view);
    view.queues.setSelectedIndex(2);
    view.search.setValue(nhs);
    assertThat(GridKt._size(view.grid)).isEqualTo(1);
    InboxTask task = GridKt._get(view.grid, 0);
    assertThat(task.referralId()).isEqualTo(id);
    assertThat(view.queues.getSelectedTab().getLabel()).startsWith("All I can see (");

    view.grid.select(task);
    ButtonKt._click(_get(view.detail, Button.class, spec -> spec.withText("Claim")));
    Button complete = _get(view.detail, Button.class, spec -> spec.withText("Complete triage"));
    ButtonKt._click(complete);
    Select<?> pathway = _get(view.detail, Select.class, spec -> spec.withLabel("Pathway"));
    assertThat(pathway.isInvalid()).isTrue();
    assertThat(pathway.getErrorMessage()).isEqualTo("choose a pathway from 0 to 3");

    ((Select<Object>) (Select<?>) pathway).setValue(1);
    _get(view.detail, TextArea.class, spec -> spec.withLabel("Notes for the ward and receiving team")).setValue("Reablement");
    ButtonKt._click(complete);

    assertThat(inbox.count(JAD, new TaskInbox.Queue.AllVisible(), new TaskFilter(null, null, null, null, false, nhs))).isZero();
    assertThat(view.detail.isVisible()).isFalse();
    assertThat(db.sql("select count(*) from audit_event where action = 'COMPLETE' and referral_id = ?").param(id).query(Integer.class).single())
        .isEqualTo(1);
  }

  @Test
  void anotherTeamsTaskByUrlIsRefused() {
    String nhs = validNhsNumber();
    refer(nhs, "lbbd", "bhrut-kgh");
    InboxTask task = eventually("the task", () -> inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(),
        new TaskFilter(null, null, null, null, false, nhs), 0, 1).stream().findFirst().orElse(null));
    signIn("lbr.socialworker", "lbr-hospital-sw");

    TaskView view = new TaskView(inbox, delays, clock);
    view.setParameter(null, String.valueOf(task.key()));

    assertThat(view.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(_find(view, Button.class, spec -> spec.withText("Claim"))).isEmpty();
  }

  private static void signIn(String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(
        new TestingAuthenticationToken(user, "demo", TeamMember.TEAM_PREFIX + team));
  }
}
