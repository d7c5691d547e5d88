package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.homefirst.inbox.TaskAnswers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TaskRefused;
import org.homefirst.inbox.TeamMember;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.council.CouncilProperties;
import org.homefirst.workers.council.LocalCouncils;
import org.homefirst.workers.nelft.NelftProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pathways 1, 2 and 3 of the full discharge journey on the embedded engine, with our projection, our
 * job workers and the partner simulators the application starts in the test profile: each patient
 * from referral to the end of the journey, and partners refusing requests. People's tasks are
 * completed as their forms would; every service task (partner requests, hospital requests, CHC
 * commissioning, the discharge announcement, the GP notifications) is done by our workers, and
 * partners' decisions reach the journey through the decision pollers as
 * {@code homefirst.partner-decided}.
 *
 * <p>Each journey is checked for what could go wrong unseen: it ends {@code COMPLETED} with a
 * closing time, no incident was ever raised in it, the calls to partners are on the patient's
 * record under the partner's system name, and the partner holds exactly one referral per request.
 */
class PathwaysTest extends StackTest {

  @Autowired ReferralIntake intake;
  @Autowired JourneyClocks clocks;
  @Autowired TaskAnswers answers;
  @Autowired NelftSimulator nelft;
  @Autowired NelftProperties nelftSettings;
  @Autowired CouncilProperties councilSettings;
  @Autowired LocalCouncils councils;
  @Autowired TaskInbox inbox;
  @Autowired JourneyEvents events;

  private static final TeamMember NELFT_IRS = new TeamMember("nelft.therapist", Set.of("nelft-irs", "nelft-reablement"));

  /** The simulators are shared with every test of the run: back to how the application set them up. */
  @AfterEach
  void partnersDecideAsConfigured() {
    nelft.decideAutomatically(NelftSimulator.Decision.ACCEPT, nelftSettings.simulatorDecideAfter());
    for (String borough : List.of("lbbd", "lbh", "lbr")) {
      council(borough).decideAutomatically(CouncilSimulator.Decision.ACCEPT, councilSettings.simulatorDecideAfter());
    }
  }

  /**
   * Pathway 1 (Home First) for a Havering resident: the trusted assessment goes to NELFT
   * reablement, the reablement request goes to NELFT through its adapter, NELFT accepts, the
   * equipment is ordered, the patient goes home, support starts, is reviewed (no long-term care)
   * and the 91-day check (clock shortened to 2 s after discharge) ends the journey.
   */
  @Test
  void pathwayOneHomeFirstReablementByNelftRunsToTheNinetyOneDayCheck() {
    Referral referral = referWithClock("followUpAfter", "PT2S",
        new ReferralRequest(validNhsNumber(), "Margaret", "Okafor", "1938-05-14", "lbh", "bhrut-queens", "Ward 3",
            "2026-11-20T08:15:00Z", null));
    long root = referral.processInstanceKey();

    triage(root, "jad", false, false, false, true);
    assertThat(variable(root, "suggestedPathway")).isEqualTo("1");
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 1, "equipmentNeeded", true));
    complete(root, "Task_TrustedAssessment", "jad",
        Map.of("trustedAssessment", "Mobile with frame; needs help washing and dressing for 2-3 weeks"));
    complete(root, "Task_ReviewAssessment", "nelft-reablement", Map.of("assessmentAccepted", true));

    Map<String, Object> request = partnerReferral(referral, "nelft");
    eventually("the journey to wait for NELFT reablement's decision", () -> active(root, "Task_AwaitReablementDecision"));
    assertThat(openTask(root, "Task_PlanDischarge")).as("no discharge before the service accepts").isNull();
    nelft.accept((String) request.get("downstream_id"));

    dischargeHome(root);
    complete(root, "Task_ConfirmServiceStarted", "nelft-reablement", Map.of("serviceStartedAt", LocalDate.now().toString()));
    complete(root, "Task_AssessAtHome", "nelft-reablement",
        Map.of("homeAssessment", "Managing stairs; daily visits for personal care"));
    complete(root, "Task_ReablementReview", "nelft-reablement",
        Map.of("longTermCareNeeded", false, "reviewNotes", "Independent again"));
    complete(root, "Task_FollowUpCheck", "nelft-reablement", Map.of("stillAtHomeAt91Days", true));

    assertJourneyCompleted(referral);
    assertThat(hospitalRequests(referral)).containsExactly("equipment");
    assertThat(decisionOf(request)).isEqualTo("accepted");
    assertThat(exchanges(referral)).containsExactly("nelft create-service-request", "nelft decision");
    assertOneReferralPerRequestAtNelft(referral, 1);
    assertThat(variable(root, "stillAtHomeAt91Days")).isEqualTo("true");
    assertThat(gpNotifications(referral)).containsExactly("gp-discharge SENT", "gp-journey-complete SENT");
  }

  /**
   * Pathway 2 (NELFT community rehab bed): the bed request goes to NELFT's FHIR simulator, NELFT
   * accepts, the patient is transferred out of acute, and the bed stay review sends them home
   * without further support, which ends the journey.
   */
  @Test
  void pathwayTwoRehabBedAcceptedByNelftRunsUntilHome() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Derek", "Osei", "1947-07-30", "lbr",
        "bhrut-kgh", "Ward 12", "2026-11-20T09:30:00Z", null));
    long root = referral.processInstanceKey();

    triage(root, "lbr-hospital-sw", false, false, true, false);
    assertThat(variable(root, "suggestedPathway")).isEqualTo("2");
    complete(root, "Task_ConfirmPathway", "lbr-hospital-sw", Map.of("pathway", 2));
    complete(root, "Task_TrustedAssessment", "lbr-hospital-sw",
        Map.of("trustedAssessment", "Post hip fracture; transfers with two"));
    complete(root, "Task_ReviewAssessment", "nelft-irs", Map.of("assessmentAccepted", true));

    Map<String, Object> request = partnerReferral(referral, "nelft");
    eventually("the journey to wait for NELFT's decision", () -> active(root, "Task_AwaitBedDecision"));
    nelft.accept((String) request.get("downstream_id"));

    dischargeHome(root);
    complete(root, "Task_BedStayReview", "nelft-irs", Map.of());

    assertJourneyCompleted(referral);
    assertThat(decisionOf(request)).isEqualTo("accepted");
    assertThat(exchanges(referral)).containsExactly("nelft create-service-request", "nelft decision");
    assertOneReferralPerRequestAtNelft(referral, 1);
  }

  /**
   * Pathway 3, standard route: the council (Havering's simulator) accepts an interim D2A bed, the
   * patient is discharged to it, CHC is assessed outside hospital (positive checklist, DST in the
   * community, ICB decides CHC-eligible), the care home choice is recorded and the ICB
   * commissions the placement there.
   */
  @Test
  void pathwayThreeStandardRouteInterimBedThenChcPlacement() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Eileen", "Brennan", "1932-01-09", "lbh",
        "bhrut-kgh", "Ward 9", "2026-11-19T14:00:00Z", null));
    long root = referral.processInstanceKey();

    triage(root, "jad", false, true, false, false);
    assertThat(variable(root, "suggestedPathway")).isEqualTo("3");
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 3));
    complete(root, "Task_TrustedAssessment", "jad", Map.of("trustedAssessment", "Needs 24-hour care; hoist transfers"));
    complete(root, "Task_ReviewAssessment", "council-lbh", Map.of("assessmentAccepted", true));

    Map<String, Object> request = partnerReferral(referral, "council-lbh");
    eventually("the journey to wait for the council's decision", () -> active(root, "Task_AwaitInterimBedDecision"));
    council("lbh").accept((String) request.get("downstream_id"));

    dischargeHome(root);
    complete(root, "Task_ChcChecklist", "council-lbh", Map.of("checklistPositive", true));
    complete(root, "Task_DecisionSupportTool", "chc",
        Map.of("dstSetting", "community", "dstRecommendation", "chc-eligible", "dstNotes", "Primary health need"));
    complete(root, "Task_IcbDecision", "chc", Map.of("chcOutcome", "chc-eligible"));
    complete(root, "Task_RecordCareHomeChoice", "council-lbh", Map.of("careHomeChoice", "Cedar Lodge Nursing Home"));

    assertJourneyCompleted(referral);
    assertThat(decisionOf(request)).isEqualTo("accepted");
    assertThat(db.sql("select kind || ' ' || care_home_choice from chc_commissioning where referral_id = ?")
        .param(referral.id()).query(String.class).list()).containsExactly("placement Cedar Lodge Nursing Home");
    assertThat(exchanges(referral)).containsExactly("council-lbh request-interim-bed", "council-lbh decision");
    assertOneReferralPerRequestAtCouncil(referral, "lbh", 1);
  }

  /**
   * Pathway 3, standard route for a Redbridge resident, with the other branches: the council
   * declines the first interim bed later (its decision found by the council poller), the
   * coordinator sees why and asks again, the second bed is accepted; the DST happens in hospital
   * (its reason recorded), the ICB decides NHS-funded nursing care, which is arranged, and the
   * council accepts the placement in the chosen care home.
   */
  @Test
  void pathwayThreeInterimBedDeclinedThenFncWithCouncilPlacement() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Arthur", "Pike", "1935-03-17", "lbr",
        "barts-whipps", "Ward 4", "2026-11-19T16:20:00Z", null));
    long root = referral.processInstanceKey();
    triage(root, "lbr-hospital-sw", false, true, false, false);
    complete(root, "Task_ConfirmPathway", "lbr-hospital-sw", Map.of("pathway", 3));
    complete(root, "Task_TrustedAssessment", "lbr-hospital-sw", Map.of("trustedAssessment", "Nursing needs at night"));
    complete(root, "Task_ReviewAssessment", "council-lbr", Map.of("assessmentAccepted", true));

    Map<String, Object> first = partnerReferral(referral, "council-lbr");
    eventually("the journey to wait for the council's decision", () -> active(root, "Task_AwaitInterimBedDecision"));
    council("lbr").decline((String) first.get("downstream_id"), "No interim nursing bed in the borough");
    long findAnother = eventually("the coordinator to find another bed",
        () -> openTask(root, "Task_ResolveInterimBedRejection"));
    assertThat(teamsOf(findAnother)).containsExactly("lbr-hospital-sw");
    assertThat(shownOn(REDBRIDGE, findAnother)).containsEntry("rejectionReason", "No interim nursing bed in the borough")
        .containsEntry("rejectedBy", "council-lbr");
    assertThat(incidents(root)).isZero();
    answers.give(findAnother, Map.of("rejectionNotes", "Try the Ilford unit"));

    Map<String, Object> second = eventually("a second interim bed request", () -> {
      List<Map<String, Object>> requests = partnerReferrals(referral, "council-lbr");
      return requests.size() == 2 ? requests.get(1) : null;
    });
    eventually("the journey to wait for the second decision", () -> active(root, "Task_AwaitInterimBedDecision"));
    council("lbr").accept((String) second.get("downstream_id"));

    dischargeHome(root);
    complete(root, "Task_ChcChecklist", "council-lbr", Map.of("checklistPositive", true));
    complete(root, "Task_DecisionSupportTool", "chc", Map.of("dstSetting", "acute", "dstRecommendation", "fnc"));
    complete(root, "Task_RecordAcuteDstReason", "chc", Map.of("acuteDstReason", "Family asked for it before discharge"));
    complete(root, "Task_IcbDecision", "chc", Map.of("chcOutcome", "fnc"));
    complete(root, "Task_RecordCareHomeChoice", "council-lbr", Map.of("careHomeChoice", "Wanstead Park Care Home"));

    Map<String, Object> placement = eventually("the placement request at the council", () -> {
      List<Map<String, Object>> requests = partnerReferrals(referral, "council-lbr");
      return requests.size() == 3 ? requests.get(2) : null;
    });
    eventually("the journey to wait for the placement decision", () -> active(root, "Task_AwaitPlacementDecision"));
    council("lbr").accept((String) placement.get("downstream_id"));

    assertJourneyCompleted(referral);
    assertThat(partnerReferrals(referral, "council-lbr")).extracting(r -> r.get("status"))
        .containsExactly("rejected", "accepted", "accepted");
    assertThat(db.sql("select kind from chc_commissioning where referral_id = ?").param(referral.id())
        .query(String.class).list()).containsExactly("fnc");
    assertThat(exchanges(referral)).containsExactly("council-lbr request-interim-bed", "council-lbr decision",
        "council-lbr request-interim-bed", "council-lbr decision", "council-lbr request-placement",
        "council-lbr decision");
    assertOneReferralPerRequestAtCouncil(referral, "lbr", 3);
    assertThat(council("lbr").referrals()).filteredOn(r -> r.nhsNumber().equals(referral.nhsNumber()))
        .extracting(CouncilSimulator.StoredReferral::type).containsExactly("interim-bed", "interim-bed", "placement");
    assertThat(variable(root, "dstSetting")).isEqualTo("\"acute\"");
  }

  /**
   * A Redbridge patient steps down from a NELFT rehab bed to pathway 1: after the bed stay review
   * the journey runs pathway 1 (a new trusted assessment of that kind, reablement from the
   * council, discharge from the community bed), the review finds long-term care is needed, the
   * council accepts it, and the 91-day check ends the journey.
   */
  @Test
  void stepDownFromARehabBedToReablementWithLongTermCare() {
    Referral referral = referWithClock("followUpAfter", "PT2S",
        new ReferralRequest(validNhsNumber(), "Joan", "Whitaker", "1939-08-11", "lbr", "bhrut-kgh", "Ward 10",
            "2026-11-18T12:00:00Z", null, "e18 1ab"));
    long root = referral.processInstanceKey();
    triage(root, "lbr-hospital-sw", false, false, true, false);
    complete(root, "Task_ConfirmPathway", "lbr-hospital-sw", Map.of("pathway", 2));
    complete(root, "Task_TrustedAssessment", "lbr-hospital-sw", Map.of("trustedAssessment", "Rehab after a fall"));
    complete(root, "Task_ReviewAssessment", "nelft-irs", Map.of("assessmentAccepted", true));
    Map<String, Object> bed = partnerReferral(referral, "nelft");
    eventually("the journey to wait for NELFT's decision", () -> active(root, "Task_AwaitBedDecision"));
    nelft.accept((String) bed.get("downstream_id"));
    dischargeHome(root);
    complete(root, "Task_BedStayReview", "nelft-irs", Map.of("nextPathway", 1));

    complete(root, "Task_TrustedAssessment", "lbr-hospital-sw", Map.of("trustedAssessment", "Ready for home with support"));
    complete(root, "Task_ReviewAssessment", "lbr-reablement", Map.of("assessmentAccepted", true));
    Map<String, Object> reablement = partnerReferral(referral, "council-lbr");
    eventually("the journey to wait for the council's decision", () -> active(root, "Task_AwaitReablementDecision"));
    council("lbr").accept((String) reablement.get("downstream_id"));
    eventually("the discharge from the community bed to be planned", () -> openTask(root, "Task_PlanDischarge"));
    assertThat(db.sql("select count(*) from user_task where root_instance_key = ? and element_id = 'Task_PlanDischarge'")
        .param(root).query(Integer.class).single()).as("a second discharge: from the community bed").isEqualTo(2);
    dischargeHome(root);
    complete(root, "Task_ConfirmServiceStarted", "lbr-reablement", Map.of("serviceStartedAt", LocalDate.now().toString()));
    // a Redbridge community handoff: the locality team for her postcode (E18: Wanstead and Woodford)
    complete(root, "Task_AssessAtHome", "lbr-locality-wanstead", Map.of("homeAssessment", "Needs a long-term package"));
    complete(root, "Task_ReablementReview", "lbr-reablement", Map.of("longTermCareNeeded", true));

    Map<String, Object> longTermCare = eventually("the long-term care request", () -> {
      List<Map<String, Object>> requests = partnerReferrals(referral, "council-lbr");
      return requests.size() == 2 ? requests.get(1) : null;
    });
    eventually("the journey to wait for the long-term care decision", () -> active(root, "Task_AwaitLongTermCareDecision"));
    council("lbr").accept((String) longTermCare.get("downstream_id"));
    complete(root, "Task_FollowUpCheck", "lbr-reablement", Map.of("stillAtHomeAt91Days", true));

    assertJourneyCompleted(referral);
    assertThat(variable(root, "pathway")).isEqualTo("1");
    assertThat(variable(root, "pathwayHistory")).contains("\"pathway\":2", "\"pathway\":1", "step up/down after review");
    assertThat(exchanges(referral)).containsExactly("nelft create-service-request", "nelft decision",
        "council-lbr request-reablement", "council-lbr decision", "council-lbr request-long-term-care",
        "council-lbr decision");
    assertOneReferralPerRequestAtNelft(referral, 1);
    assertOneReferralPerRequestAtCouncil(referral, "lbr", 2);
    assertThat(gpNotifications(referral)).containsExactly("gp-discharge SENT", "gp-discharge SENT",
        "gp-journey-complete SENT");
  }

  /**
   * Pathway 3 on Fast Track: the CHC team accepts within its clock, the ICB commissions Fast
   * Track care and the patient is discharged; no partner system is asked for anything.
   */
  @Test
  void pathwayThreeFastTrackCommissionsCareAndDischarges() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Iris", "Adebayo", "1940-10-02", "lbbd",
        "bhrut-queens", "Ward 5", "2026-11-21T07:45:00Z", null));
    long root = referral.processInstanceKey();

    triage(root, "jad", true, false, false, false);
    assertThat(variable(root, "suggestedPathway")).isEqualTo("3");
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 3));
    complete(root, "Task_FastTrackDecision", "chc", Map.of("chcOutcome", "chc-eligible"));
    dischargeHome(root);

    assertJourneyCompleted(referral);
    assertThat(db.sql("select kind from chc_commissioning where referral_id = ?").param(referral.id())
        .query(String.class).list()).containsExactly("fast-track-care");
    assertThat(exchanges(referral)).isEmpty();
  }

  /**
   * NELFT rejects the rehab bed (its simulator refuses every new referral): the rejection reaches
   * the journey by message, the coordinator's decision task shows NELFT's reason, nothing is an
   * incident; the coordinator asks again, NELFT accepts the new request and the journey runs to
   * its end. NELFT holds one referral per request: the rejected one and the accepted one.
   */
  @Test
  void aRehabBedRejectedByNelftGoesToTheCoordinatorAndARetryIsAccepted() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Harold", "Whitfield", "1944-12-24", "lbh",
        "bhrut-kgh", "Ward 12", "2026-11-20T11:00:00Z", null));
    long root = referral.processInstanceKey();
    triage(root, "jad", false, false, true, false);
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 2));
    complete(root, "Task_TrustedAssessment", "jad", Map.of("trustedAssessment", "Stroke rehab; transfers with one"));
    nelft.rejecting("No community rehabilitation bed until next week");
    complete(root, "Task_ReviewAssessment", "nelft-irs", Map.of("assessmentAccepted", true));

    long decide = eventually("the coordinator's decision on the rejected bed", () -> openTask(root, "Task_ResolveBedRejection"));
    assertThat(teamsOf(decide)).containsExactly("jad");
    assertThat(shownOn(JAD, decide)).containsEntry("rejectionReason", "No community rehabilitation bed until next week")
        .containsEntry("rejectedBy", "NELFT").containsEntry("partnerDecision", "rejected");
    assertThat(incidents(root)).isZero();
    List<Map<String, Object>> requests = partnerReferrals(referral, "nelft");
    assertThat(requests).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "rejected"));

    nelft.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    answers.give(decide, Map.of("rejectionDecision", "retry", "rejectionNotes", "Ask again: a bed frees up on Monday"));

    eventually("a second bed request at NELFT", () -> partnerReferrals(referral, "nelft").size() == 2);
    dischargeHome(root);
    complete(root, "Task_BedStayReview", "nelft-irs", Map.of());

    assertJourneyCompleted(referral);
    assertThat(partnerReferrals(referral, "nelft")).extracting(r -> r.get("status"))
        .containsExactly("rejected", "accepted");
    assertThat(exchanges(referral)).containsExactly("nelft create-service-request", "nelft decision",
        "nelft create-service-request", "nelft decision");
    assertOneReferralPerRequestAtNelft(referral, 2);
  }

  /**
   * A coordinator deciding on a rejected rehab bed must choose what happens: an empty decision,
   * or a pathway change without the new pathway, is refused by the inbox with the field to fix and
   * changes nothing (the journey once ended here with the patient still in hospital). A pathway
   * picked on the form before settling on "retry" stays on the task: after the bed is accepted
   * and the review sends the patient home, the journey ends rather than stepping up to pathway 3.
   */
  @Test
  void aBedRejectionNeedsAChoiceAndAPathwayPickedBeforeRetryingDoesNotOverrideTheBedStayReview() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Doris", "Kemp", "1937-09-09", "lbh",
        "bhrut-kgh", "Ward 12", "2026-11-20T11:00:00Z", null));
    long root = referral.processInstanceKey();
    triage(root, "jad", false, false, true, false);
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 2));
    complete(root, "Task_TrustedAssessment", "jad", Map.of("trustedAssessment", "Rehab after a stroke"));
    nelft.rejecting("No community rehabilitation bed until next week");
    complete(root, "Task_ReviewAssessment", "nelft-irs", Map.of("assessmentAccepted", true));
    long decide = eventually("the coordinator's decision on the rejected bed", () -> openTask(root, "Task_ResolveBedRejection"));
    nelft.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    inbox.claim(JAD, decide);

    assertThatThrownBy(() -> inbox.complete(JAD, decide, Map.of()))
        .isInstanceOfSatisfying(TaskRefused.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("rejectionDecision"));
    assertThatThrownBy(() -> inbox.complete(JAD, decide, Map.of("rejectionDecision", "change-pathway")))
        .isInstanceOfSatisfying(TaskRefused.class,
            e -> assertThat(e.fieldErrors()).containsEntry("nextPathway", "choose the new pathway"));
    assertThat(openTask(root, "Task_ResolveBedRejection")).as("still waiting for a decision").isEqualTo(decide);
    assertThat(intake.find(referral.id()).orElseThrow().status()).isEqualTo("OPEN");

    inbox.complete(JAD, decide, Map.of("rejectionDecision", "retry", "nextPathway", 3));
    dischargeHome(root);
    long review = eventually("the bed stay review", () -> openTask(root, "Task_BedStayReview"));
    inbox.claim(NELFT_IRS, review);
    inbox.complete(NELFT_IRS, review, Map.of());

    assertJourneyCompleted(referral);
    assertThat(completed(root, "EndEvent_HomeWithoutSupport")).isTrue();
    assertThat(completed(root, "Task_RecordStepChange")).as("no step up after a home review").isFalse();
    assertThat(partnerReferrals(referral, "nelft")).extracting(r -> r.get("status")).containsExactly("rejected", "accepted");
  }

  /**
   * A pathway change recorded on the journey page is kept in the pathway history as coming from
   * the pathway the patient was on (FEEL sees earlier entries of a context literal, so the entry
   * reads {@code from} before it defines {@code pathway}).
   */
  @Test
  void aPathwayChangeIsRecordedAsComingFromThePathwayThePatientWasOn() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Leonard", "Moss", "1946-04-04", "lbh",
        "bhrut-queens", "Ward 6", "2026-11-20T11:00:00Z", null));
    long root = referral.processInstanceKey();
    triage(root, "jad", false, false, false, false);
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 0, "voluntarySupportWanted", false));
    eventually("pathway 0 to be under way", () -> active(root, "Call_Pathway0"));

    events.publish(referral.id(), "pathway-changed",
        Map.of("newPathway", 1, "pathwayChangeReason", "Family can no longer support at home"), JAD);

    eventually("pathway 1 to start", () -> openTask(root, "Task_TrustedAssessment"));
    assertThat(variable(root, "pathway")).isEqualTo("1");
    assertThat(lastChangeIn(variable(root, "pathwayHistory")))
        .containsEntry("pathway", 1).containsEntry("from", 0)
        .containsEntry("reason", "Family can no longer support at home");
    assertThat(incidents(root)).isZero();
  }

  /**
   * Barking and Dagenham's crisis service (the council) refuses the reablement request in its
   * answer to it: the request task's error boundary takes the journey to the coordinator's
   * decision, with the council's reason and no incident; a retry goes to the council again, is
   * accepted, and the journey goes on to planning the discharge.
   */
  @Test
  void aReablementRequestDeclinedByTheCouncilGoesToTheCoordinatorAndARetryGoesOn() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Nasreen", "Akhtar", "1950-06-30", "lbbd",
        "barts-whipps", "Ward 2", "2026-11-20T10:00:00Z", null));
    long root = referral.processInstanceKey();
    triage(root, "jad", false, false, false, true);
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 1, "equipmentNeeded", false));
    complete(root, "Task_TrustedAssessment", "jad", Map.of("trustedAssessment", "Needs help with meals and medicines"));
    council("lbbd").declining("No crisis intervention capacity this week");
    complete(root, "Task_ReviewAssessment", "lbbd-crisis", Map.of("assessmentAccepted", true));

    long decide = eventually("the coordinator's decision on the declined request",
        () -> openTask(root, "Task_ResolveReablementRejection"));
    assertThat(teamsOf(decide)).containsExactly("jad");
    assertThat(shownOn(JAD, decide)).containsEntry("rejectionReason", "No crisis intervention capacity this week")
        .containsEntry("rejectedBy", "council-lbbd");
    assertThat(incidents(root)).isZero();

    council("lbbd").decideAutomatically(CouncilSimulator.Decision.PENDING, Duration.ZERO);
    answers.give(decide, Map.of("rejectionDecision", "retry"));
    Map<String, Object> retry = eventually("a second request to the council", () -> {
      List<Map<String, Object>> requests = partnerReferrals(referral, "council-lbbd");
      return requests.size() == 2 ? requests.get(1) : null;
    });
    eventually("the journey to wait for the council's decision", () -> active(root, "Task_AwaitReablementDecision"));
    council("lbbd").accept((String) retry.get("downstream_id"));

    eventually("the discharge to plan once the council accepted", () -> openTask(root, "Task_PlanDischarge"));
    assertThat(partnerReferrals(referral, "council-lbbd")).extracting(r -> r.get("status"))
        .containsExactly("rejected", "accepted");
    assertThat(exchanges(referral)).containsExactly("council-lbbd request-reablement",
        "council-lbbd request-reablement", "council-lbbd decision");
    assertOneReferralPerRequestAtCouncil(referral, "lbbd", 2);
    assertThat(incidents(root)).isZero();
  }

  /**
   * Services at home on pathway 1, through their adapters and simulators: a key safe from the
   * handyperson scheme before discharge (the voluntary services API, service handyperson), a
   * pendant alarm from the council and Red Cross support alongside; the discharge waits only for
   * the key safe and the main service.
   */
  @Test
  void servicesAtHomeGoToTheirPartnersAndOnlyTheKeySafeHoldsUpDischarge() {
    Referral referral = refer(new ReferralRequest(validNhsNumber(), "Winifred", "Clarke", "1939-08-17", "lbh",
        "bhrut-queens", "Ward 4", "2026-11-20T08:15:00Z", null, "RM3 7AB"));
    long root = referral.processInstanceKey();
    council("lbh").decideAutomatically(CouncilSimulator.Decision.PENDING, Duration.ZERO);
    try {
      triage(root, "jad", false, false, false, true);
      complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 1, "handypersonNeeded", true,
          "handypersonWork", "Key safe", "handypersonBeforeDischarge", true, "telecareNeeded", true,
          "telecareEquipment", "Pendant alarm", "voluntarySupportWanted", true));
      complete(root, "Task_TrustedAssessment", "jad", Map.of("trustedAssessment", "Lives alone; slow to the door"));
      complete(root, "Task_ReviewAssessment", "nelft-reablement", Map.of("assessmentAccepted", true));

      Map<String, Object> keySafe = eventually("the handyperson referral",
          () -> partnerReferrals(referral, "voluntary-handyperson").stream().findFirst().orElse(null));
      assertThat(keySafe).containsEntry("status", "accepted");
      assertThat(eventually("the Red Cross referral", () -> partnerReferrals(referral, "voluntary-redcross-hnh")
          .stream().findFirst().orElse(null))).containsEntry("status", "accepted");
      Map<String, Object> telecare = partnerReferral(referral, "council-lbh");
      // The simulator is shared with the other tests: this patient's requests only.
      assertThat(council("lbh").referrals()).filteredOn(r -> r.nhsNumber().equals(referral.nhsNumber()))
          .singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("telecare"));

      nelft.accept((String) partnerReferral(referral, "nelft").get("downstream_id"));
      eventually("the discharge to plan while the council has not decided on telecare",
          () -> openTask(root, "Task_PlanDischarge"));
      council("lbh").accept((String) telecare.get("downstream_id"));
      eventually("telecare to be noted as arranged", () -> completed(root, "Task_NoteTelecareArranged") ? true : null);
      assertThat(partnerReferrals(referral, "voluntary-handyperson")).as("one referral however often it ran").hasSize(1);
      assertThat(incidents(root)).isZero();
    } finally {
      council("lbh").decideAutomatically(CouncilSimulator.Decision.ACCEPT, councilSettings.simulatorDecideAfter());
    }
  }

  /**
   * The 72-hour home check (shortened to 2 s) finds the person at home but needing more support:
   * the journey goes to the community route (reablement referral, support at home, assessment at
   * home), with no second trusted assessment and no discharge planning.
   */
  @Test
  void aPersonWhoNeedsMoreSupportAtHomeStepsUpWithoutReturningToHospitalPlanning() {
    Referral referral = referWithClock("homeCheckAfter", "PT2S",
        new ReferralRequest(validNhsNumber(), "Albert", "Reyes", "1941-06-30", "lbh", "bhrut-kgh", "Ward 5",
            "2026-11-20T08:15:00Z", null));
    long root = referral.processInstanceKey();
    triage(root, "jad", false, false, false, false);
    complete(root, "Task_ConfirmPathway", "jad", Map.of("pathway", 0, "voluntarySupportWanted", false));
    dischargeHome(root);
    complete(root, "Task_HomeCheck", "jad", Map.of("stillAtHome", true, "needsMoreSupport", true));

    Map<String, Object> reablement = partnerReferral(referral, "nelft");
    nelft.accept((String) reablement.get("downstream_id"));
    complete(root, "Task_ConfirmServiceStarted", "nelft-reablement", Map.of("serviceStartedAt", LocalDate.now().toString()));
    eventually("the assessment at home", () -> openTask(root, "Task_AssessAtHome"));

    assertThat(completions(root, "Task_TrustedAssessment")).as("no hospital assessment").isZero();
    assertThat(db.sql("select count(*) from user_task where root_instance_key = ? and element_id = 'Task_PlanDischarge'")
        .param(root).query(Integer.class).single()).as("the one discharge, from hospital").isEqualTo(1);
    assertThat(lastChangeIn(variable(root, "pathwayHistory")))
        .containsEntry("reason", "step up from home: needs more support");
  }

  // --- the journey ---

  private Referral refer(ReferralRequest request) {
    return intake.receive(request, "ward.nurse", JourneyEventsTest.FULL_JOURNEY);
  }

  /** Refers with one clock shortened for this journey only (clocks are read when a journey starts). */
  private Referral referWithClock(String clock, String value, ReferralRequest request) {
    String configured = clocks.getClocks().put(clock, value);
    try {
      return refer(request);
    } finally {
      clocks.getClocks().put(clock, configured);
    }
  }

  private void triage(long root, String team, boolean fastTrack, boolean needs24HourCare, boolean needsBedBasedRehab,
      boolean needsNewSupport) {
    // The facts behind each conclusion, as the suggestion DMN reads them.
    complete(root, "Task_Triage", team, needs24HourCare ? triageAnswers("fastTrack", fastTrack, "mobility", "help-of-two",
        "cognition", "impairment") : needsBedBasedRehab ? triageAnswers("fastTrack", fastTrack, "mobility", "help-of-two")
        : needsNewSupport ? triageAnswers("fastTrack", fastTrack, "mobility", "help-of-one")
        : triageAnswers("fastTrack", fastTrack));
  }

  /**
   * The discharge sub-process: planned in hours, the patient leaves, our workers announce it to
   * the journey and tell the GP.
   */
  private void dischargeHome(long root) {
    int told = completions(root, "Task_NotifyDischarge");
    long plan = eventually("Task_PlanDischarge to be open", () -> openTask(root, "Task_PlanDischarge"));
    answers.give(plan, Map.of("plannedDischargeAt", "2026-11-23T11:00:00"));
    long confirm = eventually("Task_ConfirmDischarge to be open", () -> openTask(root, "Task_ConfirmDischarge"));
    answers.give(confirm, Map.of("dischargedAt", Instant.now().toString()));
    eventually("the journey to hear of the discharge", () -> db.sql(
            "select count(*) from process_variable where scope_key = ? and name = 'dischargedAt' and value <> 'null'")
        .param(root).query(Integer.class).single() > 0);
    eventually("the GP and partners to be told of the discharge", () -> completions(root, "Task_NotifyDischarge") > told);
  }

  private void assertJourneyCompleted(Referral referral) {
    long root = referral.processInstanceKey();
    Referral done = eventually("the journey to complete", () -> intake.find(referral.id())
        .filter(r -> r.status().equals("COMPLETED")).orElse(null));
    assertThat(done.closedAt()).isNotNull();
    assertThat(completed(root, "Task_NotifyJourneyComplete")).as("the GP told the journey is complete").isTrue();
    assertThat(db.sql("select count(*) from user_task where root_instance_key = ? and state = 'CREATED'").param(root)
        .query(Integer.class).single()).as("no task left open").isZero();
    assertThat(incidents(root)).as("incidents in the journey").isZero();
  }

  /** Completes the open user task of that element, offered to that team, as its form would. */
  private void complete(long root, String elementId, String team, Map<String, Object> values) {
    long key = eventually(elementId + " to be open", () -> openTask(root, elementId));
    if (elementId.equals("Task_TrustedAssessment")) {
      // The hospital's ward therapists may do it too.
      assertThat(teamsOf(key)).as(elementId + " offered to").hasSize(2).contains(team)
          .anySatisfy(t -> assertThat(t).endsWith("-therapy"));
    } else {
      assertThat(teamsOf(key)).as(elementId + " offered to").containsExactly(team);
    }
    answers.give(key, values);
  }

  private Long openTask(long root, String elementId) {
    return db.sql("select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null);
  }

  private List<String> teamsOf(long taskKey) {
    return db.sql("select unnest(candidate_groups) from user_task where task_key = ?").param(taskKey)
        .query(String.class).list();
  }

  private boolean completed(long root, String elementId) {
    return completions(root, elementId) > 0;
  }

  private int completions(long root, String elementId) {
    return db.sql("select count(*) from journey_event where root_instance_key = ? and element_id = ? and kind = 'ELEMENT_COMPLETED'")
        .param(root).param(elementId).query(Integer.class).single();
  }

  /**
   * A variable of the journey itself, as JSON. (Called processes hold copies of the journey's
   * variables, so only the journey's own scope says what the journey knows.)
   */
  private String variable(long root, String name) {
    return eventually("variable " + name, () -> db.sql("select value from process_variable where scope_key = ? and name = ?")
        .param(root).param(name).query(String.class).optional().orElse(null));
  }

  /** The last entry of the journey's {@code pathwayHistory} (JSON). */
  private static Map<String, Object> lastChangeIn(String pathwayHistory) {
    try {
      List<Map<String, Object>> entries = new ObjectMapper().readValue(pathwayHistory, new TypeReference<>() {});
      return entries.getLast();
    } catch (JsonProcessingException e) {
      throw new AssertionError("pathwayHistory is not a JSON list: " + pathwayHistory, e);
    }
  }

  /** What a task shows its team beside the form: the journey's variables and its own process's. */
  private Map<String, Object> shownOn(TeamMember member, long taskKey) {
    return inbox.variablesOf(inbox.find(member, taskKey).orElseThrow());
  }

  private int incidents(long root) {
    return db.sql("select count(*) from incident where root_instance_key = ?").param(root).query(Integer.class).single();
  }

  // --- what partners and the hospital were asked ---

  /** The first request the journey made to that partner system, once the partner holds it. */
  private Map<String, Object> partnerReferral(Referral referral, String system) {
    Map<String, Object> request = eventually("the request at " + system,
        () -> partnerReferrals(referral, system).stream().findFirst().orElse(null));
    assertThat(request).containsEntry("status", "requested");
    return request;
  }

  private List<Map<String, Object>> partnerReferrals(Referral referral, String system) {
    return db.sql("""
            select idempotency_key, downstream_id, status from partner_referral
            where referral_id = ? and system = ? order by id""")
        .param(referral.id()).param(system).query().listOfRows();
  }

  private String decisionOf(Map<String, Object> request) {
    return db.sql("select status from partner_referral where idempotency_key = ?")
        .param(request.get("idempotency_key")).query(String.class).single();
  }

  /** The patient's messages with partners: system and operation, in order. */
  private List<String> exchanges(Referral referral) {
    return db.sql("select system || ' ' || operation from partner_exchange where referral_id = ? order by id")
        .param(referral.id()).query(String.class).list();
  }

  private List<String> hospitalRequests(Referral referral) {
    return db.sql("select kind from hospital_request where referral_id = ? order by kind").param(referral.id())
        .query(String.class).list();
  }

  private List<String> gpNotifications(Referral referral) {
    return db.sql("select kind || ' ' || status from notification where referral_id = ? and channel = 'gp-connect' order by id")
        .param(referral.id()).query(String.class).list();
  }

  /** NELFT holds exactly one referral per request the journey made, under that request's key. */
  private void assertOneReferralPerRequestAtNelft(Referral referral, int requests) {
    List<String> ours = partnerReferrals(referral, "nelft").stream().map(r -> (String) r.get("idempotency_key")).toList();
    assertThat(ours).hasSize(requests);
    assertThat(nelft.referrals()).filteredOn(r -> r.nhsNumber().equals(referral.nhsNumber()))
        .extracting(NelftSimulator.StoredReferral::idempotencyKey).containsExactlyElementsOf(ours);
  }

  /** The council holds exactly one referral per request the journey made, under that request's key. */
  private void assertOneReferralPerRequestAtCouncil(Referral referral, String borough, int requests) {
    List<String> ours = partnerReferrals(referral, "council-" + borough).stream()
        .map(r -> (String) r.get("idempotency_key")).toList();
    assertThat(ours).hasSize(requests);
    assertThat(council(borough).referrals()).filteredOn(r -> r.nhsNumber().equals(referral.nhsNumber()))
        .extracting(CouncilSimulator.StoredReferral::idempotencyKey).containsExactlyElementsOf(ours);
  }

  /** The council simulator the application started for that borough. */
  private CouncilSimulator council(String borough) {
    return councils.simulator(borough).orElseThrow(() -> new AssertionError("no council simulator for " + borough));
  }
}
