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

  /** A step a person takes: the task (element id), the form's answers, who (null: a colleague of the team). */
  record Step(String elementId, Map<String, Object> answers, String by) {

    Step(String elementId, Map<String, Object> answers) {
      this(elementId, answers, null);
    }
  }

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
      TeamMember someone = step.by() == null ? memberFor(task)
          : new TeamMember(step.by(), Set.copyOf(task.candidateGroups()));
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

  static List<Patient> caseload(Instant now) {
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
            List.of(triage("livesAlone", true, "mobility", "walking-aid", "homeEnvironment", "needs-adaptation"),
                confirm(1, Map.of("handypersonNeeded", true, "handypersonWork", "Key safe; grab rail by the front door",
                    "handypersonBeforeDischarge", true, "telecareNeeded", true, "telecareEquipment", "Pendant alarm",
                    "voluntarySupportWanted", true)),
                assess("occupational-therapist", Map.of(
                    "assessmentMobility", "Walks with a stick indoors; cannot get to the door quickly when carers call",
                    "assessmentPersonalCare", "Independent with a perching stool",
                    "assessmentContinence", "Continent",
                    "assessmentCognition", "No concerns; has capacity for decisions about her care",
                    "assessmentSkin", "Intact",
                    "assessmentMedication", "Manages her own medicines",
                    "assessmentHome", "First-floor flat with a lift; no key safe",
                    "assessmentEquipment", "Key safe before discharge; pendant alarm",
                    "assessmentRisks", "Lives alone; falls risk when hurrying to the door",
                    "assessmentGoals", "Wants to go home; consents to the handyperson and council visits"),
                    "Home with reablement; key safe fitted before discharge.", null),
                new Step("Task_ReviewAssessment", Map.of("assessmentAccepted", true)),
                new Step("Task_PlanDischarge", Map.of("plannedDischargeAt", tomorrowMorning)),
                new Step("Task_ConfirmDischarge", Map.of("dischargedAt", now.toString())),
                new Step("Task_ConfirmServiceStarted",
                    Map.of("serviceStartedAt", LocalDate.now(org.homefirst.base.Formats.LONDON).toString())))),
        // Triaged: the suggested pathway (1) waits to be confirmed.
        new Patient(referral("1860913903", "Harold", "Whitfield", "1944-11-02", "lbbd", "bhrut-kgh", "Ward 3 (Sunflower)",
            now.minus(Duration.ofDays(4)), null),
            List.of(triage("livesAlone", true, "mobility", "walking-aid", "recentFalls", true,
                "wishesInOwnWords", "I want to be in my own flat with my cat"))),
        // Pathway 1: trusted assessment done, the borough's reablement service reviews it.
        new Patient(referral("9960308243", "Nasreen", "Akhtar", "1951-01-23", "lbr", "barts-whipps", "Curie Ward",
            now.minus(Duration.ofDays(22)), now.minus(Duration.ofDays(5))),
            List.of(triage("livesAlone", true, "carerAvailable", false, "mobility", "help-of-one",
                    "homeEnvironment", "needs-adaptation"), confirm(1, Map.of("equipmentNeeded", true)),
                assess("occupational-therapist", Map.of(
                    "assessmentMobility", "Mobile with a frame indoors; transfers with help of one; stairs not assessed",
                    "assessmentPersonalCare", "Needs help washing and dressing twice a day",
                    "assessmentContinence", "Continent; uses pads at night",
                    "assessmentCognition", "No concerns; has capacity for decisions about her care",
                    "assessmentSkin", "Intact; low pressure risk",
                    "assessmentMedication", "Manages own medicines from a blister pack",
                    "assessmentHome", "Ground-floor flat, one step at the door; no key safe yet",
                    "assessmentEquipment", "Perching stool, toilet frame; key safe and pendant alarm to arrange",
                    "assessmentRisks", "Falls risk at night; lives alone",
                    "assessmentGoals", "Wants to go home and manage her own shopping again; consents to sharing"),
                    "Home with reablement twice a day; key safe before discharge.", null))),
        // Pathway 2: NELFT's rehab bed service accepted the assessment; the discharge to plan.
        new Patient(referral("6281948211", "Derek", "Osei", "1947-07-30", "lbr", "bhrut-kgh", "Ward 12 (Frail Elderly)",
            now.minus(Duration.ofDays(6)), now.minus(Duration.ofHours(20))),
            List.of(triage("mobility", "help-of-two", "recentFalls", true), confirm(2, Map.of()),
                // A ward physiotherapist assesses on behalf of NELFT's rehab beds (the trusted assessor).
                assess("physiotherapist", Map.of(
                    "assessmentMobility", "Post hip fracture; transfers with two and a rotunda; 5 m with a frame",
                    "assessmentPersonalCare", "Help of one to wash and dress the lower half",
                    "assessmentContinence", "Continent",
                    "assessmentCognition", "Mild delirium on admission, now settled; has capacity",
                    "assessmentSkin", "Grade 1 pressure area on the sacrum; repositioning 4-hourly",
                    "assessmentMedication", "Anticoagulant for 5 weeks; needs prompting",
                    "assessmentHome", "House with stairs; bedroom upstairs",
                    "assessmentEquipment", "Frame, raised toilet seat",
                    "assessmentRisks", "Falls; pressure damage",
                    "assessmentGoals", "Walk to the shops again; agrees to two weeks of rehab in a community bed"),
                    "Needs two weeks of bed-based rehabilitation.", "ward.therapist"),
                new Step("Task_ReviewAssessment", Map.of("assessmentAccepted", true)))),
        // Pathway 0: home without new support; the discharge time to plan.
        new Patient(referral("4010232137", "George", "Lindqvist", "1949-02-11", "lbh", "bhrut-kgh", "Ward 5 (Cedar)",
            now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(6))),
            List.of(triage(), confirm(0, Map.of("voluntarySupportWanted", true)),
                new Step("Task_PlanDischarge", Map.of("plannedDischargeAt", tomorrowMorning)))),
        // Pathway 3, Fast Track: the ICB (CHC team) must act within 48 hours.
        new Patient(referral("5820274601", "Iris", "Adebayo", "1940-12-01", "lbbd", "bhrut-queens", "Ward 9 (Palliative)",
            now.minus(Duration.ofDays(5)), now.minus(Duration.ofDays(1))),
            List.of(triage("fastTrack", true, "mobility", "help-of-two", "cognition", "impairment"),
                confirm(3, Map.of()))));
  }

  /** Triage of a patient who needs nothing new, but for the facts given (pairs of fact and answer). */
  private static Step triage(Object... facts) {
    var answers = new java.util.HashMap<String, Object>(Map.of("fastTrack", false, "livesAlone", false,
        "carerAvailable", true, "cognition", "no-concerns", "mobility", "independent", "recentFalls", false,
        "infection", "none", "homeEnvironment", "suitable", "carePackage", "none", "patientWishes", "home"));
    answers.put("section117", false);
    for (int i = 0; i < facts.length; i += 2) {
      answers.put((String) facts[i], facts[i + 1]);
    }
    return new Step("Task_Triage", answers);
  }

  private static Step confirm(int pathway, Map<String, Object> more) {
    var answers = new java.util.HashMap<String, Object>(more);
    answers.put("pathway", pathway);
    return new Step("Task_ConfirmPathway", answers);
  }

  /** A structured trusted assessment: the assessor's profession, every domain, a summary; by whom (null: the team). */
  private static Step assess(String profession, Map<String, Object> domains, String summary, String by) {
    var answers = new java.util.HashMap<String, Object>(domains);
    answers.put("assessorProfession", profession);
    answers.put("trustedAssessment", summary);
    return new Step("Task_TrustedAssessment", answers, by);
  }

  private static ReferralRequest referral(
      String nhs, String given, String family, String dob, String borough, String hospital, String ward, Instant admitted, Instant ready) {
    return new ReferralRequest(
        nhs, given, family, dob, borough, hospital, ward, admitted.toString(), ready == null ? null : ready.toString());
  }
}
