package org.homefirst.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real PostgreSQL server from binaries shipped in a Maven artifact, so that the default set-up
 * needs no installed database. Switched off with {@code homefirst.database.embedded=false}, after
 * which the standard {@code spring.datasource.*} settings point at an external server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "homefirst.database.embedded", havingValue = "true")
class EmbeddedDatabase {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  @ConfigurationProperties("homefirst.database")
  /**
   * @param durable keep {@code fsync} and {@code synchronous_commit} on (the library turns them off
   *     for speed): a referral acknowledged must survive a power cut. Tests may turn it off.
   */
  record Settings(boolean embedded, Path directory, int port, Boolean durable) {}

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(Settings settings) throws IOException {
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
    log.info(
        "Embedded PostgreSQL listening on port {} (data: {})",
        postgres.getPort(),
        settings.directory() == null ? "temporary" : settings.directory().toAbsolutePath());
    return postgres;
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    ds.setUsername("postgres");
    ds.setMaximumPoolSize(20);
    ds.setPoolName("homefirst");
    return ds;
  }
}
