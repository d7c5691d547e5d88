package org.homefirst.journey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.homefirst.inbox.FormDefinition;
import org.junit.jupiter.api.Test;

/**
 * How the timeline tells a journey, without Spring: people's steps with their decisions in the
 * words of the real forms, partners' answers, clocks and the journey's end by default; the
 * engine's bookkeeping only with engine detail, and never its event-type words.
 */
class JourneyStoryTest {

  private static final long ROOT = 100L;
  private static final long PATHWAY = 200L;
  private static final Map<String, FormDefinition> FORMS = Stream.of("triage", "confirm-pathway", "trusted-assessment")
      .map(JourneyStoryTest::form)
      .collect(Collectors.toMap(FormDefinition::formKey, f -> f));

  /** The journey's clocks as far as these tests go; the daily delay check is none. */
  private static final java.util.Set<String> CLOCKS = java.util.Set.of("Timer_TransferSla", "Timer_FollowUpDue");

  private final JourneyStory story = new JourneyStory(key -> Optional.ofNullable(key == null ? null : FORMS.get(key)),
      CLOCKS::contains);
  private final List<JourneyEntry> steps = new ArrayList<>();

  @Test
  void aTriagedJourneyReadsAsPeoplesStepsWithTheirDecisionsInWords() {
    app("REFERRAL_RECEIVED", "ward.nurse", "Ward 7, Queen's Hospital (BHRUT)");
    element("ELEMENT_ACTIVATED", "StartEvent_ReferralReceived", "Referral received", "START_EVENT", ROOT, "NONE");
    element("ELEMENT_COMPLETED", "StartEvent_ReferralReceived", "Referral received", "START_EVENT", ROOT, "NONE");
    element("ELEMENT_ACTIVATED", "Task_RouteToDischargeTeam", "Route to discharge team", "BUSINESS_RULE_TASK", ROOT, "UNSPECIFIED");
    element("ELEMENT_COMPLETED", "Task_RouteToDischargeTeam", "Route to discharge team", "BUSINESS_RULE_TASK", ROOT, "UNSPECIFIED");
    userTask("ELEMENT_ACTIVATED", "Task_Triage", "Triage referral", List.of("jad"), "homefirst:triage");
    steps.add(new JourneyEntry(Instant.now(), "APP", "TASK_CLAIMED", "Task_Triage", "Triage referral", "jad.coordinator",
        "Triage referral", null, null, null, null, null));
    task("Task_Triage", "Triage referral", "homefirst:triage",
        "cognition=delirium, fastTrack=false, mobility=help-of-two, section117=false");
    userTask("ELEMENT_COMPLETED", "Task_Triage", "Triage referral", List.of(), null);
    element("ELEMENT_ACTIVATED", "Task_RecordPathway", "Record pathway decision", "SCRIPT_TASK", ROOT, "UNSPECIFIED");
    element("ELEMENT_COMPLETED", "Task_RecordPathway", "Record pathway decision", "SCRIPT_TASK", ROOT, "UNSPECIFIED");
    element("ELEMENT_ACTIVATED", "StartEvent_PathwayCare", "StartEvent_PathwayCare", "START_EVENT", ROOT, "NONE");

    List<JourneyStory.Line> lines = story.tell(steps, ROOT);

    assertThat(storyOf(lines)).extracting(JourneyStory.Line::what).containsExactly(
        "Referral received",
        "Decided by rules: Route to discharge team",
        "Waiting for JAD (Joint Assessment and Discharge): Triage referral",
        "Task claimed: Triage referral",
        "Task completed: Triage referral");
    JourneyStory.Line triage = storyOf(lines).get(4);
    assertThat(triage.who(false)).isEqualTo("jad.coordinator");
    assertThat(triage.detail()).isEqualTo("Rapidly deteriorating, may be entering end of life (Fast Track): no; "
        + "Mobility: Needs help of two people, or a hoist; Cognition: Delirium (new confusion); "
        + "Detained under the Mental Health Act (section 117 aftercare): no");
    assertThat(lines).extracting(JourneyStory.Line::detail).noneMatch(d -> d.matches(".*\\b(NONE|UNSPECIFIED)\\b.*"));
    assertThat(storyOf(lines)).extracting(JourneyStory.Line::what).noneMatch(w -> w.contains("StartEvent_PathwayCare"));

    assertThat(lines).filteredOn(l -> !l.story()).extracting(JourneyStory.Line::what).containsExactly(
        "Started: Referral received", "Completed: Referral received", "Started: Route to discharge team",
        "Completed: Triage referral", "Started: Record pathway decision", "Completed: Record pathway decision",
        "Started: StartEvent_PathwayCare");
    JourneyStory.Line start = lines.getLast();
    assertThat(start.detail()).isEqualTo("StartEvent_PathwayCare · start event");
    assertThat(start.who(false)).as("the engine is named only with engine detail").isEmpty();
    assertThat(start.who(true)).isEqualTo("Home First");
  }

  @Test
  void aChoiceReadsAsItsOptionAndFreeTextKeepsItsCommasAndIsShortened() {
    String reason = "Lives alone, stairs at home, needs two weeks of rehabilitation before going home safely with "
        + "a package of care";
    task("Task_ConfirmPathway", "Confirm or override pathway", "homefirst:confirm-pathway",
        "pathway=2, pathwayOverrideReason=" + reason + ", voluntarySupportWanted=false");

    JourneyStory.Line line = story.tell(steps, ROOT).getFirst();

    assertThat(line.detail()).startsWith("Pathway: 2 – community rehab bed; Reason for overriding the suggestion: Lives alone, stairs")
        .contains("…; Voluntary support wanted (pathways 0 and 1): no")
        .doesNotContain("=", "a package of care");
    assertThat(line.fullDetail()).contains("Reason for overriding the suggestion: " + reason + ";");
  }

  @Test
  void answersOfAnUnknownFormStayAsStored() {
    task("Task_Mystery", "Mystery", "homefirst:no-such-form", "colour=blue, size=3");
    task("Task_Triage", "Triage referral", "homefirst:triage", "notAField=1, fastTrack=true");

    assertThat(story.tell(steps, ROOT)).extracting(JourneyStory.Line::detail)
        .containsExactly("colour=blue, size=3", "notAField=1, fastTrack=true");
  }

  @Test
  void aTaskCompletedOutsideHomeFirstAndAWithdrawnTaskStayInTheStory() {
    userTask("ELEMENT_ACTIVATED", "Task_Triage", "Triage referral", List.of(), null);
    userTask("ELEMENT_COMPLETED", "Task_Triage", "Triage referral", List.of(), null);
    userTask("ELEMENT_ACTIVATED", "Task_ConfirmPathway", "Confirm or override pathway", List.of("jad", "lbr-hospital-sw"), null);
    userTask("ELEMENT_TERMINATED", "Task_ConfirmPathway", "Confirm or override pathway", List.of(), null);

    assertThat(storyOf(story.tell(steps, ROOT))).extracting(JourneyStory.Line::what, JourneyStory.Line::detail).containsExactly(
        org.assertj.core.groups.Tuple.tuple("New task: Triage referral", ""),
        org.assertj.core.groups.Tuple.tuple("Task completed: Triage referral", "outside Home First"),
        org.assertj.core.groups.Tuple.tuple(
            "Waiting for JAD (Joint Assessment and Discharge), Redbridge Hospital Social Work: Confirm or override pathway", ""),
        org.assertj.core.groups.Tuple.tuple("Task withdrawn: Confirm or override pathway", ""));
  }

  @Test
  void partnersDecisionsClocksAndHowTheJourneyEndedAreTold() {
    element("ELEMENT_ACTIVATED", "Call_Pathway2", "Pathway 2", "CALL_ACTIVITY", ROOT, "UNSPECIFIED");
    element("ELEMENT_ACTIVATED", "Task_RequestRehabBed", "Request rehab bed (NELFT IRS)", "SERVICE_TASK", PATHWAY, "UNSPECIFIED");
    element("ELEMENT_COMPLETED", "Task_RequestRehabBed", "Request rehab bed (NELFT IRS)", "SERVICE_TASK", PATHWAY, "UNSPECIFIED");
    element("ELEMENT_ACTIVATED", "Task_AwaitBedDecision", "Wait for NELFT to accept or reject the bed request", "RECEIVE_TASK",
        PATHWAY, "MESSAGE");
    message("homefirst.partner-decided", "homefirst-job-1", new JourneyEntry.PartnerDecision("nelft", false, "No beds this week"));
    message("homefirst.partner-decided", "homefirst-job-2", new JourneyEntry.PartnerDecision("council-lbr", true, null));
    steps.add(new JourneyEntry(Instant.now(), "ENGINE", "TIMER_TRIGGERED", "Timer_TransferSla", "rehab transfer due", null,
        null, null, PATHWAY, null, null, null));
    steps.add(new JourneyEntry(Instant.now(), "ENGINE", "TIMER_TRIGGERED", "Timer_DelayPrompt", "Daily delay check", null,
        null, null, ROOT, null, null, null));
    steps.add(new JourneyEntry(Instant.now(), "ENGINE", "TIMER_TRIGGERED", "Timer_FollowUpDue", "Day 91 after discharge", null,
        null, null, PATHWAY, null, null, null));
    app("EVENT_PATIENT_DISCHARGED", "jad.coordinator", "{dischargedAt=2026-11-24T10:30:00Z}");
    message("homefirst.patient-discharged", ROOT_KEY, null);
    message("homefirst.patient-readmitted", ROOT_KEY, null);
    element("ELEMENT_COMPLETED", "EndEvent_Transferred", "Transferred", "END_EVENT", PATHWAY, "NONE");
    element("ELEMENT_COMPLETED", "homefirst-pathway-2", "homefirst-pathway-2", "PROCESS", PATHWAY, "UNSPECIFIED");
    element("ELEMENT_COMPLETED", "Call_Pathway2", "Pathway 2", "CALL_ACTIVITY", ROOT, "UNSPECIFIED");
    element("ELEMENT_COMPLETED", "EndEvent_JourneyComplete", "Journey complete", "END_EVENT", ROOT, "NONE");
    element("ELEMENT_COMPLETED", "homefirst-discharge-journey", "homefirst-discharge-journey", "PROCESS", ROOT, "UNSPECIFIED");

    List<JourneyStory.Line> lines = story.tell(steps, ROOT);

    assertThat(storyOf(lines)).extracting(JourneyStory.Line::what, JourneyStory.Line::who, JourneyStory.Line::detail).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Started: Pathway 2", "", ""),
        org.assertj.core.groups.Tuple.tuple("Done: Request rehab bed (NELFT IRS)", "", ""),
        org.assertj.core.groups.Tuple.tuple("Wait for NELFT to accept or reject the bed request", "", ""),
        org.assertj.core.groups.Tuple.tuple("NELFT declined", "NELFT", "No beds this week"),
        org.assertj.core.groups.Tuple.tuple("Redbridge adult social care accepted", "Redbridge adult social care", ""),
        org.assertj.core.groups.Tuple.tuple("SLA breached: rehab transfer due", "", ""),
        org.assertj.core.groups.Tuple.tuple("Time reached: Day 91 after discharge", "", ""),
        org.assertj.core.groups.Tuple.tuple("Patient discharged", "jad.coordinator", "Discharged at: 24/11/2026 10:30"),
        org.assertj.core.groups.Tuple.tuple("Patient readmitted", "", ""),
        org.assertj.core.groups.Tuple.tuple("Finished: Pathway 2", "", "Transferred"),
        org.assertj.core.groups.Tuple.tuple("Journey ended", "", "Journey complete"));
    assertThat(lines).as("a message people recorded is told once; processes' own ends never as steps")
        .filteredOn(l -> !l.story()).extracting(JourneyStory.Line::what).containsExactly(
            "Started: Request rehab bed (NELFT IRS)", "Clock ran out: Daily delay check", "Message received: homefirst.patient-discharged",
            "Completed: Transferred", "Completed: Journey complete");
  }

  @Test
  void journeyEventValuesReadAsWords() {
    assertThat(JourneyStory.answers("{meetsCriteriaToReside=false, reviewedAt=2026-11-20T09:30:00Z}").shown())
        .isEqualTo("Meets criteria to reside: no; Reviewed at: 20/11/2026 09:30");
    assertThat(JourneyStory.partnerName("voluntary-redcross-hnh")).isEqualTo("British Red Cross Help Not Hospital");
    assertThat(JourneyStory.partnerName("council-lbh")).isEqualTo("Havering adult social care");
    assertThat(JourneyStory.partnerName("voluntary")).isEqualTo("Voluntary services");
    assertThat(JourneyStory.partnerName("email")).as("a channel we have no name for").isEqualTo("email");
  }

  private static final String ROOT_KEY = "3f6c1a52-0000-4000-8000-000000000000";

  private static List<JourneyStory.Line> storyOf(List<JourneyStory.Line> lines) {
    return lines.stream().filter(JourneyStory.Line::story).toList();
  }

  private void app(String kind, String actor, String detail) {
    steps.add(new JourneyEntry(Instant.now(), "APP", kind, null, null, actor, detail, null, null, null, null, null));
  }

  private void task(String elementId, String name, String formKey, String answers) {
    steps.add(new JourneyEntry(Instant.now(), "APP", "TASK_COMPLETED", elementId, name, "jad.coordinator", answers, null, null,
        null, formKey, null));
  }

  private void element(String kind, String id, String name, String type, long instance, String eventType) {
    steps.add(new JourneyEntry(Instant.now(), "ENGINE", kind, id, name, null, eventType, type, instance, null, null, null));
  }

  private void userTask(String kind, String id, String name, List<String> teams, String formKey) {
    steps.add(new JourneyEntry(Instant.now(), "ENGINE", kind, id, name, null, "UNSPECIFIED", "USER_TASK", ROOT, teams, formKey,
        null));
  }

  private void message(String name, String correlationKey, JourneyEntry.PartnerDecision decision) {
    steps.add(new JourneyEntry(Instant.now(), "ENGINE", "MESSAGE_CORRELATED", null, name, null, correlationKey, name, ROOT,
        null, null, decision));
  }

  private static FormDefinition form(String file) {
    try (InputStream in = JourneyStoryTest.class.getResourceAsStream("/forms/" + file + ".json")) {
      return new ObjectMapper().readValue(in, FormDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
