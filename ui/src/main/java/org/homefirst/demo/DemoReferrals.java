package org.homefirst.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.StaffDirectory;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A morning's caseload for a newcomer, created once through the same intake as real referrals and
 * then moved on through the same inbox as people would (claim, complete with the form's answers),
 * so every pathway has patients at a different step: new referrals to triage, a pathway to
 * confirm, assessments to review, discharges to plan, a Fast Track for the CHC team.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "homefirst.demo-data", havingValue = "true", matchIfMissing = true)
class DemoReferrals implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoReferrals.class);
  private static final Duration STEP_WAIT = Duration.ofSeconds(60);

  private final ReferralIntake intake;
  private final TaskInbox inbox;
  private final StaffDirectory staff;
  private final JdbcClient db;
  private final Clock clock;

  DemoReferrals(ReferralIntake intake, TaskInbox inbox, StaffDirectory staff, JdbcClient db, Clock clock) {
    this.intake = intake;
    this.inbox = inbox;
    this.staff = staff;
    this.db = db;
    this.clock = clock;
  }

  /** One step a person takes: the task (element id) and the form's answers. */
  record Step(String elementId, Map<String, Object> answers) {}

  record Patient(ReferralRequest referral, List<Step> steps) {}

  @Override
  public void run(ApplicationArguments args) {
    // Generated history (DemoHistory) is no caseload: its referrals are all completed.
    if (db.sql("select count(*) from referral where created_by <> 'history-generator'").query(Integer.class).single() > 0) {
      return;
    }
    List<Patient> patients = caseload(clock.instant());
    List<Map.Entry<Referral, List<Step>>> started = new ArrayList<>();
    for (Patient p : patients) {
      started.add(Map.entry(intake.receive(p.referral(), "demo-data"), p.steps()));
    }
    log.info("Created {} demo referrals; moving them along their pathways in the background", patients.size());
    Thread.ofPlatform().name("demo-journeys").daemon().start(() -> {
      int done = 0;
      for (var journey : started) {
        if (advance(journey.getKey(), journey.getValue())) {
          done++;
        }
      }
      log.info("Demo journeys ready: {} of {} at their demo step", done, started.size());
    });
  }

  private boolean advance(Referral referral, List<Step> steps) {
    for (Step step : steps) {
      InboxTask task = await(referral, step.elementId());
      if (task == null) {
        log.warn("Demo referral {} did not reach {}; left where it is", referral.id(), step.elementId());
        return false;
      }
      TeamMember someone = memberFor(task);
      try {
        inbox.claim(someone, task.key());
        inbox.complete(someone, task.key(), step.answers());
      } catch (RuntimeException e) {
        log.warn("Demo step {} of referral {} refused: {}", step.elementId(), referral.id(), e.getMessage());
        return false;
      }
    }
    return true;
  }

  /** A demo colleague of the task's team, so the journey shows a person, not "system". */
  private TeamMember memberFor(InboxTask task) {
    List<String> members = staff.membersOf(task.candidateGroups());
    String name = members.isEmpty() ? "demo." + task.candidateGroups().get(0) : members.get(0);
    return new TeamMember(name, Set.copyOf(task.candidateGroups()));
  }

  private InboxTask await(Referral referral, String elementId) {
    Instant deadline = Instant.now().plus(STEP_WAIT);
    while (Instant.now().isBefore(deadline)) {
      var task = inbox.openTasksOf(referral).stream().filter(t -> t.elementId().equals(elementId)).findFirst();
      if (task.isPresent()) {
        return task.get();
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private static List<Patient> caseload(Instant now) {
    String tomorrowMorning = LocalDate.now(org.homefirst.base.Formats.LONDON).plusDays(1) + "T10:30:00";
    return List.of(
        // New referrals waiting for triage.
        new Patient(referral("0830166130", "Margaret", "Okafor", "1938-05-14", "lbh", "bhrut-queens", "Ward 7 (Elm)",
            now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2))), List.of()),
        new Patient(referral("9935181901", "Eileen", "Brennan", "1935-09-09", "lbbd", "barts-whipps", "Bracken Ward",
            now.minus(Duration.ofDays(3)), null), List.of()),
        // Pathway 1 in Redbridge: a key safe fitted by the handyperson scheme before discharge, a
        // pendant alarm from the council alongside; home now, the Seven Kings locality team (IG3)
        // assesses at home.
        new Patient(new ReferralRequest("9434567890", "Winifred", "Clarke", "1939-08-17", "lbr", "bhrut-kgh",
            "Ward 4 (Larch)", now.minus(Duration.ofDays(8)).toString(), now.minus(Duration.ofDays(2)).toString(),
            "ig3 8ab"),
            List.of(triage(false, false, false, true),
                confirm(1, Map.of("handypersonNeeded", true, "handypersonWork", "Key safe; grab rail by the front door",
                    "handypersonBeforeDischarge", true, "telecareNeeded", true, "telecareEquipment", "Pendant alarm",
                    "voluntarySupportWanted", true)),
                assess("Walks with a stick; cannot open the door quickly when carers call; lives alone; wants to go home."),
                new Step("Task_ReviewAssessment", Map.of("assessmentAccepted", true)),
                new Step("Task_PlanDischarge", Map.of("plannedDischargeAt", tomorrowMorning)),
                new Step("Task_ConfirmDischarge", Map.of("dischargedAt", now.toString())),
                new Step("Task_ConfirmServiceStarted",
                    Map.of("serviceStartedAt", LocalDate.now(org.homefirst.base.Formats.LONDON).toString())))),
        // Triaged: the suggested pathway (1) waits to be confirmed.
        new Patient(referral("1860913903", "Harold", "Whitfield", "1944-11-02", "lbbd", "bhrut-kgh", "Ward 3 (Sunflower)",
            now.minus(Duration.ofDays(4)), null), List.of(triage(false, false, false, true))),
        // Pathway 1: trusted assessment done, the borough's reablement service reviews it.
        new Patient(referral("9960308243", "Nasreen", "Akhtar", "1951-01-23", "lbr", "barts-whipps", "Curie Ward",
            now.minus(Duration.ofDays(22)), now.minus(Duration.ofDays(5))),
            List.of(triage(false, false, false, true), confirm(1, Map.of("equipmentNeeded", true)),
                assess("Mobile with a frame indoors; needs help washing and dressing twice a day; lives alone; wants to go home."))),
        // Pathway 2: NELFT's rehab bed service accepted the assessment; the discharge to plan.
        new Patient(referral("6281948211", "Derek", "Osei", "1947-07-30", "lbr", "bhrut-kgh", "Ward 12 (Frail Elderly)",
            now.minus(Duration.ofDays(6)), now.minus(Duration.ofHours(20))),
            List.of(triage(false, false, true, false), confirm(2, Map.of()),
                assess("Post hip fracture; transfers with two; needs two weeks of bed-based rehabilitation."),
                new Step("Task_ReviewAssessment", Map.of("assessmentAccepted", true)))),
        // Pathway 0: home without new support; the discharge time to plan.
        new Patient(referral("4010232137", "George", "Lindqvist", "1949-02-11", "lbh", "bhrut-kgh", "Ward 5 (Cedar)",
            now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(6))),
            List.of(triage(false, false, false, false), confirm(0, Map.of("voluntarySupportWanted", true)),
                new Step("Task_PlanDischarge", Map.of("plannedDischargeAt", tomorrowMorning)))),
        // Pathway 3, Fast Track: the ICB (CHC team) must act within 48 hours.
        new Patient(referral("5820274601", "Iris", "Adebayo", "1940-12-01", "lbbd", "bhrut-queens", "Ward 9 (Palliative)",
            now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))),
            List.of(triage(true, true, false, false), confirm(3, Map.of()))));
  }

  private static Step triage(boolean fastTrack, boolean needs24HourCare, boolean needsBedBasedRehab, boolean needsNewSupport) {
    return new Step("Task_Triage", Map.of("fastTrack", fastTrack, "needs24HourCare", needs24HourCare,
        "needsBedBasedRehab", needsBedBasedRehab, "needsNewSupport", needsNewSupport, "section117", false));
  }

  private static Step confirm(int pathway, Map<String, Object> more) {
    var answers = new java.util.HashMap<String, Object>(more);
    answers.put("pathway", pathway);
    return new Step("Task_ConfirmPathway", answers);
  }

  private static Step assess(String assessment) {
    return new Step("Task_TrustedAssessment", Map.of("trustedAssessment", assessment));
  }

  private static ReferralRequest referral(
      String nhs, String given, String family, String dob, String borough, String hospital, String ward, Instant admitted, Instant ready) {
    return new ReferralRequest(
        nhs, given, family, dob, borough, hospital, ward, admitted.toString(), ready == null ? null : ready.toString());
  }
}
