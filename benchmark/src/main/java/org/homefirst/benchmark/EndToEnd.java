package org.homefirst.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.HomeFirstApplication;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskFilter;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TeamMember;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application in this JVM, as it runs in the demo (embedded PostgreSQL with fsync and
 * synchronous commit on, the engine, our projection, the workers and the hospital simulators), with no
 * demo referrals. Referrals come over HTTP with Basic authentication; users work through
 * {@link TaskInbox}, as the inbox view does.
 */
final class EndToEnd implements JourneySystem {

  private static final String REFERRER = "ward.nurse";

  private final ConfigurableApplicationContext app;
  private final TaskInbox inbox;
  private final JdbcClient db;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI referrals;
  private final String authorization;
  private final long postmaster;

  EndToEnd(Path dataDirectory, Map<String, Object> properties) {
    Map<String, Object> settings = new java.util.HashMap<>(Map.of(
        "server.port", 0,
        "homefirst.demo-data", false,
        "homefirst.demo.history.enabled", false,
        "homefirst.database.directory", dataDirectory.toString(),
        "homefirst.database.port", 0,
        "vaadin.productionMode", true,
        "vaadin.launch-browser", false,
        "spring.main.banner-mode", "off"));
    settings.putAll(properties);
    // As command-line arguments: they override application.yaml. (SpringApplicationBuilder.properties
    // are default properties, below application.yaml: the database directory and port, the server port
    // and the clocks set there would win.)
    String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    app = new SpringApplicationBuilder(HomeFirstApplication.class).profiles("demo").run(args);
    inbox = app.getBean(TaskInbox.class);
    db = app.getBean(JdbcClient.class);
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    referrals = URI.create("http://localhost:" + port + "/api/v1/referrals");
    authorization = "Basic " + Base64.getEncoder().encodeToString((REFERRER + ":demo").getBytes(StandardCharsets.UTF_8));
    postmaster = Cpu.postmaster(Path.of(db.sql("show data_directory").query(String.class).single()));
  }

  @Override
  public String name() {
    return "end to end";
  }

  @Override
  public Referred refer(String nhsNumber) throws Exception {
    String body = """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"1941-03-02",
         "borough":"%s","hospital":"%s","ward":"Ward 7","admittedAt":"2026-11-20T09:30:00Z"}"""
        .formatted(nhsNumber, PathwayZero.BOROUGH, PathwayZero.HOSPITAL);
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(referrals).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("intake answered " + response.statusCode() + ": " + response.body());
    }
    String location = response.headers().firstValue("Location").orElseThrow();
    return new Referred(location.substring(location.lastIndexOf('/') + 1), nhsNumber);
  }

  /** The inbox query of the team's queue, searched by the patient's NHS number and the task type. */
  @Override
  public String openTask(Referred referral, String elementId) {
    List<InboxTask> tasks = inbox.tasks(member("bench.lookout"), new TaskInbox.Queue.AllVisible(),
        new TaskFilter(null, null, null, elementId, false, referral.nhsNumber()), 0, 10);
    return tasks.stream().filter(t -> referral.id().equals(String.valueOf(t.referralId()))).findFirst()
        .map(t -> Long.toString(t.key())).orElse(null);
  }

  @Override
  public void claimAndComplete(String user, String taskId, Map<String, Object> values) {
    TeamMember member = member(user);
    long key = Long.parseLong(taskId);
    inbox.claim(member, key);
    inbox.complete(member, key, values);
  }

  private static TeamMember member(String user) {
    return new TeamMember(user, Set.of(PathwayZero.TEAM));
  }

  @Override
  public long journeysCompleted() {
    return db.sql("select count(*) from referral where status = 'COMPLETED'").query(Long.class).single();
  }

  /** The referral's status, as the referral's page shows it. */
  @Override
  public boolean journeyCompleted(Referred referral) {
    return db.sql("select status = 'COMPLETED' from referral where id = ?::uuid").param(referral.id())
        .query(Boolean.class).single();
  }

  @Override
  public Cpu.Reading cpu() {
    return new Cpu.Reading(Cpu.jvmSeconds(), Cpu.postgresSeconds(postmaster));
  }

  /** The application's context, for the queue measurement. */
  ConfigurableApplicationContext context() {
    return app;
  }

  @Override
  public void close() {
    app.close();
  }
}
