package org.homefirst.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL server from binaries shipped in a Maven artifact, so that the default set-up
 * needs no installed database. Switched off with {@code homefirst.database.embedded=false}, after
 * which the standard {@code spring.datasource.*} settings point at an external server.
 *
 * <p>As on an external server, two roles: migrations run as the owner ({@code spring.flyway.user}),
 * the application's pool connects as a role that may insert into the audit log but never change it
 * ({@code spring.datasource.username}; grants in {@code V69}). The server's superuser only creates
 * them, at start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "homefirst.database.embedded", havingValue = "true")
class EmbeddedDatabase {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "postgres";

  @ConfigurationProperties("homefirst.database")
  /**
   * @param durable keep {@code fsync} and {@code synchronous_commit} on (the library turns them off
   *     for speed): a referral acknowledged must survive a power cut. Tests may turn it off.
   */
  record Settings(boolean embedded, Path directory, int port, Boolean durable) {}

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(Settings settings, @Value("${spring.flyway.user}") String owner,
      @Value("${spring.datasource.username}") String application) throws IOException {
    // Spring stops the database after the engine that uses it; the library's own JVM hook would race it.
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
    if (!Boolean.FALSE.equals(settings.durable())) {
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on");
    }
    if (settings.directory() != null) {
      Files.createDirectories(settings.directory());
      // The data directory is kept between runs: a restart must not lose referrals.
      builder.setDataDirectory(settings.directory()).setCleanDataDirectory(false);
    }
    if (settings.port() > 0) {
      builder.setPort(settings.port());
    }
    EmbeddedPostgres postgres = builder.start();
    createRoles(new JdbcTemplate(postgres.getPostgresDatabase()), owner, application);
    log.info(
        "Embedded PostgreSQL listening on port {} (data: {}); migrations as {}, the application as {}",
        postgres.getPort(),
        settings.directory() == null ? "temporary" : settings.directory().toAbsolutePath(), owner, application);
    return postgres;
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres, @Value("${spring.datasource.username}") String application) {
    HikariDataSource ds = new HikariDataSource();
    // No user in the URL: Flyway derives its own connection from this one with the owner's name.
    ds.setJdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE);
    ds.setUsername(application);
    ds.setMaximumPoolSize(20);
    ds.setPoolName("homefirst");
    return ds;
  }

  /**
   * The owner and the application's role, created once (the server trusts local connections, so
   * neither has a password). The owner owns the database, and so its {@code public} schema, and
   * takes over what a data directory from before the split holds as the superuser.
   */
  static void createRoles(JdbcTemplate superuser, String owner, String application) {
    if (owner.equals(application)) {
      throw new IllegalStateException("spring.flyway.user and spring.datasource.username must be two roles:"
          + " the application's role must not own the audit log");
    }
    for (String role : new String[] {owner, application}) {
      if (superuser.queryForObject("select count(*) from pg_roles where rolname = ?", Integer.class, role) == 0) {
        superuser.execute("create role " + quoted(role) + " login");
      }
    }
    superuser.execute("alter database " + DATABASE + " owner to " + quoted(owner));
    // The engine creates and upgrades its own tables (ACT_*) as the application, as on an external server.
    superuser.execute("grant usage, create on schema public to " + quoted(application));
    superuser.execute("""
        do $$
        declare o record;
        begin
          for o in select c.oid::regclass as name, c.relkind from pg_class c
                   join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = 'public' and c.relowner = 'postgres'::regrole
                     and c.relkind in ('r', 'p', 'v', 'm', 'S')
                     -- a column's own sequence follows its table
                     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                     and d.objid = c.oid and d.deptype in ('a', 'i') and c.relkind = 'S')
          loop
            execute format('alter %s %s owner to %I',
              case o.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view'
                             else 'table' end, o.name, 'OWNER');
          end loop;
          for o in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = 'public' and p.proowner = 'postgres'::regrole
          loop
            execute format('alter function %s owner to %I', o.name, 'OWNER');
          end loop;
        end $$""".replace("'OWNER'", "'" + owner.replace("'", "''") + "'"));
  }

  private static String quoted(String role) {
    return '"' + role.replace("\"", "\"\"") + '"';
  }
}
