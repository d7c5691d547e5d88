package org.homefirst;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.homefirst.engine.EmbeddedEngine;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Journeys live in the engine's durable state: stopping the engine loses nothing. */
class EngineRestartTest extends StackTest {

  @Autowired EmbeddedEngine engine;
  @Autowired TaskInbox inbox;
  @Autowired ReferralIntake referrals;

  @Test
  void aRunningJourneySurvivesAnEngineRestartAndIntakeRefusesCleanlyWhileItIsDown() {
    UUID id = refer(validNhsNumber(), "lbbd", "bhrut-queens");
    InboxTask task =
        eventually(
            "the triage task",
            () -> inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(), 0, 500).stream()
                .filter(t -> id.equals(t.referralId())).findFirst().orElse(null));

    engine.stop();
    try {
      String nhs = validNhsNumber();
      var refused = postReferral(referralJson(nhs, "lbh", "bhrut-kgh"), "ward.nurse");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("not stored");
      assertThat(db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single())
          .isZero();
    } finally {
      engine.start();
    }

    inbox.claim(JAD, task.key());
    eventually(
        "the engine to take commands again",
        () -> {
          try {
            inbox.complete(JAD, task.key(), Map.of("fastTrack", false, "needs24HourCare", false,
                "needsBedBasedRehab", false, "needsNewSupport", false, "section117", false));
            return true;
          } catch (org.homefirst.inbox.TaskRefused notYet) {
            return null;
          }
        });
    var referral = referrals.find(id).orElseThrow();
    assertThat(eventually("the journey to move on after the restart", () -> inbox.openTasksOf(referral).stream()
            .filter(t -> t.elementId().equals("Task_ConfirmPathway")).findFirst().orElse(null)))
        .isNotNull();
    assertThat(referrals.find(id).orElseThrow().status()).isEqualTo("OPEN");
  }
}
