package org.homefirst.workers.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.jobs.JobTopics;
import org.homefirst.workers.jobs.JobWorker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the GP, the named contact and the services involved what happened: the discharge
 * ({@code homefirst.notifications.notify-discharge}), the end of the journey
 * ({@code homefirst.notifications.notify-journey-complete}) and a death
 * ({@code homefirst.notifications.notify-death}). Every delivery is a row of {@code notification}
 * keyed by job and recipient: a retried job skips what it already delivered, and the GP endpoint
 * itself drops a repeated idempotency key, so nobody is told twice.
 */
@Component
public class Notifications implements JobTopics {

  static final String GP_CHANNEL = "gp-connect";

  private static final Map<String, String> HOSPITALS = Map.of(
      "bhrut-kgh", "King George Hospital",
      "bhrut-queens", "Queen's Hospital",
      "barts-whipps", "Whipps Cross Hospital");

  private final NotificationLog log;
  private final GpNotifications gp;
  private final Clock clock;

  Notifications(JdbcClient db, Clock clock, GpNotifications gp) {
    this.log = new NotificationLog(db, clock);
    this.gp = gp;
    this.clock = clock;
  }

  /** All variables are fetched: the documents read many of the journey's facts, each optional. */
  @Override
  public List<JobWorker> jobWorkers() {
    return List.of(
        JobWorker.of("homefirst.notifications.notify-discharge", List.of(), JobWorker.BACKOFF, this::notifyDischarge),
        JobWorker.of("homefirst.notifications.notify-journey-complete", List.of(), JobWorker.BACKOFF,
            this::notifyJourneyComplete),
        JobWorker.of("homefirst.notifications.notify-death", List.of(), JobWorker.BACKOFF, this::notifyDeath));
  }

  public Map<String, Object> notifyDischarge(Job job) {
    Journey j = Journey.of(job);
    List<GpNotice.Section> sections = List.of(
        new GpNotice.Section("Discharge details", dischargeDetails(j)),
        new GpNotice.Section("Pathway", pathway(j)),
        new GpNotice.Section("Follow-up", followUp(j)));
    Instant gpNotifiedAt = tellGp(job, j, "gp-discharge", "Discharge summary", true, sections);
    boolean contactTold = tellNamedContact(job, j);
    return Map.of("gpNotifiedAt", gpNotifiedAt.toString(), "namedContactNotified", contactTold);
  }

  public Map<String, Object> notifyJourneyComplete(Job job) {
    Journey j = Journey.of(job);
    List<GpNotice.Section> sections = List.of(
        new GpNotice.Section("Discharge details", dischargeDetails(j)),
        new GpNotice.Section("Pathway", pathway(j) + outcome(j)),
        new GpNotice.Section("Follow-up",
            "The discharge to assess journey is complete; Home First has no further work planned for this patient."));
    Instant at = tellGp(job, j, "gp-journey-complete", "Discharge to assess journey complete", false, sections);
    return Map.of("journeyCompleteNotifiedAt", at.toString());
  }

  public Map<String, Object> notifyDeath(Job job) {
    Journey j = Journey.of(job);
    String died = j.text("diedAt") == null ? "" : " on " + j.text("diedAt");
    String news = "Home First was told that " + j.name() + " died" + died
        + ". Every open discharge task and service request of this journey has been stopped.";
    Instant at = tellGp(job, j, "gp-death", "Notification of death", false, List.of(
        new GpNotice.Section("Discharge details", news),
        new GpNotice.Section("Pathway", pathway(j)),
        new GpNotice.Section("Follow-up", "No further discharge support will be arranged.")));
    int services = 0;
    for (String team : servicesInvolved(j)) {
      log.record(job.key(), j.referralId(), team, "service-death", "inbox", "RECORDED", news);
      services++;
    }
    return Map.of("deathNotifiedAt", at.toString(), "servicesNotified", services);
  }

  private Instant tellGp(Job job, Journey j, String kind, String title, boolean summary,
      List<GpNotice.Section> sections) {
    String recipient = "gp:" + (j.text("gpPracticeCode") == null ? "registered" : j.text("gpPracticeCode"));
    NotificationLog.Entry entry = log.open(job.key(), j.referralId(), recipient, kind, GP_CHANNEL, title);
    if (entry.delivered()) {
      return entry.sentAt();
    }
    GpNotice notice = new GpNotice(j.referralId().toString(), title, summary, j.required("nhsNumber"),
        j.text("givenName"), j.text("familyName"), j.text("dateOfBirth"), j.text("hospital"), clock.instant(), sections);
    try {
      GpNotifications.Delivery delivery = gp.send(notice, job.key());
      log.sent(job.key(), recipient, delivery.responseCode(), delivery.attempts());
    } catch (GpDeliveryFailed e) {
      log.failed(job.key(), recipient, e.responseCode(), e.attempts(), e.getMessage());
      throw e;
    }
    return log.find(job.key(), recipient).orElseThrow().sentAt();
  }

  /** The named contact (carer, family) gets a message in the e-mail outbox, if one is recorded. */
  private boolean tellNamedContact(Job job, Journey j) {
    if (!(job.variable("namedContact") instanceof Map<?, ?> contact)) {
      return false;
    }
    Object email = contact.get("email");
    Object phone = contact.get("phone");
    if (email == null && phone == null) {
      return false;
    }
    String channel = email != null ? "email-outbox" : "sms-outbox";
    String recipient = "contact:" + (email != null ? email : phone);
    String name = contact.get("name") == null ? "" : " " + contact.get("name");
    String message = "Dear" + name + ", " + j.name() + " has left " + hospitalName(j)
        + (j.text("dischargedAt") == null ? "" : " (" + j.text("dischargedAt") + ")") + ". " + pathway(j)
        + " " + followUp(j);
    log.record(job.key(), j.referralId(), recipient, "contact-discharge", channel, "QUEUED", message);
    return true;
  }

  private static Set<String> servicesInvolved(Journey j) {
    Set<String> teams = new LinkedHashSet<>();
    add(teams, j.text("dischargeTeam"));
    add(teams, j.text("reablementTeam"));
    String voluntary = j.text("voluntaryService");
    if (voluntary != null && !"none".equals(voluntary)) {
      teams.add(voluntary);
    }
    Integer pathway = j.number("pathway");
    if (pathway != null && pathway == 2) {
      teams.add("nelft-irs");
    }
    if (pathway != null && (pathway == 1 || pathway == 3) && j.text("borough") != null) {
      teams.add("council-" + j.text("borough"));
    }
    if (pathway != null && pathway == 3) {
      teams.add("chc");
    }
    return teams;
  }

  private static void add(Set<String> teams, String team) {
    if (team != null && !team.isBlank()) {
      teams.add(team);
    }
  }

  private static String dischargeDetails(Journey j) {
    StringBuilder text = new StringBuilder(j.name());
    String left = j.text("dischargedAt") != null ? j.text("dischargedAt") : j.text("lastDischargedAt");
    text.append(left == null ? " is being discharged from " : " left ").append(hospitalName(j));
    if (j.text("ward") != null) {
      text.append(", ").append(j.text("ward"));
    }
    if (left != null) {
      text.append(" at ").append(left);
    }
    text.append(".");
    if (j.text("admittedAt") != null) {
      text.append(" Admitted ").append(j.text("admittedAt")).append(".");
    }
    if (Boolean.TRUE.equals(j.vars().get("dischargeOutOfHours"))) {
      text.append(" Discharged out of hours: ").append(j.text("outOfHoursReason")).append(".");
    }
    return text.toString();
  }

  private static String pathway(Journey j) {
    Integer pathway = j.number("pathway");
    if (pathway == null) {
      return "No discharge pathway recorded.";
    }
    return "Discharge to assess pathway " + pathway + ": " + switch (pathway) {
      case 0 -> "home, no new support.";
      case 1 -> "home with new support" + (j.text("reablementTeam") == null ? "" : " from " + j.text("reablementTeam")) + ".";
      case 2 -> "community rehabilitation bed (NELFT IRS).";
      case 3 -> "24-hour bed-based care.";
      default -> "unknown.";
    };
  }

  private static String followUp(Journey j) {
    Integer pathway = j.number("pathway");
    if (pathway == null) {
      return "None planned.";
    }
    return switch (pathway) {
      case 0 -> "The discharge team checks the person is home " + inWords(j.text("homeCheckAfter")) + " after discharge.";
      case 1 -> "Support starts within " + inWords(j.text("reablementStartWithin")) + "; needs are assessed at home within "
          + inWords(j.text("homeAssessmentWithin")) + ", reviewed by " + inWords(j.text("reablementReviewWithin"))
          + ", and the person is checked to be still at home " + inWords(j.text("followUpAfter")) + " after discharge.";
      case 2 -> "Bed stay review after " + inWords(j.text("bedStayReviewAfter")) + ", then home, step down or step up.";
      case 3 -> "Long-term needs (including NHS Continuing Healthcare) are assessed outside hospital"
          + (j.text("chcOutcome") == null ? "." : "; CHC outcome: " + j.text("chcOutcome") + ".");
      default -> "None planned.";
    };
  }

  private static String outcome(Journey j) {
    List<String> parts = new ArrayList<>();
    if (j.vars().get("stillAtHome") instanceof Boolean b) {
      parts.add(b ? "at home at the home check" : "not at home at the home check");
    }
    if (j.vars().get("longTermCareNeeded") instanceof Boolean b) {
      parts.add(b ? "long-term care needed after reablement" : "no long-term care needed after reablement");
    }
    if (j.vars().get("stillAtHomeAt91Days") instanceof Boolean b) {
      parts.add(b ? "still at home at 91 days" : "not at home at 91 days");
    }
    if (j.text("careHomeChoice") != null) {
      parts.add("care home: " + j.text("careHomeChoice"));
    }
    return parts.isEmpty() ? "" : " Outcome: " + String.join("; ", parts) + ".";
  }

  private static String hospitalName(Journey j) {
    String code = j.text("hospital");
    return code == null ? "hospital" : HOSPITALS.getOrDefault(code, code);
  }

  /** "PT72H" as "72 hours", "P91D" as "91 days"; anything else as given. */
  static String inWords(String iso) {
    if (iso == null) {
      return "as planned";
    }
    try {
      if (iso.startsWith("PT")) {
        Duration d = Duration.parse(iso);
        return d.toMinutesPart() == 0 && d.toSecondsPart() == 0 ? plural(d.toHours(), "hour") : plural(d.toMinutes(), "minute");
      }
      Period p = Period.parse(iso);
      return p.getMonths() == 0 && p.getYears() == 0 ? plural(p.getDays(), "day") : iso;
    } catch (RuntimeException e) {
      return iso;
    }
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** The job's variables, read leniently (the models pass them as JSON). */
  record Journey(UUID referralId, Map<String, Object> vars) {

    static Journey of(Job job) {
      Map<String, Object> vars = job.variables();
      Object referralId = vars.get("referralId");
      if (referralId == null) {
        throw new IllegalArgumentException(job.topic() + " needs referralId");
      }
      return new Journey(UUID.fromString(referralId.toString()), vars);
    }

    String text(String name) {
      Object value = vars.get(name);
      return value == null ? null : value.toString();
    }

    String required(String name) {
      String value = text(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("notification needs " + name);
      }
      return value;
    }

    Integer number(String name) {
      Object value = vars.get(name);
      if (value instanceof Number n) {
        return n.intValue();
      }
      if (value instanceof String s && s.matches("\\d+")) {
        return Integer.parseInt(s);
      }
      return null;
    }

    String name() {
      String given = text("givenName");
      String family = text("familyName");
      if (given == null && family == null) {
        return "The patient";
      }
      return ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
    }
  }
}
