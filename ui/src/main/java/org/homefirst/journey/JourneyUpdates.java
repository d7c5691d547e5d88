package org.homefirst.journey;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.InvalidReferral;
import org.homefirst.referral.JourneyEvents;

/**
 * "Record what happened": things coordinators learn outside a task (a ward round's criteria to
 * reside review, a change of plan, readmission, a decision to decline support, a death) sent to
 * the running journey as the same events the API takes, checked the same way, and audited. A death
 * or a declined support ends the journey and tells every service: it is offered only to those who
 * may record it (ward staff, the patient's discharge team) and asked to be confirmed first.
 */
class JourneyUpdates extends Details {

  /** What can be recorded, with the event type it becomes. */
  enum Happening {
    CRITERIA("criteria-to-reside-reviewed", "Criteria to reside reviewed"),
    PATHWAY("pathway-changed", "Change of pathway"),
    READMITTED("patient-readmitted", "Readmitted"),
    ASSESSMENT_DECLINED("hospital-assessment-declined", "Declines further assessment in hospital"),
    DECLINED("patient-declined", "Declined support"),
    DIED("patient-died", "Died");

    final String type;
    final String label;

    Happening(String type, String label) {
      this.type = type;
      this.label = label;
    }
  }

  private final JourneyEvents events;
  private final UUID referral;
  private final String patient;
  private final TeamMember member;
  private final Runnable recorded;
  private final boolean inPathwayCare;
  final Select<Happening> what = new Select<>();
  private final VerticalLayout fields = new VerticalLayout();
  private final Map<String, Component> inputs = new LinkedHashMap<>();
  /** The question before a death or a declined support is recorded, while it is asked. */
  ConfirmDialog confirm;

  JourneyUpdates(JourneyEvents events, UUID referral, String patient, TeamMember member, boolean inPathwayCare,
      boolean mayRecordEnding, Runnable recorded) {
    super("Record what happened");
    this.events = events;
    this.referral = referral;
    this.patient = patient;
    this.member = member;
    this.recorded = recorded;
    this.inPathwayCare = inPathwayCare;
    what.setLabel("What happened");
    // A change of pathway or a readmission is caught only while a pathway is under way.
    what.setItems(java.util.Arrays.stream(Happening.values())
        .filter(h -> inPathwayCare
            || (h != Happening.PATHWAY && h != Happening.READMITTED && h != Happening.ASSESSMENT_DECLINED))
        .filter(h -> mayRecordEnding || !JourneyEvents.forCoordinatorsOnly(h.type)).toList());
    if (!mayRecordEnding) {
      what.setHelperText("A death, a declined support or a declined assessment is recorded by the ward staff or the"
          + " patient's discharge team");
    }
    what.setItemLabelGenerator(h -> h.label);
    what.setPlaceholder("Choose…");
    what.addValueChangeListener(e -> showFields(e.getValue()));
    fields.setPadding(false);
    fields.setSpacing(false);
    Button record = new Button("Record on the journey", e -> record());
    record.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    VerticalLayout box = new VerticalLayout(what, fields, record);
    box.setPadding(false);
    add(box);
    getElement().setAttribute("data-journey-updates", "true");
  }

  UUID referral() {
    return referral;
  }

  boolean inPathwayCare() {
    return inPathwayCare;
  }

  private void showFields(Happening h) {
    fields.removeAll();
    inputs.clear();
    if (h == null) {
      return;
    }
    switch (h) {
      case CRITERIA -> {
        Checkbox meets = new Checkbox("Still meets the criteria to reside (needs acute care today)");
        meets.setHelperText("Not meeting them starts the discharge ready date; meeting them again clears it");
        inputs.put("meetsCriteriaToReside", meets);
      }
      case PATHWAY -> {
        Select<Integer> pathway = new Select<>();
        pathway.setLabel("New pathway");
        pathway.setItems(0, 1, 2, 3);
        pathway.setItemLabelGenerator(p -> switch (p) {
          case 0 -> "0 – home, no new support";
          case 1 -> "1 – home with support (Home First)";
          case 2 -> "2 – community rehab bed";
          default -> "3 – 24-hour bed-based care";
        });
        inputs.put("newPathway", pathway);
        TextArea reason = new TextArea("Why");
        reason.setMaxLength(2000);
        reason.setWidthFull();
        inputs.put("pathwayChangeReason", reason);
        fields.add(new Paragraph("The current pathway's open work is cancelled and the new pathway starts."));
      }
      case READMITTED -> fields.add(new Paragraph("The pathway stops and the patient goes back to triage."));
      case ASSESSMENT_DECLINED -> {
        Select<Boolean> capacity = new Select<>();
        capacity.setLabel("Has capacity for this decision");
        capacity.setItems(true, false);
        capacity.setItemLabelGenerator(b -> b ? "Yes" : "No");
        capacity.setRequiredIndicatorVisible(true);
        inputs.put("hasCapacityForDecision", capacity);
        fields.add(new Paragraph("No more assessment in hospital: the patient goes home on pathway 1 (pathway 0 stays"
            + " 0) and their needs are assessed at home. You are recorded as the person who recorded it."));
      }
      case DECLINED -> {
        TextArea declined = new TextArea("Support declined, and the advice given");
        declined.setMaxLength(2000);
        declined.setWidthFull();
        inputs.put("declinedSupport", declined);
        fields.add(new Paragraph("Ends the journey: open requests to services are cancelled."));
      }
      case DIED -> fields.add(new Paragraph("Ends the journey and tells every service involved."));
    }
    inputs.forEach((id, c) -> {
      c.getElement().setAttribute("data-field", id);
      fields.add(c);
    });
  }

  private void record() {
    Happening h = what.getValue();
    if (h == null) {
      what.setInvalid(true);
      what.setErrorMessage("choose what happened");
      return;
    }
    what.setInvalid(false);
    Map<String, Object> values = new HashMap<>();
    inputs.forEach((id, c) -> {
      Object v = ((com.vaadin.flow.component.AbstractField<?, ?>) c).getValue();
      if (v instanceof String s && s.isBlank()) {
        v = null;
      }
      values.put(id, v);
    });
    if (!JourneyEvents.endsTheJourney(h.type)) {
      send(h, values);
      return;
    }
    // Checked before the question, so that nobody confirms something that would then be refused.
    try {
      Map<String, String> problems = events.problems(referral, h.type, values, member);
      if (!problems.isEmpty()) {
        showProblems(problems);
        return;
      }
    } catch (RuntimeException e) {
      show(e.getMessage(), true);
      return;
    }
    confirm = new ConfirmDialog();
    confirm.setHeader(h == Happening.DIED ? "Record that " + patient + " died?" : "Record that " + patient
        + " declined support?");
    confirm.setText("This ends the journey: open work is withdrawn and every service involved"
        + (h == Happening.DIED ? " and the GP are" : " is") + " told. It cannot be undone here.");
    confirm.setCancelable(true);
    confirm.setCancelText("Go back");
    confirm.setConfirmText(h == Happening.DIED ? "Record the death" : "Record the decision");
    confirm.setConfirmButtonTheme("error primary");
    confirm.addConfirmListener(e -> send(h, values));
    confirm.open();
  }

  private void send(Happening h, Map<String, Object> values) {
    try {
      events.publish(referral, h.type, values, member);
      show(h.label + " recorded on the journey", false);
      what.clear();
      recorded.run();
    } catch (InvalidReferral invalid) {
      showProblems(invalid.fieldErrors());
    } catch (RuntimeException e) {
      show(e.getMessage(), true);
    }
  }

  private void showProblems(Map<String, String> problems) {
    problems.forEach((id, message) -> {
      if (inputs.get(id) instanceof com.vaadin.flow.component.HasValidation v) {
        v.setInvalid(true);
        v.setErrorMessage(message);
      }
    });
    show("Some answers need attention", true);
  }

  private static void show(String text, boolean error) {
    Notification n = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
  }
}
