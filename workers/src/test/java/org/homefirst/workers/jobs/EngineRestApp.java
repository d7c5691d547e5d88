package org.homefirst.workers.jobs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import javax.sql.DataSource;
import org.homefirst.workers.TestDatabase;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.operaton.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.operaton.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real {@code /engine-rest} for the remote runner's tests: Operaton's Spring Boot starter with its
 * REST API on a random port, on the test PostgreSQL (the engine tables {@code TestEngine} uses, as
 * a second node would), authenticated with HTTP Basic and open only to the external-task
 * endpoints, as the application's must be for workers.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class EngineRestApp {

  static final String USER = "homefirstworker";
  static final String PASSWORD = "worker-secret-for-tests";

  static ConfigurableApplicationContext start() {
    ConfigurableApplicationContext app = new SpringApplicationBuilder(EngineRestApp.class).properties(
        "server.port=0",
        "server.address=127.0.0.1",
        "spring.flyway.enabled=false",
        "operaton.bpm.process-engine-name=default",
        "operaton.bpm.job-execution.enabled=false",
        "operaton.bpm.database.schema-update=true",
        "operaton.bpm.history-level=full",
        "operaton.bpm.generic-properties.properties.enforce-history-time-to-live=false",
        // the tests deploy their models themselves
        "operaton.bpm.auto-deployment-enabled=false").run();
    IdentityService identities = app.getBean(IdentityService.class);
    if (identities.createUserQuery().userId(USER).count() == 0) {
      User user = identities.newUser(USER);
      user.setPassword(PASSWORD);
      identities.saveUser(user);
    }
    return app;
  }

  @Bean
  DataSource dataSource() {
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(TestDatabase.dataSource());
    pool.setMaximumPoolSize(6);
    return new HikariDataSource(pool);
  }

  @Bean
  FilterRegistrationBean<Filter> externalTasksOnly() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      String path = ((HttpServletRequest) request).getRequestURI();
      if (path.startsWith("/engine-rest/external-task")) {
        chain.doFilter(request, response);
      } else {
        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN);
      }
    });
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(2);
    return registration;
  }

  @Bean
  FilterRegistrationBean<Filter> basicAuthentication() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.setOrder(1);
    return registration;
  }
}
