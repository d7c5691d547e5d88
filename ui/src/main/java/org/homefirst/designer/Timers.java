package org.homefirst.designer;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.xml.instance.ModelElementInstance;

/**
 * Timer values written as literals, checked as the engine will read them when the timer starts:
 * the engine deploys a model with a timer of "in two days" and fails only when a journey reaches
 * it. Values from expressions (${reablementStartWithin}) are checked where they are configured.
 */
final class Timers {

  private Timers() {}

  static List<DraftValidation.Message> problems(BpmnModelInstance model) {
    List<DraftValidation.Message> problems = new ArrayList<>();
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      ModelElementInstance event = timer.getParentElement();
      String id = event != null && event.getAttributeValue("id") != null ? event.getAttributeValue("id")
          : timer.getId();
      if (timer.getTimeDuration() == null && timer.getTimeDate() == null && timer.getTimeCycle() == null) {
        problems.add(new DraftValidation.Message(id, "The timer has no duration, date or cycle", 0));
        continue;
      }
      check(id, timer.getTimeDuration() == null ? null : timer.getTimeDuration().getTextContent(), "duration",
          problems);
      check(id, timer.getTimeDate() == null ? null : timer.getTimeDate().getTextContent(), "date", problems);
      check(id, timer.getTimeCycle() == null ? null : timer.getTimeCycle().getTextContent(), "cycle", problems);
    }
    return problems;
  }

  private static void check(String id, String value, String kind, List<DraftValidation.Message> problems) {
    if (value == null) {
      return;
    }
    String v = value.trim();
    if (v.contains("${") || v.contains("#{")) {
      return;
    }
    boolean valid = switch (kind) {
      case "duration" -> duration(v);
      case "date" -> date(v);
      default -> cycle(v);
    };
    if (!valid) {
      String example = switch (kind) {
        case "duration" -> "an ISO 8601 duration such as PT48H or P2D";
        case "date" -> "an ISO 8601 date and time such as 2026-12-01T09:00:00Z";
        default -> "an ISO 8601 repetition such as R3/PT1H, or a cron expression";
      };
      problems.add(new DraftValidation.Message(id, "The timer's " + kind + " \"" + v + "\" is not " + example, 0));
    }
  }

  static boolean duration(String v) {
    try {
      DatatypeFactory.newInstance().newDuration(v);
      return !v.isEmpty();
    } catch (IllegalArgumentException | DatatypeConfigurationException e) {
      return false;
    }
  }

  static boolean date(String v) {
    try {
      OffsetDateTime.parse(v);
      return true;
    } catch (DateTimeParseException e) {
      try {
        LocalDateTime.parse(v);
        return true;
      } catch (DateTimeParseException e2) {
        return false;
      }
    }
  }

  static boolean cycle(String v) {
    if (v.startsWith("R")) {
      String[] parts = v.split("/");
      if (parts.length < 2 || !parts[0].substring(1).chars().allMatch(Character::isDigit)) {
        return false;
      }
      for (int i = 1; i < parts.length; i++) {
        if (!duration(parts[i]) && !date(parts[i])) {
          return false;
        }
      }
      return true;
    }
    int fields = v.split("\\s+").length;
    return fields == 6 || fields == 7;
  }
}
