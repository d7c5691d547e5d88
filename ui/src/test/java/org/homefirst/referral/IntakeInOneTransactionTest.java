package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A referral and its journey are created in one database transaction with the engine: when the
 * journey cannot start, or anything fails after it started, neither the referral nor the journey
 * (nor its projection) remains.
 */
class IntakeInOneTransactionTest extends StackTest {

  @Autowired ReferralIntake intake;
  @Autowired RuntimeService runtime;
  @Autowired TransactionTemplate tx;

  @Test
  void aJourneyThatCannotStartLeavesNoReferral() {
    String nhs = validNhsNumber();
    ReferralRequest request = new ReferralRequest(nhs, "Ada", "Jones", "1941-03-02", "lbh", "bhrut-kgh", "Ward 7",
        "2026-11-20T09:30:00Z", null);

    assertThatThrownBy(() -> intake.receive(request, "ward.nurse", "homefirst-no-such-journey"))
        .isInstanceOf(EngineUnavailable.class);

    assertThat(db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single())
        .as("referral rows").isZero();
    assertThat(db.sql("select count(*) from journey_event where kind = 'REFERRAL_RECEIVED' and referral_id not in"
        + " (select id from referral)").query(Integer.class).single()).as("orphan journey entries").isZero();
  }

  @Test
  void aFailureAfterTheJourneyStartedLeavesNoJourney() {
    String businessKey = java.util.UUID.randomUUID().toString();
    int projectedBefore = escalationsProjected();

    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      runtime.startProcessInstanceByKey("homefirst-sla-escalation", businessKey,
          Map.of("slaName", "triage", "escalateTo", "jad", "escalateToMadeAfter", "PT24H"));
      assertThat(escalationsProjected()).as("projected inside the transaction").isEqualTo(projectedBefore + 1);
      throw new IllegalStateException("the referral row could not be written");
    })).hasMessageContaining("could not be written");

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count())
        .as("journeys in the engine").isZero();
    assertThat(escalationsProjected()).as("projected journeys after the rollback").isEqualTo(projectedBefore);
  }

  private int escalationsProjected() {
    return db.sql("select count(*) from process_instance where bpmn_process_id = 'homefirst-sla-escalation'")
        .query(Integer.class).single();
  }
}
