package org.homefirst.workers;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The job workers as a process of their own, for scale-out: the same handlers as in the
 * application, served by the remote runner over the engine's REST API
 * ({@code homefirst.workers.engine-rest.*}, credentials from the environment), writing the partner
 * tables in the application's PostgreSQL ({@code spring.datasource.*}). No web server, no engine,
 * no schedules: the partner polls and the outbox relay run in the application (once per
 * cluster), and topics that talk to the engine itself are left to the application's runner.
 */
@SpringBootApplication
public class WorkerProcess {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(WorkerProcess.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(Map.of(
        "homefirst.workers.mode", "remote",
        // the application migrates the schema (its Flyway runs every module's migrations)
        "spring.flyway.enabled", "false"));
    app.run(args);
  }

  @Bean
  Clock clock() {
    return Clock.systemDefaultZone();
  }
}
