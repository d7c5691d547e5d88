package org.homefirst.workers.cluster;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster-wide lock of the scheduled polls: ShedLock's table {@code shedlock} (migration
 * {@code V116}) in the application's PostgreSQL, with the database's clock so that nodes whose
 * clocks differ still agree.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterSchedules {

  @Bean
  LockProvider scheduleLockProvider(DataSource dataSource) {
    return lockProvider(dataSource);
  }

  @Bean
  OncePerCluster oncePerCluster(LockProvider scheduleLockProvider) {
    return new OncePerCluster(scheduleLockProvider);
  }

  /** The lock provider over a database with the {@code shedlock} table. */
  public static LockProvider lockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .usingDbTime()
        .build());
  }
}
