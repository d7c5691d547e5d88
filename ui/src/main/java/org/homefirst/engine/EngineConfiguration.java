package org.homefirst.engine;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;

/** Starts the embedded Zeebe broker once the database schema is in place. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "homefirst.engine.embedded", havingValue = "true")
class EngineConfiguration {

  @Bean(initMethod = "start", destroyMethod = "close")
  // The exporter writes to tables that Flyway creates: the schema must exist first.
  @DependsOn("flywayInitializer")
  EmbeddedEngine embeddedEngine(EngineSettings settings, DataSource dataSource, Environment env) {
    return EmbeddedEngine.forDatabase(settings, dataSource, env);
  }
}
