package org.homefirst.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded database's two roles: created at start, again at every start without harm, and a
 * data directory from before the split (everything owned by the server's superuser) handed to the
 * owner, so its migrations and grants can run.
 */
class EmbeddedDatabaseRolesTest {

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate superuser;

  @BeforeAll
  static void aDatabaseFromBeforeTheSplit() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    superuser = new JdbcTemplate(postgres.getPostgresDatabase());
    superuser.execute("create table referral (id bigserial primary key, name text)");
    superuser.execute("create table act_ge_property (name_ text primary key)");
    superuser.execute("create sequence homefirst_engine_id");
    superuser.execute("create function frozen() returns trigger language plpgsql as $$ begin return null; end $$");
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void theRolesAreCreatedOnceAndTheOwnerTakesOverWhatTheSuperuserHeld() {
    EmbeddedDatabase.createRoles(superuser, "homefirst_owner", "homefirst_app");
    EmbeddedDatabase.createRoles(superuser, "homefirst_owner", "homefirst_app");

    assertThat(superuser.queryForList("""
            select rolname from pg_roles where rolname like 'homefirst%' and rolcanlogin and not rolsuper
            order by 1""", String.class)).containsExactly("homefirst_app", "homefirst_owner");
    assertThat(superuser.queryForList("""
            select c.relname || ' ' || pg_get_userbyid(c.relowner) from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'S') order by 1""", String.class))
        .containsExactly("act_ge_property homefirst_owner", "homefirst_engine_id homefirst_owner",
            "referral homefirst_owner", "referral_id_seq homefirst_owner");
    assertThat(superuser.queryForObject("select pg_get_userbyid(proowner) from pg_proc where proname = 'frozen'",
        String.class)).isEqualTo("homefirst_owner");
    assertThat(superuser.queryForObject(
        "select has_schema_privilege('homefirst_app', 'public', 'CREATE')", Boolean.class))
        .as("the engine creates its own tables as the application").isTrue();
  }

  @Test
  void oneRoleForBothIsRefused() {
    assertThatThrownBy(() -> EmbeddedDatabase.createRoles(superuser, "homefirst", "homefirst"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("two roles");
  }
}
