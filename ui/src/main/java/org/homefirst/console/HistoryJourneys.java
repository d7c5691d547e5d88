package org.homefirst.console;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Plausible completed discharge journeys, one referral at a time, as the rows the running
 * application would have written for them: the referral, its engine projection (root and called
 * process instances, completed user tasks of the right teams, so visibility works), every step's
 * duration, the SLA clocks, the changes of the discharge ready date, delays, discharges,
 * readmissions, CHC cases and the daily delay census computed from them by its definition. All
 * numbers come from one seeded {@link Random}: the same seed gives the same history.
 *
 * <p>Shapes (not measurements of any real service): pathway mix about 50/45/4/1 %; delay from
 * the discharge ready date mostly 0-3 days with a tail past 21; SLA durations log-normal around
 * the default targets so most are met; about 9 % readmitted within 30 days; CHC standard referrals
 * about three quarters decided within 28 days, a third of DSTs in hospital; about 85 % of people
 * discharged into reablement still at home on day 91.
 */
final class HistoryJourneys {

  static final String CREATED_BY = "history-generator";
  /** Keys taken at once from the sequence homefirst_history_key, which steps down by this much. */
  static final int KEY_BLOCK = 100_000;
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  static final String JOURNEY = "homefirst-discharge-journey";
  static final String ASSESSMENT = "homefirst-trusted-assessment";
  static final String DISCHARGE = "homefirst-discharge";
  static final String CHC = "homefirst-chc";

  private static final String[] GIVEN = {"Margaret", "Eileen", "Harold", "Nasreen", "Derek", "George", "Iris", "Joan",
      "Patrick", "Doreen", "Kwame", "Shirley", "Arthur", "Pauline", "Rajesh", "Barbara", "Ivy", "Stanley", "Gladys",
      "Tunde", "Maureen", "Ronald", "Parveen", "Brian", "Edna", "Sylvia", "Dennis", "Olga", "Mohammed", "Rita",
      "Francis", "Hyacinth", "Leonard", "Kathleen", "Sunita", "Albert"};
  private static final String[] FAMILY = {"Okafor", "Brennan", "Whitfield", "Akhtar", "Osei", "Lindqvist", "Adebayo",
      "Smith", "Jones", "Patel", "Khan", "Williams", "Brown", "Taylor", "Murphy", "Begum", "Ali", "Clarke", "Walker",
      "Wright", "Mensah", "Thompson", "Hussain", "Evans", "Green", "Hall", "Kowalski", "Singh", "Baker", "Campbell",
      "Kelly", "Ahmed", "Mitchell", "Owusu", "Turner", "Collins", "Shah", "Reid", "Palmer", "Nowak"};
  private static final Map<String, String[]> WARDS = Map.of(
      "bhrut-kgh", new String[] {"Ward 3 (Sunflower)", "Ward 5 (Cedar)", "Ward 12 (Frail Elderly)", "Ward 8 (Acute Medical)"},
      "bhrut-queens", new String[] {"Ward 7 (Elm)", "Ward 9 (Palliative)", "Ward 14 (Stroke)", "Ward 20 (Respiratory)"},
      "barts-whipps", new String[] {"Bracken Ward", "Curie Ward", "Sahara Ward", "Heather Ward"});
  /** A demo colleague per team, so a journey's tasks show a person. */
  private static final Map<String, String> PERSON = Map.ofEntries(
      Map.entry("jad", "jad.coordinator"), Map.entry("lbr-hospital-sw", "lbr.socialworker"),
      Map.entry("chc", "chc.nurse"), Map.entry("nelft-irs", "nelft.therapist"),
      Map.entry("nelft-reablement", "nelft.therapist"), Map.entry("lbr-reablement", "lbr.reablement"),
      Map.entry("lbbd-crisis", "lbbd.council"), Map.entry("council-lbbd", "lbbd.council"),
      Map.entry("council-lbh", "lbh.council"), Map.entry("council-lbr", "lbr.reablement"));

  /** Delay reasons (rows of delay_reason_group) with weights per pathway, and who a reason falls to. */
  private static final String[][] REASONS = {
      {"tta", "transport", "patient-family-choice", "equipment", "housing", "assessment"},
      {"package-of-care", "assessment", "equipment", "patient-family-choice", "public-funding", "housing", "transport",
          "s117-funding"},
      {"transport", "assessment", "equipment", "patient-family-choice", "tta"},
      {"care-home-placement", "chc-assessment", "chc-funding", "public-funding", "patient-family-choice",
          "s117-funding"}};
  private static final int[][] REASON_WEIGHTS = {{30, 25, 20, 10, 5, 10}, {35, 20, 15, 10, 10, 5, 4, 1},
      {30, 30, 10, 15, 15}, {35, 25, 15, 10, 13, 2}};
  private static final Map<String, String> NATIONAL_CODE = Map.ofEntries(
      Map.entry("assessment", "A"), Map.entry("public-funding", "B"), Map.entry("chc-assessment", "A"),
      Map.entry("chc-funding", "B"), Map.entry("s117-funding", "B"), Map.entry("care-home-placement", "D"),
      Map.entry("package-of-care", "E"), Map.entry("equipment", "F"), Map.entry("patient-family-choice", "G"),
      Map.entry("housing", "I"), Map.entry("transport", "C"), Map.entry("tta", "C"));

  private final Random random;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final long windowSeconds;
  private final Map<String, Long> definitions;
  private final LongSupplier keys;
  private final LongSupplier dischargeIds;
  private final HistoryRows rows;

  HistoryJourneys(long seed, LocalDate from, LocalDate to, Map<String, Long> definitions, LongSupplier keys,
      LongSupplier dischargeIds, HistoryRows rows) {
    this.random = new Random(seed);
    this.windowStart = from.atStartOfDay(LONDON).toInstant();
    this.windowEnd = to.atStartOfDay(LONDON).toInstant();
    this.windowSeconds = Duration.between(windowStart, windowEnd).toSeconds();
    this.definitions = definitions;
    this.keys = keys;
    this.dischargeIds = dischargeIds;
    this.rows = rows;
  }

  // --- the journey as plain events first, rows only once it fits in the window ---

  /** A step; team: who holds the work (the task's group; for a sub-process, whom its SLA escalates to). */
  private record Step(String process, long instance, String element, String type, Instant start, Instant end,
      String team, String form, Clock clock, boolean episodeOne) {}

  private record Clock(String rule, String timer, Duration target) {}

  private record ReadyChange(Instant value, Instant at) {}

  private record Delay(String reason, String attribution, String setting, Instant at, Instant prompted) {}

  private record Discharge(Instant at, Instant ready, int pathway, String destination, boolean reablement,
      Boolean stillAtHome) {}

  private record ChcCase(boolean fastTrack, Instant referred, String dstSetting, Instant dstAt, Instant decided,
      String outcome) {}

  private record Instance(long key, String process, Long parent) {}

  private final class Journey {
    final UUID id = uuid();
    final long root = keys.getAsLong();
    final List<Instance> instances = new ArrayList<>(List.of(new Instance(root, JOURNEY, null)));
    final List<Step> steps = new ArrayList<>();
    final List<ReadyChange> ready = new ArrayList<>();
    final List<Delay> delays = new ArrayList<>();
    final List<Discharge> discharges = new ArrayList<>();
    final List<ChcCase> chc = new ArrayList<>();
    Instant readmitted;
    String borough;
    String hospital;
    String team;
    LocalDate born;
    Instant created;
    Instant admitted;

    long instance(String process, long parent) {
      long key = keys.getAsLong();
      instances.add(new Instance(key, process, parent));
      return key;
    }

    Instant task(String process, long instance, String element, String team, String form, Clock clock,
        Instant start, Instant end, boolean episodeOne) {
      steps.add(new Step(process, instance, element, "USER_TASK", start, end, team, form, clock, episodeOne));
      return end;
    }

    void activity(String process, long instance, String element, String type, Instant start, Instant end,
        Clock clock, String team, boolean episodeOne) {
      steps.add(new Step(process, instance, element, type, start, end, team, null, clock, episodeOne));
    }
  }

  /** Generates one referral; false (and nothing written) when its discharge would not fall in the window. */
  boolean next() {
    Journey j = new Journey();
    j.created = referralTime();
    String[] place = place();
    j.borough = place[0];
    j.hospital = place[1];
    j.team = j.borough.equals("lbr") ? "lbr-hospital-sw" : "jad";
    int age = age();
    LocalDate createdDate = date(j.created);
    j.born = createdDate.minusYears(age).minusDays(random.nextInt(365));
    Instant admitted = j.created.minus(hours(logNormal(60, 0.8)));
    j.admitted = admitted;
    int pathway = pathway();
    boolean fastTrack = pathway == 3 && random.nextDouble() < 0.6;

    // Triage and pathway decision by the discharge team.
    Instant triaged = j.task(JOURNEY, j.root, "Task_Triage", j.team, "homefirst:triage",
        new Clock("triage", "Timer_TriageSla", Duration.ofHours(24)), j.created,
        j.created.plus(hours(logNormal(5, 1.12))), true);
    Instant confirmed = j.task(JOURNEY, j.root, "Task_ConfirmPathway", j.team, "homefirst:confirm-pathway", null,
        triaged, triaged.plus(hours(logNormal(1, 1.0))), true);

    // The discharge ready date: often known at referral, sometimes restarted (criteria to reside met again).
    Instant drd = j.created.plus(hours(-12 + random.nextDouble() * 48));
    if (drd.isBefore(admitted)) {
      drd = admitted.plus(hours(12));
    }
    j.ready.add(new ReadyChange(drd, drd.isBefore(j.created) ? j.created : drd.plus(hours(random.nextDouble() * 2))));
    if (random.nextDouble() < 0.1) {
      Instant cleared = j.ready.getLast().at().plus(hours(12 + random.nextDouble() * 60));
      j.ready.add(new ReadyChange(null, cleared));
      drd = cleared.plus(hours(24 + random.nextDouble() * 72));
      j.ready.add(new ReadyChange(drd, drd.plus(hours(random.nextDouble() * 2))));
    }

    // The work before the patient can leave, by pathway.
    String receiving = switch (pathway) {
      case 1 -> reablementTeam(j.borough);
      case 2 -> "nelft-irs";
      default -> "council-" + j.borough;
    };
    Instant ready;
    long pathwayInstance = j.instance("homefirst-pathway-" + pathway, j.root);
    if (pathway == 0 || fastTrack) {
      ready = confirmed;
      if (fastTrack) {
        long chc = j.instance(CHC, pathwayInstance);
        Instant decided = j.task(CHC, chc, "Task_FastTrackDecision", "chc", "homefirst:chc-fast-track",
            new Clock("chc-fast-track", "Timer_FastTrackSla", Duration.ofHours(48)), confirmed,
            confirmed.plus(hours(logNormal(20, 0.7))), true);
        j.activity("homefirst-pathway-3", pathwayInstance, "Call_ChcFastTrack", "CALL_ACTIVITY", confirmed, decided,
            null, null, true);
        j.chc.add(new ChcCase(true, confirmed, null, null, decided, random.nextDouble() < 0.9 ? "chc-eligible"
            : "not-eligible"));
        ready = decided.plus(hours(logNormal(24, 0.6)));
      }
    } else {
      long assessment = j.instance(ASSESSMENT, pathwayInstance);
      Instant assessed = j.task(ASSESSMENT, assessment, "Task_TrustedAssessment", j.team, "homefirst:trusted-assessment",
          new Clock("trusted-assessment", "Timer_AssessmentSla", Duration.ofHours(48)), confirmed,
          confirmed.plus(hours(logNormal(18, 0.77))), true);
      ready = j.task(ASSESSMENT, assessment, "Task_ReviewAssessment", receiving, "homefirst:review-trusted-assessment",
          null, assessed, assessed.plus(hours(logNormal(6, 1.0))), true);
      j.activity("homefirst-pathway-" + pathway, pathwayInstance, "Call_TrustedAssessment", "CALL_ACTIVITY", confirmed,
          ready, null, null, true);
    }
    long dischargeInstance = j.instance(DISCHARGE, pathwayInstance);
    Instant planned = j.task(DISCHARGE, dischargeInstance, "Task_PlanDischarge", j.team, "homefirst:plan-discharge",
        null, ready, ready.plus(hours(logNormal(3, 0.8))), true);

    Instant discharged = dischargeTime(drd, planned.plus(hours(2)));
    if (!j.ready.getLast().at().isBefore(discharged)) {
      discharged = j.ready.getLast().at().plus(hours(1));
    }
    if (!discharged.isBefore(windowEnd)) {
      return false;
    }
    boolean outOfHours = outOfHours(discharged);
    Instant confirmFrom = planned;
    if (outOfHours) {
      confirmFrom = j.task(DISCHARGE, dischargeInstance, "Task_JustifyOutOfHours", j.team,
          "homefirst:out-of-hours-reason", null, planned, planned.plus(minutes(10 + random.nextInt(50))), true);
    }
    Instant left = j.task(DISCHARGE, dischargeInstance, "Task_ConfirmDischarge", j.team, "homefirst:confirm-discharge",
        null, confirmFrom, discharged.plus(minutes(5 + random.nextInt(85))), true);
    delays(j, pathway, drd, discharged, true);

    // After the discharge, by pathway.
    Boolean stillAtHome = null;
    Instant end = left;
    String destination = switch (pathway) {
      case 0, 1 -> "home";
      case 2 -> "community-rehab-bed";
      default -> fastTrack ? "care-home" : "interim-bed";
    };
    switch (pathway) {
      case 0 -> end = j.task("homefirst-pathway-0", pathwayInstance, "Task_HomeCheck", j.team, "homefirst:home-check",
          null, discharged.plus(hours(72)), discharged.plus(hours(72 + logNormal(4, 0.8))), true);
      case 1 -> {
        String team = reablementTeam(j.borough);
        Instant started = j.task("homefirst-pathway-1", pathwayInstance, "Task_ConfirmServiceStarted", team,
            "homefirst:support-started", new Clock("reablement-start", "Timer_ReablementStartSla", Duration.ofDays(2)),
            left, left.plus(hours(logNormal(22, 0.7))), true);
        Instant assessedAtHome = j.task("homefirst-pathway-1", pathwayInstance, "Task_AssessAtHome", team,
            "homefirst:assessment-at-home", new Clock("home-assessment", "Timer_HomeAssessmentSla", Duration.ofHours(48)),
            started, started.plus(hours(logNormal(20, 0.8))), true);
        Instant reviewed = j.task("homefirst-pathway-1", pathwayInstance, "Task_ReablementReview", team,
            "homefirst:reablement-review", new Clock("reablement-review", "Timer_ReablementReviewSla",
                Duration.ofDays(42)), assessedAtHome, assessedAtHome.plus(hours(24 * logNormal(30, 0.3))), true);
        Instant due91 = discharged.plus(Duration.ofDays(91));
        end = j.task("homefirst-pathway-1", pathwayInstance, "Task_FollowUpCheck", team, "homefirst:follow-up-check",
            null, due91, due91.plus(hours(logNormal(20, 0.6))), true);
        end = end.isAfter(reviewed) ? end : reviewed;
        if (end.isBefore(windowEnd)) {
          stillAtHome = random.nextDouble() < (age >= 65 ? 0.85 : 0.9);
        }
      }
      case 2 -> {
        j.activity("homefirst-pathway-2", pathwayInstance, "SubProcess_BedTransfer", "SUB_PROCESS", ready, discharged,
            new Clock("rehab-transfer", "Timer_TransferSla", Duration.ofHours(72)), j.team, true);
        end = j.task("homefirst-pathway-2", pathwayInstance, "Task_BedStayReview", "nelft-irs",
            "homefirst:bed-stay-review", new Clock("bed-stay-review", "Timer_BedStayReviewSla", Duration.ofDays(14)),
            left, left.plus(hours(24 * logNormal(12, 0.25))), true);
      }
      default -> {
        if (!fastTrack) {
          end = standardChc(j, pathwayInstance, left);
        }
      }
    }
    j.activity("homefirst-pathway-" + pathway, pathwayInstance, "Call_Discharge"
        + (fastTrack ? "FastTrack" : ""), "CALL_ACTIVITY", ready, left, null,
        null, true);
    j.discharges.add(new Discharge(discharged, drd, pathway, destination, pathway == 1, stillAtHome));

    // Readmitted within 30 days: the pathway stops there, the journey starts again at triage.
    double readmissionChance = fastTrack ? 0.03 : 0.095;
    if (random.nextDouble() < readmissionChance) {
      Instant back = discharged.plus(hours(24 * (1 + Math.min(28.5, -Math.log(1 - random.nextDouble()) * 9))));
      Instant secondEnd = secondEpisode(j, back, pathway == 1 ? 1 : 0, age);
      if (secondEnd != null) {
        j.readmitted = back;
        end = secondEnd;
      }
    }
    j.activity(JOURNEY, j.root, "SubProcess_PathwayCare", "SUB_PROCESS", confirmed, end, null, null, true);
    write(j, age, outOfHours);
    return true;
  }

  private Instant standardChc(Journey j, long pathwayInstance, Instant left) {
    Instant callStart = left.plus(hours(1));
    long chc = j.instance(CHC, pathwayInstance);
    String council = "council-" + j.borough;
    Instant checked = j.task(CHC, chc, "Task_ChcChecklist", council, "homefirst:chc-checklist", null, callStart,
        callStart.plus(hours(24 * logNormal(2, 0.5))), true);
    Instant callEnd = checked;
    if (random.nextDouble() < 0.85) {
      boolean acute = random.nextDouble() < 0.3;
      Instant dst = j.task(CHC, chc, "Task_DecisionSupportTool", "chc", "homefirst:chc-dst", null, checked,
          checked.plus(hours(24 * logNormal(12, 0.45))), true);
      Instant from = dst;
      if (acute) {
        from = j.task(CHC, chc, "Task_RecordAcuteDstReason", "chc", "homefirst:acute-dst-reason", null, dst,
            dst.plus(hours(logNormal(4, 0.8))), true);
      }
      Instant decided = j.task(CHC, chc, "Task_IcbDecision", "chc", "homefirst:chc-decision", null, from,
          from.plus(hours(24 * logNormal(6, 0.6))), true);
      j.activity(CHC, chc, "SubProcess_ChcAssessment", "SUB_PROCESS", checked, decided,
          new Clock("chc-decision", "Timer_ChcDecisionSla", Duration.ofDays(28)), "chc", true);
      double u = random.nextDouble();
      String outcome = u < 0.35 ? "chc-eligible" : u < 0.6 ? "fnc" : "not-eligible";
      boolean known = decided.isBefore(windowEnd);
      j.chc.add(new ChcCase(false, checked, acute ? "acute" : "community", dst.isBefore(windowEnd) ? dst : null,
          known ? decided : null, known ? outcome : null));
      callEnd = decided;
    }
    j.activity("homefirst-pathway-3", pathwayInstance, "Call_Chc", "CALL_ACTIVITY", callStart, callEnd,
        new Clock("interim-placement", "Timer_InterimPlacementSla", Duration.ofDays(20)), council, true);
    return j.task("homefirst-pathway-3", pathwayInstance, "Task_RecordCareHomeChoice", council,
        "homefirst:care-home-choice", null, callEnd, callEnd.plus(hours(24 * logNormal(3, 0.5))), true);
  }

  /** Back in hospital: the DRD is cleared, triage again, a new DRD, a second discharge (pathway 0 or 1). */
  private Instant secondEpisode(Journey j, Instant back, int pathway, int age) {
    Instant triageFrom = back.plus(hours(logNormal(10, 0.6)));
    Instant drd = back.plus(hours(24 * logNormal(3, 0.5)));
    Instant discharged = dischargeTime(drd, triageFrom.plus(hours(8)));
    if (discharged.isBefore(drd)) {
      discharged = drd.plus(hours(2));
    }
    Instant left = discharged.plus(minutes(5 + random.nextInt(85)));
    if (!left.isBefore(windowEnd)) {
      return null;
    }
    j.ready.add(new ReadyChange(null, back));
    j.ready.add(new ReadyChange(drd, drd.plus(hours(random.nextDouble() * 2))));
    Instant triaged = j.task(JOURNEY, j.root, "Task_Triage", j.team, "homefirst:triage",
        new Clock("triage", "Timer_TriageSla", Duration.ofHours(24)), triageFrom,
        triageFrom.plus(hours(logNormal(5, 1.12))), false);
    j.task(JOURNEY, j.root, "Task_ConfirmPathway", j.team, "homefirst:confirm-pathway", null, triaged,
        triaged.plus(hours(logNormal(1, 1.0))), false);
    long dischargeInstance = j.instance(DISCHARGE, j.root);
    j.task(DISCHARGE, dischargeInstance, "Task_ConfirmDischarge", j.team, "homefirst:confirm-discharge", null,
        triaged, left, false);
    delays(j, pathway, drd, discharged, false);
    Boolean stillAtHome = pathway == 1 && discharged.plus(Duration.ofDays(92)).isBefore(windowEnd)
        ? random.nextDouble() < (age >= 65 ? 0.8 : 0.85) : null;
    j.discharges.add(new Discharge(discharged, drd, pathway, "home", pathway == 1, stillAtHome));
    return left;
  }

  /** Reasons recorded for a patient still in hospital at midnight after their DRD (some never recorded). */
  private void delays(Journey j, int pathway, Instant drd, Instant discharged, boolean episodeOne) {
    Instant firstMidnight = date(drd).plusDays(1).atStartOfDay(LONDON).toInstant();
    if (!discharged.isAfter(firstMidnight) || random.nextDouble() < 0.15) {
      return;
    }
    Instant recorded = drd.plus(hours(logNormal(10, 0.6)));
    int reasons = Duration.between(drd, discharged).toDays() >= 7 && random.nextDouble() < 0.4 ? 2 : 1;
    for (int n = 0; n < reasons && recorded.isBefore(discharged); n++) {
      String reason = REASONS[pathway][weighted(REASON_WEIGHTS[pathway])];
      String setting = pathway == 2 && random.nextDouble() < 0.3 ? "non-acute" : "acute";
      Instant prompted = recorded.minus(hours(logNormal(3, 0.7)));
      j.delays.add(new Delay(reason, attribution(reason), setting, recorded, prompted));
      j.task(JOURNEY, j.root, "Task_RecordDelay", j.team, "homefirst:record-delay", null, prompted, recorded,
          episodeOne);
      recorded = recorded.plus(hours(24 * (3 + random.nextDouble() * 5)));
    }
  }

  private String attribution(String reason) {
    double u = random.nextDouble();
    return switch (reason) {
      case "public-funding", "package-of-care", "housing" -> u < 0.9 ? "social-care" : "both";
      case "care-home-placement" -> u < 0.8 ? "social-care" : "both";
      case "chc-assessment", "chc-funding", "tta", "transport" -> "nhs";
      case "s117-funding" -> "both";
      case "equipment" -> u < 0.4 ? "nhs" : u < 0.8 ? "social-care" : "both";
      case "patient-family-choice" -> u < 0.6 ? "nhs" : "social-care";
      default -> u < 0.5 ? "nhs" : u < 0.9 ? "social-care" : "both";
    };
  }

  // --- rows ---

  private void write(Journey j, int age, boolean firstOutOfHours) {
    Instant cut = j.readmitted;
    List<Step> kept = new ArrayList<>();
    for (Step s : j.steps) {
      if (!s.end().isBefore(windowEnd) || (cut != null && s.episodeOne() && !s.start().isBefore(cut))) {
        continue;
      }
      kept.add(s);
    }
    Instant closed = j.discharges.getLast().at();
    for (Step s : kept) {
      Instant end = cut != null && s.episodeOne() && s.end().isAfter(cut) ? cut : s.end();
      closed = end.isAfter(closed) ? end : closed;
    }
    closed = closed.plus(minutes(1));
    ReadyChange lastReady = j.ready.getLast();
    String nhs = nhsNumber();
    rows.add("referral", j.id, nhs, GIVEN[random.nextInt(GIVEN.length)], FAMILY[random.nextInt(FAMILY.length)], j.born,
        j.borough, j.hospital, WARDS.get(j.hospital)[random.nextInt(4)], j.admitted,
        lastReady.value(), "COMPLETED", j.root, j.created, CREATED_BY, closed);

    for (Instance i : j.instances) {
      Instant start = i.parent() == null ? j.created : null;
      Instant end = i.parent() == null ? closed : null;
      for (Step s : kept) {
        if (s.instance() == i.key()) {
          start = start == null || s.start().isBefore(start) ? s.start() : start;
          end = end == null || s.end().isAfter(end) ? s.end() : end;
        }
      }
      if (start != null) {
        rows.add("process_instance", i.key(), j.root, i.parent(), i.process(), definition(i.process()), 1,
            "COMPLETED", start, end);
      }
    }

    for (Step s : kept) {
      long elementInstance = keys.getAsLong();
      boolean cancelled = cut != null && s.episodeOne() && s.end().isAfter(cut);
      Instant end = cancelled ? cut : s.end();
      rows.add("step_duration", s.element() + ":" + elementInstance, j.root, s.instance(), s.process(),
          definition(s.process()), s.element(), s.type(), s.start(), end);
      Instant due = s.clock() == null ? null : s.start().plus(s.clock().target());
      if (s.form() != null) {
        String person = PERSON.getOrDefault(s.team(), "demo." + s.team());
        rows.add("user_task", keys.getAsLong(), s.instance(), j.root, elementInstance, s.element(), s.process(),
            definition(s.process()), new String[] {s.team()}, s.form(), due, cancelled ? "CANCELED" : "COMPLETED",
            s.start(), end, person, s.start().plus(minutes(1 + random.nextInt(30))), cancelled ? null : person);
      }
      if (s.clock() != null && !cancelled) {
        boolean breached = end.isAfter(due);
        rows.add("sla_clock", keys.getAsLong(), j.id, j.root, s.instance(), s.clock().rule(), s.clock().timer(),
            s.element(), s.team(), j.borough, j.hospital, s.start(), due, breached ? due : null, end);
      }
    }

    for (ReadyChange c : j.ready) {
      rows.add("discharge_ready_change", j.id, c.value(), c.at());
    }
    for (Delay d : j.delays) {
      rows.add("delay", j.id, null, d.reason(), d.attribution(), d.setting(), null,
          PERSON.get(j.team), d.at());
    }
    long firstDischargeId = 0;
    for (int n = 0; n < j.discharges.size(); n++) {
      Discharge d = j.discharges.get(n);
      long id = dischargeIds.getAsLong();
      if (n == 0) {
        firstDischargeId = id;
      }
      int ageThen = (int) ChronoUnit.YEARS.between(j.born, date(d.at()));
      rows.add("discharge", id, j.id, d.at(), d.ready(), d.pathway(), d.destination(),
          n == 0 ? firstOutOfHours : outOfHours(d.at()), j.borough, j.hospital, ageThen, d.reablement(),
          d.stillAtHome() == null ? null : (j.readmitted != null && n == 0 ? random.nextDouble() < 0.6
              : d.stillAtHome()));
    }
    if (j.readmitted != null) {
      rows.add("readmission", j.id, j.readmitted, firstDischargeId);
    }
    for (ChcCase c : j.chc) {
      rows.add("chc_case", j.id, c.fastTrack(), c.referred(), c.dstSetting(), c.dstAt(), c.decided(), c.outcome(),
          j.borough);
    }
    census(j);
  }

  /**
   * The census by its definition: for each date D, delayed at midnight at the end of D (London)
   * when the latest DRD change at or before that moment holds a date and no discharge came after
   * that DRD and by then; the reason in force is the latest recorded at or before midnight.
   */
  private void census(Journey j) {
    List<ReadyChange> changes = j.ready.stream().sorted(Comparator.comparing(ReadyChange::at)).toList();
    LocalDate day = date(changes.getFirst().at());
    LocalDate last = date(j.discharges.getLast().at());
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      Instant midnight = day.plusDays(1).atStartOfDay(LONDON).toInstant();
      ReadyChange inForce = null;
      for (ReadyChange c : changes) {
        if (!c.at().isAfter(midnight)) {
          inForce = c;
        }
      }
      if (inForce == null || inForce.value() == null) {
        continue;
      }
      Instant drd = inForce.value();
      Discharge gone = null;
      Discharge episode = null;
      for (Discharge d : j.discharges) {
        if (d.at().isAfter(drd) && !d.at().isAfter(midnight)) {
          gone = d;
        }
        if (episode == null && d.at().isAfter(drd)) {
          episode = d;
        }
      }
      if (gone != null) {
        continue;
      }
      Delay reason = null;
      for (Delay d : j.delays) {
        if (!d.at().isAfter(midnight) && (reason == null || !d.at().isBefore(reason.at()))) {
          reason = d;
        }
      }
      String setting = reason == null ? null : reason.setting();
      String provider = "non-acute".equals(setting) ? "nelft" : j.hospital.startsWith("bhrut") ? "bhrut" : "barts";
      rows.add("delay_census", day, j.id, j.borough, j.hospital, provider, episode == null ? null : episode.pathway(),
          reason == null ? null : reason.reason(), reason == null ? null : NATIONAL_CODE.get(reason.reason()),
          reason == null ? null : reason.attribution(), setting, (int) ChronoUnit.DAYS.between(date(drd), day));
    }
  }

  // --- distributions ---

  /** A referral time in the window: fewer at weekends, mostly in the working day. */
  private Instant referralTime() {
    while (true) {
      Instant t = windowStart.plusSeconds((long) (random.nextDouble() * windowSeconds));
      LocalDate d = date(t);
      boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (weekend && random.nextDouble() < 0.45) {
        continue;
      }
      LocalTime time = LocalTime.of(8, 0).plusMinutes((long) (Math.min(1.0, Math.abs(gaussian(0.45, 0.22))) * 600));
      return d.atTime(time).atZone(LONDON).toInstant();
    }
  }

  /**
   * The discharge: the DRD's date plus a sampled delay (most 0-3 days, a tail past 21), not before
   * the work allows, at a time of day (some before midday, some out of hours), fewer at weekends.
   */
  private Instant dischargeTime(Instant drd, Instant earliest) {
    int[] bands = {0, 1, 2, 4, 7, 14, 21};
    int[] width = {1, 1, 2, 3, 7, 7, 40};
    int band = weighted(new int[] {38, 20, 18, 11, 7, 3, 3});
    int delayDays = bands[band] + (band == 6 ? (int) Math.min(width[6] - 1, -Math.log(1 - random.nextDouble()) * 10)
        : random.nextInt(width[band]));
    LocalDate day = date(drd).plusDays(delayDays);
    LocalDate first = date(earliest);
    if (earliest.atZone(LONDON).toLocalTime().isAfter(LocalTime.of(18, 0))) {
      first = first.plusDays(1);
    }
    if (day.isBefore(first)) {
      day = first;
    }
    if ((day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)
        && random.nextDouble() < 0.5) {
      day = day.plusDays(day.getDayOfWeek() == DayOfWeek.SATURDAY ? 2 : 1);
    }
    double u = random.nextDouble();
    LocalTime time;
    if (u < 0.06) {
      time = LocalTime.of(20, 0).plusMinutes(random.nextInt(210));
    } else if (u < 0.08) {
      time = LocalTime.of(6, 0).plusMinutes(random.nextInt(120));
    } else if (u < 0.25) {
      time = LocalTime.of(8, 0).plusMinutes(random.nextInt(240));
    } else {
      time = LocalTime.of(12, 0).plusMinutes(random.nextInt(450));
    }
    Instant at = day.atTime(time).atZone(LONDON).toInstant();
    return at.isBefore(earliest) ? earliest.plus(minutes(random.nextInt(120))) : at;
  }

  private String[] place() {
    double u = random.nextDouble();
    String borough = u < 0.3 ? "lbbd" : u < 0.65 ? "lbh" : "lbr";
    double v = random.nextDouble();
    String hospital = switch (borough) {
      case "lbbd" -> v < 0.6 ? "bhrut-kgh" : "bhrut-queens";
      case "lbh" -> v < 0.85 ? "bhrut-queens" : "bhrut-kgh";
      default -> v < 0.5 ? "bhrut-kgh" : v < 0.85 ? "barts-whipps" : "bhrut-queens";
    };
    return new String[] {borough, hospital};
  }

  private int age() {
    double u = random.nextDouble();
    if (u < 0.15) {
      return 18 + random.nextInt(47);
    }
    if (u < 0.35) {
      return 65 + random.nextInt(10);
    }
    if (u < 0.7) {
      return 75 + random.nextInt(10);
    }
    return 85 + random.nextInt(16);
  }

  private int pathway() {
    return weighted(new int[] {500, 450, 40, 10});
  }

  private static String reablementTeam(String borough) {
    return switch (borough) {
      case "lbbd" -> "lbbd-crisis";
      case "lbh" -> "nelft-reablement";
      default -> "lbr-reablement";
    };
  }

  private int weighted(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int r = random.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private double logNormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  private double gaussian(double mean, double sd) {
    return mean + sd * random.nextGaussian();
  }

  private String nhsNumber() {
    while (true) {
      StringBuilder digits = new StringBuilder(10);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        int d = i == 0 ? 4 + random.nextInt(6) : random.nextInt(10);
        digits.append(d);
        sum += d * (10 - i);
      }
      int check = (11 - sum % 11) % 11;
      if (check != 10) {
        return digits.append(check).toString();
      }
    }
  }

  private UUID uuid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private long definition(String process) {
    return definitions.getOrDefault(process, 0L);
  }

  private static boolean outOfHours(Instant at) {
    LocalTime t = at.atZone(LONDON).toLocalTime();
    return t.isBefore(LocalTime.of(8, 0)) || !t.isBefore(LocalTime.of(20, 0));
  }

  private static LocalDate date(Instant at) {
    return at.atZone(LONDON).toLocalDate();
  }

  private static Duration hours(double h) {
    return Duration.ofSeconds((long) (h * 3600));
  }

  private static Duration minutes(long m) {
    return Duration.ofMinutes(m);
  }
}
