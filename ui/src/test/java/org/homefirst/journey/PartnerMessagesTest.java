package org.homefirst.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The journey's "messages with partners": a pathway 0 patient who wants voluntary support is
 * referred by our worker to the borough's voluntary service (the local simulator, over HTTP), and
 * the call shows on the journey with its outcome, status and correlation id.
 */
class PartnerMessagesTest extends StackTest {

  @Autowired TaskInbox inbox;
  @Autowired ReferralIntake referrals;
  @Autowired JourneyLog journey;

  @Test
  void aVoluntaryReferralShowsOnThePatientsJourney() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    Referral referral = referrals.find(id).orElseThrow();
    assertThat(journey.partnerMessages(referral)).isEmpty();

    complete(referral, "Task_Triage", triageAnswers());
    complete(referral, "Task_ConfirmPathway", Map.of("pathway", 0, "voluntarySupportWanted", true));
    complete(referral, "Task_PlanDischarge", Map.of("plannedDischargeAt", "2026-11-24T10:30:00"));

    List<JourneyLog.PartnerMessage> messages = eventually("the voluntary referral on the journey", () -> {
      List<JourneyLog.PartnerMessage> m = journey.partnerMessages(referral);
      return m.stream().anyMatch(x -> x.system().equals("voluntary")) ? m : null;
    });
    JourneyLog.PartnerMessage call = messages.stream().filter(m -> m.system().equals("voluntary")).findFirst().orElseThrow();
    assertThat(call.what()).isEqualTo("request-support");
    assertThat(call.outcome()).startsWith("ok · HTTP 201 · ").endsWith(" ms");
    assertThat(call.detail()).contains("correlation ");
    assertThat(messages).extracting(JourneyLog.PartnerMessage::at).isSorted();
  }

  private void complete(Referral referral, String elementId, Map<String, Object> answers) {
    InboxTask task = eventually(elementId, () -> inbox.openTasksOf(referral).stream()
        .filter(t -> t.elementId().equals(elementId)).findFirst().orElse(null));
    inbox.claim(JAD, task.key());
    inbox.complete(JAD, task.key(), answers);
  }
}
