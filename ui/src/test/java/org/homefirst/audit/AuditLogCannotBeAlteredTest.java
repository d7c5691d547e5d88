package org.homefirst.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.homefirst.DatabaseOwner;
import org.homefirst.StackTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log cannot be altered (issue 13, item 4): the application's database role may add and
 * read rows only; even the schema's owner is refused an update or an early delete by the trigger;
 * rows past their retention leave only through the database's own purge.
 */
class AuditLogCannotBeAlteredTest extends StackTest {

  private static final String PERMISSION_DENIED = "42501";

  @Autowired AuditLog audit;
  @Autowired EmbeddedPostgres postgres;
  @Value("${spring.flyway.user}") String ownerRole;
  @Value("${spring.datasource.username}") String applicationRole;

  private JdbcClient owner;
  private long row;

  @BeforeEach
  void aRowOfTheLog() {
    owner = DatabaseOwner.jdbc(postgres, ownerRole);
    String actor = "tamper." + UUID.randomUUID();
    audit.record(actor, AuditLog.Action.VIEW_PATIENT, UUID.randomUUID(), null, "Ada Jones");
    row = db.sql("select id from audit_event where actor = ?").param(actor).query(Long.class).single();
  }

  @Test
  void theApplicationsRoleMayAddAndReadButNotUpdateDeleteOrTruncate() {
    assertThat(db.sql("select current_user").query(String.class).single()).isEqualTo(applicationRole);

    for (String change : new String[] {
        "update audit_event set detail = 'nothing to see' where id = " + row,
        "delete from audit_event where id = " + row,
        "truncate audit_event",
        "alter table audit_event disable trigger audit_event_append_only",
        "drop trigger audit_event_append_only on audit_event",
        "update audit_retention set keep = interval '1 day'"}) {
      assertThatThrownBy(() -> db.sql(change).update()).as(change)
          .satisfies(e -> assertThat(DatabaseOwner.sqlState(e)).as(change).isEqualTo(PERMISSION_DENIED));
    }
    assertThat(db.sql("select detail from audit_event where id = ?").param(row).query(String.class).single())
        .isEqualTo("Ada Jones");
  }

  @Test
  void evenTheOwnerIsRefusedAnUpdateOrAnEarlyDeleteByTheTrigger() {
    assertThatThrownBy(() -> owner.sql("update audit_event set detail = 'nothing to see' where id = ?").param(row)
        .update()).hasStackTraceContaining("the audit log cannot be altered: UPDATE refused");
    assertThatThrownBy(() -> owner.sql("delete from audit_event where id = ?").param(row).update())
        .hasStackTraceContaining("the audit log cannot be altered: DELETE refused");
    assertThatThrownBy(() -> owner.sql("truncate audit_event").update())
        .hasStackTraceContaining("the audit log cannot be altered: TRUNCATE refused");
    assertThat(db.sql("select detail from audit_event where id = ?").param(row).query(String.class).single())
        .isEqualTo("Ada Jones");
  }

  @Test
  void rowsPastTheirRetentionLeaveOnlyThroughTheDatabasesPurge() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long expired = ownersRow(now.minusYears(10), "expired");
    long kept = ownersRow(now.minusYears(8), "within its retention");
    assertThat(owner.sql("select keep from audit_retention").query(String.class).single())
        .as("homefirst.retention.audit of the test profile, set at start").isEqualTo("9 years");

    assertThatThrownBy(() -> db.sql("delete from audit_event where id = ?").param(expired).update())
        .satisfies(e -> assertThat(DatabaseOwner.sqlState(e)).isEqualTo(PERMISSION_DENIED));
    assertThat(audit.purgeExpired(1_000)).isPositive();

    assertThat(exists(expired)).as("past its retention").isFalse();
    assertThat(exists(kept)).as("within its retention").isTrue();
    assertThat(exists(row)).isTrue();
  }

  @Test
  void theApplicationRefusesToStartWhenItsRoleCouldChangeTheLog() {
    new AuditLog(db, Clock.systemUTC()).refuseAnAlterableLog();

    assertThatThrownBy(() -> new AuditLog(owner, Clock.systemUTC()).refuseAnAlterableLog())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("could change the audit log");
  }

  private long ownersRow(OffsetDateTime at, String detail) {
    return owner.sql("""
            insert into audit_event (occurred_at, actor, action, detail) values (?, 'tamper.test', 'VIEW_TASK', ?)
            returning id""")
        .params(at, detail).query(Long.class).single();
  }

  private boolean exists(long id) {
    return db.sql("select count(*) from audit_event where id = ?").param(id).query(Integer.class).single() == 1;
  }
}
