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
            inbox.complete(JAD, task.key(), Map.of("triagePathway", 0));
            return true;
          } catch (org.homefirst.inbox.TaskRefused notYet) {
            return null;
          }
        });
    assertThat(eventually("completion after restart",
            () -> referrals.find(id).filter(r -> r.status().equals("COMPLETED")).orElse(null)))
        .isNotNull();
  }
}
