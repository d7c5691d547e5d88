package org.homefirst.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.Set;
import org.homefirst.DatabaseOwner;
import org.homefirst.StackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An action on a task and its audit row commit together (issue 13, item 4): when the audit row
 * cannot be written the action does not happen, and an action that fails as it commits leaves no
 * audit row saying it happened. The failures are made by triggers the schema's owner installs for
 * this test's task only.
 */
class AuditedActionsCommitWithTheirAuditTest extends StackTest {

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad"));

  @Autowired TaskInbox inbox;
  @Autowired EmbeddedPostgres postgres;
  @Value("${spring.flyway.user}") String ownerRole;

  private JdbcClient owner;
  private java.util.UUID referral;
  private InboxTask task;

  @BeforeEach
  void aTriageTask() {
    owner = DatabaseOwner.jdbc(postgres, ownerRole);
    String nhs = validNhsNumber();
    referral = refer(nhs, "lbh", "bhrut-kgh");
    task = eventually("the triage task in the inbox", () -> inbox
        .tasks(JAD, new TaskInbox.Queue.AllVisible(), new TaskFilter(null, null, null, null, false, nhs), 0, 10)
        .stream().findFirst().orElse(null));
    owner.sql("""
        create or replace function audited_actions_test_fail() returns trigger language plpgsql as $$
        begin
            raise exception 'written for the test to fail';
        end $$""").update();
  }

  @AfterEach
  void noTestTriggersLeft() {
    owner.sql("drop trigger if exists audited_actions_test_audit on audit_event").update();
    owner.sql("drop trigger if exists audited_actions_test_commit on journey_event").update();
    owner.sql("drop function if exists audited_actions_test_fail()").update();
  }

  @Test
  void aClaimCommentOrAssignmentWhoseAuditRowCannotBeWrittenDoesNotHappen() {
    owner.sql("""
        create trigger audited_actions_test_audit before insert on audit_event for each row
        when (new.task_key = %d and new.action in ('CLAIM', 'COMMENT', 'ASSIGN'))
        execute function audited_actions_test_fail()""".formatted(task.key())).update();

    assertThatThrownBy(() -> inbox.claim(JAD, task.key())).hasMessageContaining("written for the test to fail");
    assertThatThrownBy(() -> inbox.comment(JAD, task.key(), "Spoke to the daughter"))
        .hasMessageContaining("written for the test to fail");
    assertThatThrownBy(() -> inbox.assign(MANAGER, task.key(), "jad.coordinator"))
        .hasMessageContaining("written for the test to fail");

    assertThat(db.sql("select assignee from user_task where task_key = ?").param(task.key()).query(String.class)
        .optional().orElse(null)).as("nobody claimed or was given the task").isNull();
    assertThat(db.sql("""
            select count(*) from journey_event where root_instance_key = (select root_instance_key from user_task
            where task_key = ?) and kind in ('TASK_CLAIMED', 'COMMENT_ADDED', 'TASK_ASSIGNED')""")
        .param(task.key()).query(Integer.class).single()).as("nothing on the journey").isZero();
  }

  @Test
  void aCompletionThatFailsAsItCommitsLeavesNoAuditRowSayingItHappened() {
    inbox.claim(JAD, task.key());
    owner.sql("""
        create constraint trigger audited_actions_test_commit after insert on journey_event
        deferrable initially deferred for each row
        when (new.kind = 'TASK_COMPLETED' and new.referral_id = '%s')
        execute function audited_actions_test_fail()""".formatted(referral)).update();

    assertThatThrownBy(() -> inbox.complete(JAD, task.key(), triageAnswers("mobility", "help-of-one")))
        .hasStackTraceContaining("written for the test to fail");

    assertThat(db.sql("select count(*) from audit_event where task_key = ? and action = 'COMPLETE'")
        .param(task.key()).query(Integer.class).single()).as("no audit row for a completion that rolled back")
        .isZero();
    assertThat(db.sql("select state from user_task where task_key = ?").param(task.key()).query(String.class)
        .single()).as("the task is still open").isEqualTo("CREATED");
    assertThat(db.sql("select count(*) from audit_event where task_key = ? and action = 'CLAIM'")
        .param(task.key()).query(Integer.class).single()).as("the claim that did happen is audited").isEqualTo(1);
  }
}
