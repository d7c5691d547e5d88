package org.homefirst.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.ProcessEngineException;

/** Which failures mean "another step of the journey got there first" and are given again. */
class WhileBusyTest {

  @Test
  void aRaceLostToAnotherStepIsGivenAgain() {
    for (RuntimeException race : new RuntimeException[] {new OptimisticLockingException("updated meanwhile"),
        new ProcessEngineException("flush failed", new SQLException(
            "ERROR: insert or update on table \"act_ru_execution\" violates foreign key constraint "
                + "\"act_fk_exe_super\"", "23503"))}) {
      AtomicInteger tries = new AtomicInteger();
      WhileBusy.run(() -> {
        if (tries.incrementAndGet() == 1) {
          throw race;
        }
      }, busy -> new IllegalStateException("gave up"));
      assertThat(tries).as(race.getMessage()).hasValue(2);
    }
  }

  @Test
  void otherFailuresAreNotRepeated() {
    AtomicInteger tries = new AtomicInteger();
    RuntimeException ours = new ProcessEngineException("no such message",
        new SQLException("violates foreign key constraint \"delay_referral_fk\"", "23503"));

    assertThatThrownBy(() -> WhileBusy.run(() -> {
      tries.incrementAndGet();
      throw ours;
    }, busy -> new IllegalStateException("gave up"))).isSameAs(ours);
    assertThat(tries).hasValue(1);
  }

  @Test
  void aJourneyThatStaysBusyIsGivenUpAfterTheLastAttempt() {
    AtomicInteger tries = new AtomicInteger();

    assertThatThrownBy(() -> WhileBusy.run(() -> {
      tries.incrementAndGet();
      throw new OptimisticLockingException("busy");
    }, busy -> new IllegalStateException("gave up"))).hasMessage("gave up");
    assertThat(tries).hasValue(WhileBusy.ATTEMPTS);
  }
}
