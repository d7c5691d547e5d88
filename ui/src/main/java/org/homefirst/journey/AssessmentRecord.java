package org.homefirst.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.homefirst.base.Formats;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.FormDefinition;
import org.homefirst.inbox.Teams;
import org.homefirst.processes.ProcessVariables;
import org.homefirst.referral.Referral;

/**
 * What the journey page tells of the assessment of the patient, in the words of the forms that
 * recorded it: the triage facts behind the suggested pathway, the structured trusted assessment
 * (who assessed, each domain, the flaws the receiving service found) and a decision to decline
 * further assessment in hospital. Staff read it instead of asking the patient the same again.
 */
final class AssessmentRecord {

  static final String TRIAGE_FORM = "homefirst:triage";
  static final String ASSESSMENT_FORM = "homefirst:trusted-assessment";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, Optional<FormDefinition>> forms;
  private final FormCatalog catalog;

  AssessmentRecord(FormCatalog catalog) {
    this.catalog = catalog;
    this.forms = catalog::of;
  }

  /** The sections, headed, for the journey of this referral (none when nothing was recorded yet). */
  List<Component> sections(Referral r, JourneyLog journey) {
    List<String> names = new ArrayList<>(ProcessVariables.TRIAGE_FACTS);
    names.add("suggestedPathway");
    names.add(ProcessVariables.ASSESSOR_PROFESSION);
    ProcessVariables.ASSESSMENT_DOMAINS.forEach(d -> names.add(d.variable()));
    names.add("trustedAssessment");
    names.add(ProcessVariables.ASSESSMENT_FLAWS);
    names.add("assessmentsDone");
    names.add(ProcessVariables.HOSPITAL_ASSESSMENT_DECLINED);
    Map<String, Object> values = new java.util.HashMap<>();
    journey.variables(r, names).forEach((name, json) -> {
      Object value = parse(json);
      if (value != null) {
        values.put(name, value);
      }
    });
    List<Component> out = new ArrayList<>();
    triageFacts(values, out);
    trustedAssessment(values, journey.completedBy(r, "Task_TrustedAssessment"), out);
    declined(values, out);
    return out;
  }

  private void triageFacts(Map<String, Object> values, List<Component> out) {
    if (ProcessVariables.TRIAGE_FACTS.stream().noneMatch(values::containsKey)) {
      return;
    }
    out.add(new H3("Triage facts"));
    UnorderedList facts = list("triage-facts", "Triage facts");
    for (String fact : ProcessVariables.TRIAGE_FACTS) {
      field(TRIAGE_FORM, fact).ifPresent(f -> facts.add(item(f.label(), values.containsKey(fact)
          ? inWords(f, values.get(fact)) : "not recorded", fact)));
    }
    out.add(facts);
    if (values.get("suggestedPathway") != null) {
      out.add(new Paragraph("From these facts the suggested pathway was " + number(values.get("suggestedPathway"))
          + "; the pathway the team confirmed is in the header, and any override's reason in the timeline."));
    }
  }

  private void trustedAssessment(Map<String, Object> values, Optional<String> assessor, List<Component> out) {
    boolean structured = values.containsKey(ProcessVariables.ASSESSOR_PROFESSION)
        || ProcessVariables.ASSESSMENT_DOMAINS.stream().anyMatch(d -> values.containsKey(d.variable()));
    List<?> flaws = values.get(ProcessVariables.ASSESSMENT_FLAWS) instanceof List<?> l ? l : List.of();
    if (!structured && !values.containsKey("trustedAssessment") && flaws.isEmpty()) {
      return;
    }
    out.add(new H3("Trusted assessment"));
    String profession = Optional.ofNullable(values.get(ProcessVariables.ASSESSOR_PROFESSION))
        .map(p -> choice(ASSESSMENT_FORM, ProcessVariables.ASSESSOR_PROFESSION, p)).orElse(null);
    Paragraph by = new Paragraph("Assessed by " + assessor.orElse("the assessor")
        + (profession == null ? "" : " (" + profession + ")") + " on behalf of the receiving service"
        + (values.get("assessmentsDone") instanceof List<?> done && !done.isEmpty()
            ? "; accepted for " + String.join(", ", done.stream().map(AssessmentRecord::kind).toList()) : "")
        + ".");
    by.getElement().setAttribute("data-assessor", assessor.orElse(""));
    out.add(by);
    UnorderedList domains = list("assessment-domains", "Trusted assessment by domain");
    Stream.concat(ProcessVariables.ASSESSMENT_DOMAINS.stream().map(ProcessVariables.AssessmentDomain::variable),
            Stream.of("trustedAssessment"))
        .forEach(variable -> field(ASSESSMENT_FORM, variable).ifPresent(f -> {
          if (values.containsKey(variable) || !"trustedAssessment".equals(variable)) {
            domains.add(item(f.label().replace(" (optional)", ""),
                values.containsKey(variable) ? String.valueOf(values.get(variable)) : "not recorded", variable));
          }
        }));
    out.add(domains);
    if (!flaws.isEmpty()) {
      UnorderedList flawed = list("assessment-flaws", "Flaws the receiving service found");
      for (Object o : flaws) {
        if (o instanceof Map<?, ?> flaw) {
          String domain = flaw.get("domain") == null ? "no domain named"
              : choice("homefirst:review-trusted-assessment", ProcessVariables.FLAW_DOMAIN, flaw.get("domain"));
          ListItem li = new ListItem("Flagged as flawed" + when(flaw.get("at")) + " by "
              + Teams.name(String.valueOf(flaw.get("flaggedBy"))) + " (" + kind(flaw.get("kind")) + "), in "
              + domain + ": " + flaw.get("reason"));
          li.getElement().setAttribute("data-domain", String.valueOf(flaw.get("domain")));
          flawed.add(li);
        }
      }
      out.add(new Paragraph("Flaws found by the receiving service (each went back to the assessor):"));
      out.add(flawed);
    }
  }

  private void declined(Map<String, Object> values, List<Component> out) {
    if (!(values.get(ProcessVariables.HOSPITAL_ASSESSMENT_DECLINED) instanceof Map<?, ?> d)) {
      return;
    }
    out.add(new H3("Assessment in hospital declined"));
    Object capacity = d.get("hasCapacityForDecision");
    Paragraph p = new Paragraph("The patient declined further assessment in hospital" + when(d.get("at"))
        + "; has capacity for this decision: " + (Boolean.TRUE.equals(capacity) ? "yes"
            : Boolean.FALSE.equals(capacity) ? "no" : "not recorded")
        + "; recorded by " + (d.get("recordedBy") == null ? "not recorded" : d.get("recordedBy"))
        + ". Their needs are assessed at home after discharge, on pathway "
        + (Integer.valueOf(0).equals(d.get("onPathway")) ? "0" : "1") + ".");
    p.getElement().setAttribute("data-assessment-declined", "true");
    out.add(p);
  }

  private Optional<FormDefinition.Field> field(String formKey, String id) {
    return forms.apply(formKey).flatMap(f -> f.field(id));
  }

  private String choice(String formKey, String fieldId, Object value) {
    return field(formKey, fieldId).flatMap(f -> f.option(value)).map(FormDefinition.Option::label)
        .or(() -> catalog.choiceInWords(fieldId, value)).orElse(String.valueOf(value));
  }

  private static String inWords(FormDefinition.Field f, Object value) {
    if (value instanceof Boolean b) {
      return b ? "Yes" : "No";
    }
    return f.option(value).map(FormDefinition.Option::label).orElse(String.valueOf(value));
  }

  private static UnorderedList list(String id, String label) {
    UnorderedList list = new UnorderedList();
    list.setId(id);
    list.getElement().setAttribute("aria-label", label);
    return list;
  }

  private static ListItem item(String label, String value, String variable) {
    Span name = new Span(label + ": ");
    name.getStyle().set("font-weight", "600");
    Span text = new Span(value);
    text.getStyle().set("white-space", "pre-wrap");
    ListItem li = new ListItem(name, text);
    li.getElement().setAttribute("data-variable", variable);
    return li;
  }

  private static String kind(Object kind) {
    String k = String.valueOf(kind);
    return k.matches("pathway-[0-3]") ? "pathway " + k.substring("pathway-".length()) : k;
  }

  private static String number(Object n) {
    return n instanceof Number x ? String.valueOf(x.intValue()) : String.valueOf(n);
  }

  private static String when(Object at) {
    if (at == null) {
      return "";
    }
    try {
      Instant instant = OffsetDateTime.parse(String.valueOf(at)).toInstant();
      return " on " + Formats.dateTime(instant);
    } catch (DateTimeParseException e) {
      return "";
    }
  }

  private static Object parse(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      return json;
    }
  }
}
