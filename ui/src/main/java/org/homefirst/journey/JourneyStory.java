package org.homefirst.journey;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.homefirst.base.Formats;
import org.homefirst.inbox.FormDefinition;
import org.homefirst.inbox.Teams;

/**
 * A journey's timeline told for people: who did what and when, what was decided (in the words of
 * the task's form), partners' decisions, clocks that ran out, incidents, delays and the journey's
 * end. The engine's bookkeeping (unnamed elements, start and end events, gateways, script and rule
 * steps, the engine's half of a task people completed, a message also recorded by the person who
 * sent it) is kept as engine detail, shown on demand.
 */
final class JourneyStory {

  /**
   * One row of the timeline. {@code story}: shown by default, else only with engine detail;
   * {@code fullDetail}: the whole detail where {@code detail} is shortened (else null).
   */
  record Line(Instant at, String what, String who, boolean byEngine, String detail, String fullDetail, boolean story) {

    /** Who, as read with or without engine detail: the engine's own steps are "Home First" only with it. */
    String who(boolean engineDetail) {
      return who.isEmpty() && byEngine && engineDetail ? "Home First" : who;
    }
  }

  /** Longest answer or comment shown in full in a row; longer ones end with an ellipsis. */
  static final int SHORT = 80;

  private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.UK);
  private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.UK);
  private static final String PARTNER_DECIDED = "homefirst.partner-decided";

  private final Function<String, Optional<FormDefinition>> forms;
  private final Predicate<String> clocks;

  /**
   * @param forms the form of a form key (the inbox's catalogue)
   * @param clocks whether a timer event is one of the journey's clocks (it has a service standard,
   *     {@code SlaRules}); other timers, such as the daily delay check, are the engine's bookkeeping
   */
  JourneyStory(Function<String, Optional<FormDefinition>> forms, Predicate<String> clocks) {
    this.forms = forms;
    this.clocks = clocks;
  }

  /** The timeline of a journey's steps (in time order), {@code rootInstanceKey} its root process instance. */
  List<Line> tell(List<JourneyEntry> steps, Long rootInstanceKey) {
    Reading reading = new Reading(rootInstanceKey);
    for (JourneyEntry e : steps) {
      if ("TASK_COMPLETED".equals(e.kind()) && e.elementId() != null) {
        reading.completedByPeople.merge(e.elementId(), 1, Integer::sum);
      } else if (e.kind().startsWith("EVENT_")) {
        reading.sentByPeople.merge(messageOf(e.kind()), 1, Integer::sum);
      }
    }
    List<Line> lines = new ArrayList<>();
    for (JourneyEntry e : steps) {
      Line line = line(e, reading);
      if (line != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** What has been read so far of one journey, to pair steps told twice. */
  private static final class Reading {
    final Long root;
    final Map<String, Integer> completedByPeople = new HashMap<>();
    final Map<String, Integer> sentByPeople = new HashMap<>();
    final Map<Long, String> lastEnd = new HashMap<>();
    String calledOutcome;

    Reading(Long root) {
      this.root = root;
    }

    static boolean take(Map<String, Integer> counts, String key) {
      Integer left = counts.get(key);
      if (left == null || left == 0) {
        return false;
      }
      counts.put(key, left - 1);
      return true;
    }
  }

  private Line line(JourneyEntry e, Reading reading) {
    String name = e.elementName() != null ? e.elementName() : Objects.toString(e.elementId(), "");
    return switch (e.kind()) {
      case "ELEMENT_ACTIVATED", "ELEMENT_COMPLETED", "ELEMENT_TERMINATED" -> element(e, reading);
      case "REFERRAL_RECEIVED", "DELAY_RECORDED" -> story(e, e.describe(), text(e.detail()));
      case "TASK_CLAIMED", "TASK_UNCLAIMED" -> story(e, e.describe(), Text.NONE);
      case "TASK_COMPLETED" -> story(e, e.describe(), decision(e));
      case "TASK_ASSIGNED", "JOB_FAILED", "INCIDENT_CREATED", "COMMENT_ADDED" -> story(e, e.describe(), text(e.detail()));
      case "INCIDENT_RESOLVED" -> story(e, "Operator resolved: " + name, Text.NONE);
      case "INCIDENT_RETRIED" -> story(e, "Retry asked for by " + e.actor(), Text.NONE);
      case "JOB_ERROR_THROWN" -> story(e, "Declined: " + name, text(afterCode(e.detail())));
      // A timer without a service standard (the daily delay check, every day of a long stay) is bookkeeping:
      // what it finds, a delay to record, is the story.
      case "TIMER_TRIGGERED" -> e.elementId() == null || !clocks.test(e.elementId()) ? engine(e)
          : story(e, (e.elementId().endsWith("Sla") ? "SLA breached: " : "Time reached: ") + name, Text.NONE);
      case "MESSAGE_CORRELATED" -> message(e, reading);
      default -> e.kind().startsWith("EVENT_")
          ? story(e, sentence(e.kind().substring("EVENT_".length()).toLowerCase(Locale.ROOT).replace('_', ' ')),
              answers(e.detail()))
          : story(e, e.describe(), text(e.detail()));
    };
  }

  private Line element(JourneyEntry e, Reading reading) {
    String type = Objects.toString(e.elementType(), "");
    boolean activated = e.kind().equals("ELEMENT_ACTIVATED");
    boolean completed = e.kind().equals("ELEMENT_COMPLETED");
    if (type.equals("END_EVENT") && completed && e.named() && e.instanceKey() != null) {
      reading.lastEnd.put(e.instanceKey(), e.elementName());
    }
    if (type.equals("PROCESS")) {
      String outcome = e.instanceKey() == null ? null : reading.lastEnd.remove(e.instanceKey());
      if (e.instanceKey() != null && e.instanceKey().equals(reading.root)) {
        return story(e, completed ? "Journey ended" : "Journey stopped", text(outcome));
      }
      reading.calledOutcome = outcome;
      return null;
    }
    if (!e.named()) {
      return engine(e);
    }
    String name = e.elementName();
    if (e.kind().equals("ELEMENT_TERMINATED")) {
      return switch (type) {
        case "USER_TASK" -> story(e, "Task withdrawn: " + name, Text.NONE);
        case "SERVICE_TASK", "SEND_TASK", "RECEIVE_TASK", "CALL_ACTIVITY" -> story(e, "Stopped: " + name, Text.NONE);
        default -> engine(e);
      };
    }
    return switch (type) {
      case "USER_TASK" -> {
        if (activated) {
          yield story(e, (e.teams().isEmpty() ? "New task" : "Waiting for " + Teams.names(e.teams())) + ": " + name, Text.NONE);
        }
        yield Reading.take(reading.completedByPeople, e.elementId())
            ? engine(e)
            : story(e, "Task completed: " + name, text("outside Home First"));
      }
      case "SERVICE_TASK", "SEND_TASK" -> completed ? story(e, "Done: " + name, Text.NONE) : engine(e);
      case "RECEIVE_TASK" -> activated ? story(e, name, Text.NONE) : engine(e);
      case "CALL_ACTIVITY" -> {
        if (activated) {
          yield story(e, "Started: " + name, Text.NONE);
        }
        String outcome = reading.calledOutcome;
        reading.calledOutcome = null;
        yield story(e, "Finished: " + name, text(outcome));
      }
      case "BUSINESS_RULE_TASK" -> completed ? story(e, "Decided by rules: " + name, Text.NONE) : engine(e);
      default -> engine(e);
    };
  }

  private Line message(JourneyEntry e, Reading reading) {
    JourneyEntry.PartnerDecision decision = e.partnerDecision();
    String message = Objects.toString(e.elementType(), "");
    if (decision != null) {
      String partner = partnerName(decision.system());
      return decision.accepted()
          ? story(e, partner + " accepted", Text.NONE, partner)
          : story(e, partner + " declined", text(decision.reason()), partner);
    }
    if (message.equals(PARTNER_DECIDED)) {
      return story(e, "Partner decision received", Text.NONE);
    }
    if (Reading.take(reading.sentByPeople, message)) {
      return engine(e);
    }
    return story(e, sentence(message.replaceFirst("^homefirst\\.", "").replace('-', ' ')), Text.NONE);
  }

  /** What a partner system is called on screens: NELFT, or the team's name (a council, a voluntary service). */
  static String partnerName(String system) {
    if (system == null) {
      return "Partner";
    }
    return switch (system) {
      case "nelft" -> "NELFT";
      case "voluntary" -> "Voluntary services";
      case "notify" -> "GOV.UK Notify";
      default -> Teams.name(system.replaceFirst("^voluntary-", ""));
    };
  }

  /**
   * The answers of a completed task in the words of its form ("Pathway: 2 – community rehab bed;
   * ..."), in the form's order; the stored text when the form or an answer cannot be matched.
   */
  Text decision(JourneyEntry e) {
    Optional<FormDefinition> form = forms.apply(e.formKey());
    List<String[]> pairs = form.isEmpty() ? null : pairs(e.detail(), form.get());
    if (pairs == null) {
      return text(e.detail());
    }
    FormDefinition f = form.get();
    List<String> shown = new ArrayList<>();
    List<String> full = new ArrayList<>();
    pairs.stream()
        .sorted(Comparator.comparingInt(p -> f.fields().indexOf(f.field(p[0]).orElseThrow())))
        .forEach(p -> {
          FormDefinition.Field field = f.field(p[0]).orElseThrow();
          String value = value(field, p[1]);
          if (!value.isEmpty()) {
            shown.add(field.label() + ": " + shorten(value));
            full.add(field.label() + ": " + value);
          }
        });
    return words(shown, full);
  }

  /**
   * "key=value, key=value" as written by the inbox, split where a field of the form starts (so an
   * answer may itself contain ", "); null when the text does not start with a field of the form.
   */
  private static List<String[]> pairs(String summary, FormDefinition form) {
    if (summary == null || summary.isBlank()) {
      return null;
    }
    List<String[]> pairs = new ArrayList<>();
    for (String piece : summary.split(", (?=[A-Za-z_][A-Za-z0-9_]*=)")) {
      int eq = piece.indexOf('=');
      if (eq > 0 && form.field(piece.substring(0, eq)).isPresent()) {
        pairs.add(new String[] {piece.substring(0, eq), piece.substring(eq + 1)});
      } else if (pairs.isEmpty()) {
        return null;
      } else {
        String[] last = pairs.getLast();
        last[1] = last[1] + ", " + piece;
      }
    }
    return pairs;
  }

  /** An answer in words: yes/no, the chosen option's label, a UK date and time, else as given. */
  private static String value(FormDefinition.Field field, String raw) {
    if (raw == null || raw.isBlank() || raw.equals("null")) {
      return "";
    }
    if (!field.options().isEmpty()) {
      Optional<FormDefinition.Option> option = field.option(raw);
      if (option.isEmpty()) {
        try {
          option = field.option(Double.valueOf(raw));
        } catch (NumberFormatException notANumber) {
          // a text value that is not an option: shown as given
        }
      }
      if (option.isPresent()) {
        return option.get().label();
      }
    }
    return plain(raw);
  }

  /** A value without a form: yes/no for booleans, UK date-times, else as given. */
  private static String plain(String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return raw.equals("true") ? "yes" : "no";
    }
    try {
      return Formats.dateTime(OffsetDateTime.parse(raw).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      // try the next form
    }
    try {
      return LOCAL_DATE_TIME.format(LocalDateTime.parse(raw));
    } catch (DateTimeParseException notLocal) {
      // try the next form
    }
    try {
      return LOCAL_DATE.format(LocalDate.parse(raw));
    } catch (DateTimeParseException notADate) {
      return raw;
    }
  }

  /** A journey event's values ("{meetsCriteriaToReside=false, reviewedAt=...}") in words. */
  static Text answers(String values) {
    if (values == null || values.isBlank()) {
      return Text.NONE;
    }
    String inner = values.strip().replaceFirst("^\\{", "").replaceFirst("}$", "");
    List<String> shown = new ArrayList<>();
    List<String> full = new ArrayList<>();
    for (String piece : inner.split(", (?=[A-Za-z_][A-Za-z0-9_]*=)")) {
      int eq = piece.indexOf('=');
      if (eq <= 0) {
        return text(values);
      }
      String label = sentence(piece.substring(0, eq).replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
      String value = plain(piece.substring(eq + 1));
      shown.add(label + ": " + shorten(value));
      full.add(label + ": " + value);
    }
    return words(shown, full);
  }

  /** A row's detail: what is shown, and the whole of it where that is shortened (else null). */
  record Text(String shown, String full) {
    static final Text NONE = new Text("", null);
  }

  private static Text words(List<String> shown, List<String> full) {
    String s = String.join("; ", shown);
    String f = String.join("; ", full);
    return new Text(s, s.equals(f) ? null : f);
  }

  private static Text text(String detail) {
    if (detail == null || detail.isBlank()) {
      return Text.NONE;
    }
    String s = shorten(detail.strip());
    return new Text(s, s.equals(detail.strip()) ? null : detail.strip());
  }

  static String shorten(String s) {
    return s.length() <= SHORT ? s : s.substring(0, SHORT - 1).stripTrailing() + "…";
  }

  private static String sentence(String words) {
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** "homefirst.rejected: no bed" → "no bed": the reason without the BPMN error code. */
  private static String afterCode(String detail) {
    if (detail == null) {
      return null;
    }
    int colon = detail.indexOf(": ");
    return colon < 0 ? detail : detail.substring(colon + 2);
  }

  /** The message a journey event recorded by people was sent as (EVENT_PATIENT_DIED: homefirst.patient-died). */
  private static String messageOf(String kind) {
    return "homefirst." + kind.substring("EVENT_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static Line story(JourneyEntry e, String what, Text detail) {
    return story(e, what, detail, Objects.toString(e.actor(), ""));
  }

  private static Line story(JourneyEntry e, String what, Text detail, String who) {
    return new Line(e.at(), what, who, e.byEngine(), detail.shown(), detail.full(), true);
  }

  /** A step shown only with engine detail: as the engine tells it, with the element's id and type. */
  private static Line engine(JourneyEntry e) {
    String detail = e.kind().startsWith("ELEMENT_")
        ? e.elementId() + (e.elementType() == null ? "" : " · " + e.elementType().toLowerCase(Locale.ROOT).replace('_', ' '))
        : Objects.toString(e.detail(), "");
    return new Line(e.at(), e.describe(), Objects.toString(e.actor(), ""), e.byEngine(), detail, null, false);
  }
}
