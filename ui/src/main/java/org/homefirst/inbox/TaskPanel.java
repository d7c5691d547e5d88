package org.homefirst.inbox;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.RouterLink;
import java.time.Clock;
import java.util.Map;
import org.homefirst.base.Formats;
import org.homefirst.delay.Delays;
import org.homefirst.journey.JourneyView;

/**
 * One task and everything a person can do with it: claim or release, complete its form, comment,
 * record a delay, and (team leads) assign it to a colleague.
 */
class TaskPanel extends VerticalLayout {

  private final TaskInbox inbox;
  private final Delays delays;
  private final Clock clock;
  private final TeamMember me;
  private final Runnable changed;

  private final SlaRules rules;

  TaskPanel(TaskInbox inbox, Delays delays, Clock clock, SlaRules rules, TeamMember me, Runnable changed) {
    this.rules = rules;
    this.inbox = inbox;
    this.delays = delays;
    this.clock = clock;
    this.me = me;
    this.changed = changed;
    setPadding(false);
    getElement().setAttribute("aria-label", "Selected task");
  }

  void show(InboxTask task) {
    removeAll();
    setVisible(task != null);
    if (task == null) {
      return;
    }
    add(new H3(task.name()));
    add(new Paragraph(task.patientName() + " · NHS " + Formats.nhsNumber(task.nhsNumber())));
    add(new Paragraph(task.where() + " · " + Teams.names(task.candidateGroups())));
    String rule = rules.forTaskWithSource(task).orElse(null);
    add(ClockBadge.of(task, clock.instant(), rule));
    if (task.dueAt() != null) {
      Paragraph due = new Paragraph("Due " + Formats.dateTime(task.dueAt())
          + (rule == null ? " (due time set for this task)" : ": " + rule));
      due.getElement().setAttribute("data-due", "");
      add(due);
    }
    var breach = inbox.breachOf(task);
    breach.ifPresent(b -> add(breach(b)));
    add(new Paragraph(ClockBadge.readyWords(task, clock.instant())));
    if (task.referralId() != null) {
      add(new RouterLink("Patient journey", JourneyView.class, task.referralId().toString()));
    }
    if (breach.isPresent() && !inbox.isLead(me)) {
      // Read-only: the service refuses a claim or completion by anyone else (and audits it).
      Paragraph leadsOnly = new Paragraph("Only team leads can act on a breach review. You can read it and add a comment.");
      leadsOnly.getElement().setAttribute("data-leads-only", "");
      add(leadsOnly);
    } else if (task.assignee() == null) {
      Button claim = new Button("Claim", e -> act(() -> inbox.claim(me, task.key()), "Claimed", task));
      claim.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      // Say what claiming leads to, so nobody claims blind; the form itself opens for the holder only.
      String formTitle = inbox.formOf(task).map(FormDefinition::title).orElse(null);
      Paragraph next = new Paragraph(formTitle == null ? "Claim it to work on it; colleagues then see it is yours."
          : "Claim it to fill in “" + formTitle + "”; colleagues then see it is yours.");
      next.getStyle().set("color", "var(--lumo-secondary-text-color)");
      add(claim, next);
    } else if (task.assignee().equals(me.username())) {
      add(new Paragraph("Claimed by you"));
      add(new Button("Release", e -> act(() -> inbox.unclaim(me, task.key()), "Released", task)));
      add(form(task));
    } else {
      add(new Paragraph("Claimed by " + task.assignee()));
    }
    if (inbox.isLead(me)) {
      add(assign(task));
    }
    add(comment(task), delay(task));
  }

  /** The breach a review is about, in words: rule, when it was due, who holds the patient, what to do. */
  private VerticalLayout breach(Breaches.Breach b) {
    VerticalLayout box = new VerticalLayout();
    box.setPadding(false);
    box.setSpacing(false);
    box.getElement().setAttribute("aria-label", "The breach");
    box.getElement().setAttribute("data-breach", "");
    box.add(line("Rule breached", b.rule(), "rule"),
        line("Was due", b.dueAt() == null ? "not recorded" : Formats.dateTime(b.dueAt()), "due"),
        line("Who holds the patient", b.holder(), "holder"),
        line("What to do", b.whatToDo(), "what-to-do"));
    return box;
  }

  private static Paragraph line(String label, String value, String attribute) {
    Paragraph p = new Paragraph();
    p.add(new com.vaadin.flow.component.html.Span(label + ": "));
    com.vaadin.flow.component.html.Span v = new com.vaadin.flow.component.html.Span(value);
    v.getStyle().set("font-weight", "600");
    p.add(v);
    p.getElement().setAttribute("data-breach-" + attribute, "");
    return p;
  }

  private VerticalLayout form(InboxTask task) {
    VerticalLayout box = new VerticalLayout();
    box.setPadding(false);
    var definition = inbox.formOf(task);
    if (definition.isEmpty()) {
      box.add(new Paragraph("There is no form for this kind of task yet (form “" + task.formKey()
          + "”). Complete it when the work is done; add a comment to say what was done."));
      Button done = new Button("Complete", e -> act(() -> inbox.complete(me, task.key(), Map.of()), "Completed", null));
      box.add(done);
      return box;
    }
    Map<String, Object> variables = inbox.variablesOf(task);
    if (definition.get().intro() != null) {
      box.add(new Paragraph(definition.get().intro()));
    }
    for (FormDefinition.Context c : definition.get().context()) {
      Object value = variables.get(c.variable());
      if (value != null) {
        Paragraph p = new Paragraph();
        p.add(new com.vaadin.flow.component.html.Span(c.label() + ": "));
        com.vaadin.flow.component.html.Span v = new com.vaadin.flow.component.html.Span(words(value));
        v.getStyle().set("font-weight", "600").set("white-space", "pre-wrap");
        p.add(v);
        p.getElement().setAttribute("data-context", c.variable());
        box.add(p);
      }
    }
    FormRenderer form = new FormRenderer(definition.get(), task.elementId(), variables);
    form.setWidthFull();
    Button complete = new Button(definition.get().submitLabel());
    complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    complete.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
    complete.addClickListener(
        e -> {
          try {
            inbox.complete(me, task.key(), form.values());
            notify(definition.get().doneMessage(), false);
            changed.run();
            show(null);
          } catch (TaskRefused r) {
            form.showErrors(r.fieldErrors());
            notify(r.getMessage(), true);
          }
        });
    box.add(form, complete);
    return box;
  }

  private Details assign(InboxTask task) {
    ComboBox<String> who = new ComboBox<>("Colleague");
    who.setItems(inbox.colleagues(task.candidateGroups()));
    Button assign = new Button("Assign", e -> act(() -> inbox.assign(me, task.key(), who.getValue()), "Assigned to " + who.getValue(), task));
    Details d = new Details("Assign to a colleague", new HorizontalLayout(who, assign));
    d.setWidthFull();
    ((HorizontalLayout) d.getContent().findFirst().orElseThrow()).setAlignItems(Alignment.BASELINE);
    return d;
  }

  private Details comment(InboxTask task) {
    TextArea text = new TextArea("Comment (everyone on the journey sees it)");
    text.setMaxLength(2000);
    text.setWidthFull();
    Button add = new Button("Add comment");
    add.addClickListener(e -> {
      try {
        inbox.comment(me, task.key(), text.getValue());
        text.clear();
        text.setInvalid(false);
        notify("Comment added", false);
      } catch (TaskRefused r) {
        text.setInvalid(true);
        text.setErrorMessage(r.fieldErrors().getOrDefault("comment", r.getMessage()));
        notify(r.getMessage(), true);
      }
    });
    VerticalLayout box = new VerticalLayout(text, add);
    box.setPadding(false);
    box.setWidthFull();
    Details d = new Details("Add a comment", box);
    d.setWidthFull();
    return d;
  }

  private Details delay(InboxTask task) {
    Select<Object> reason = select("delayReason");
    Select<Object> attribution = select("delayAttribution");
    Select<Object> setting = select("delaySetting");
    TextArea note = new TextArea("Note");
    note.setMaxLength(2000);
    note.setWidthFull();
    Button record = new Button("Record delay");
    record.addClickListener(e -> {
      try {
        inbox.recordDelay(me, task.key(), (String) reason.getValue(), (String) attribution.getValue(),
            (String) setting.getValue(), note.getValue());
        notify("Delay recorded on the journey", false);
        reason.clear();
        attribution.clear();
        setting.clear();
        note.clear();
        for (Select<Object> s : java.util.List.of(reason, attribution, setting)) {
          s.setInvalid(false);
        }
      } catch (TaskRefused r) {
        reason.setInvalid(r.fieldErrors().containsKey("delayReason"));
        reason.setErrorMessage(r.fieldErrors().get("delayReason"));
        attribution.setInvalid(r.fieldErrors().containsKey("delayAttribution"));
        attribution.setErrorMessage(r.fieldErrors().get("delayAttribution"));
        setting.setInvalid(r.fieldErrors().containsKey("delaySetting"));
        setting.setErrorMessage(r.fieldErrors().get("delaySetting"));
        notify(r.getMessage(), true);
      }
    });
    VerticalLayout box = new VerticalLayout(reason, attribution, setting, note, record);
    box.setPadding(false);
    box.setWidthFull();
    box.setSpacing(false);
    Details d = new Details("Record a delay", box);
    d.setWidthFull();
    return d;
  }

  private Select<Object> select(String field) {
    FormDefinition.Field f = delays.form().field(field).orElseThrow();
    Select<Object> s = new Select<>();
    s.setLabel(f.label());
    s.setItems(f.options().stream().map(FormDefinition.Option::value).toList());
    s.setItemLabelGenerator(v -> v == null ? "—" : f.option(v).map(FormDefinition.Option::label).orElse(String.valueOf(v)));
    s.setRequiredIndicatorVisible(true);
    s.setWidthFull();
    return s;
  }

  private void act(Runnable action, String done, InboxTask reopen) {
    try {
      action.run();
      notify(done, false);
      changed.run();
      if (reopen != null) {
        inbox.find(me, reopen.key()).ifPresentOrElse(this::show, () -> show(null));
      } else {
        show(null);
      }
    } catch (TaskRefused r) {
      notify(r.getMessage(), true);
    }
  }

  /** A journey value as people say it: yes/no, "Pathway 2" for an assessment kind, a team or partner by name. */
  static String words(Object value) {
    return switch (value) {
      case Boolean b -> b ? "Yes" : "No";
      case String s when s.matches("pathway-[0-3]") -> "Pathway " + s.substring("pathway-".length());
      case String s -> Teams.name(s);
      default -> String.valueOf(value);
    };
  }

  static void notify(String text, boolean error) {
    Notification n = Notification.show(text, 4000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(error ? NotificationVariant.LUMO_ERROR : NotificationVariant.LUMO_SUCCESS);
  }
}
