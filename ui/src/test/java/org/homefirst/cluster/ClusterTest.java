package org.homefirst.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.homefirst.HomeFirstApplication;
import org.homefirst.StackTest;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TaskRefused;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cluster (ADR 0001 §8): two application nodes on one PostgreSQL run pathway 0 journeys together,
 * and each referral, task completion, timer and external task happens once.
 *
 * <p>The test starts one PostgreSQL (zonky) and two nodes of the whole application on it, with
 * profiles {@code demo,test}, their own embedded job runners (worker ids {@code node-a},
 * {@code node-b}), job executors and scheduled partner polls:
 * <ul>
 *   <li><b>node A</b> runs in the test's JVM ({@link SpringApplicationBuilder}), because user tasks can
 *       only be completed through a node's {@link TaskInbox} (the engine's REST API serves external
 *       tasks only, and a bare third engine would not write our projection);
 *   <li><b>node B</b> is a separate JVM running {@link HomeFirstApplication} from this test's
 *       classpath; its output goes to {@code target/cluster/node-b.log}.
 * </ul>
 * Node A starts first and node B once A is up: two nodes creating the engine's schema on an
 * empty database at the same moment is not what this test is about.
 *
 * <p>Referrals alternate between the nodes' intake APIs over HTTP; user tasks are claimed and
 * completed on node A; external tasks (hospital requests, notifications, the discharge
 * announcement) and the home-check timer are taken by whichever node's runner or job executor
 * gets them. The assertions are on the shared database only. That the scheduled polls run on one
 * node at a time is proven by {@code OncePerClusterTest} (workers); here only the polls' locks
 * are checked to be taken in the shared table.
 */
class ClusterTest {

  private static final int JOURNEYS = 12;
  private static final Duration STARTUP = Duration.ofMinutes(4);
  private static final Duration JOURNEYS_DONE = Duration.ofMinutes(4);
  private static final TeamMember COORDINATOR = new TeamMember("jad.coordinator", Set.of("jad"));
  private static final Path OUTPUT = Path.of("target", "cluster");

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private static JdbcClient db;
  private static ConfigurableApplicationContext nodeA;
  private static Process nodeB;
  private static Path nodeBLog;
  private static int portA;
  private static int portB;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startPostgresAndTwoNodes() throws Exception {
    Files.createDirectories(OUTPUT);
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    db = JdbcClient.create(dataSource);
    // An external server as README "Audit and retention" sets it up: the schema's owner runs the
    // migrations, the nodes connect as the application's role.
    db.sql("create role homefirst_owner login").update();
    db.sql("create role homefirst_app login").update();
    db.sql("alter database postgres owner to homefirst_owner").update();
    db.sql("grant usage, create on schema public to homefirst_app").update();

    nodeA = new SpringApplicationBuilder(HomeFirstApplication.class)
        .profiles("demo", "test")
        .run(nodeArguments("node-a", 0).toArray(String[]::new));
    portA = Integer.parseInt(nodeA.getEnvironment().getRequiredProperty("local.server.port"));

    portB = freePort();
    nodeBLog = OUTPUT.resolve("node-b.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", testClassPath(), HomeFirstApplication.class.getName()));
    command.add("--spring.profiles.active=demo,test");
    command.addAll(nodeArguments("node-b", portB));
    nodeB = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(nodeBLog.toFile()).start();
    awaitHealthy(portB);
  }

  @AfterAll
  static void stopNodesThenPostgres() throws Exception {
    if (nodeB != null) {
      nodeB.destroy();
      if (!nodeB.waitFor(60, TimeUnit.SECONDS)) {
        nodeB.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (nodeA != null) {
      nodeA.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void twoNodesRunEveryJourneyStepOnce() {
    List<UUID> referrals = new ArrayList<>();
    for (int i = 0; i < JOURNEYS; i++) {
      referrals.add(refer(i % 2 == 0 ? portA : portB));
    }
    TaskInbox inbox = nodeA.getBean(TaskInbox.class);
    List<Long> roots = referrals.stream().map(id -> await("the journey of " + id + " to start", Duration.ofSeconds(30),
        () -> db.sql("select process_instance_key from referral where id = ?").param(id).query(Long.class)
            .optional().orElse(null))).toList();

    drive(inbox, referrals, roots);

    assertThat(db.sql("select status from referral where id = any(?)").param(referrals.toArray(UUID[]::new))
        .query(String.class).list()).hasSize(JOURNEYS).containsOnly("COMPLETED");
    for (UUID id : referrals) {
      assertThat(db.sql("select kind from hospital_request where referral_id = ? order by kind").param(id)
          .query(String.class).list()).as("hospital requests of %s", id).containsExactly("transport", "tta");
    }
    Long[] rootKeys = roots.toArray(Long[]::new);
    String[] rootIds = roots.stream().map(String::valueOf).toArray(String[]::new);

    assertThat(db.sql("""
            select root_instance_key || ' ' || element_id || ' x' || count(*) from user_task
            where root_instance_key = any(?) group by root_instance_key, element_id having count(*) <> 1""")
        .param(rootKeys).query(String.class).list()).as("user tasks created more than once").isEmpty();
    assertThat(db.sql("""
            select count(*) from user_task where root_instance_key = any(?) and state <> 'COMPLETED'""")
        .param(rootKeys).query(Integer.class).single()).as("user tasks not completed").isZero();
    assertThat(db.sql("""
            select root_proc_inst_id_ || ' ' || task_def_key_ || ' x' || count(*) from act_hi_taskinst
            where root_proc_inst_id_ = any(?) group by root_proc_inst_id_, task_def_key_
            having count(*) <> 1 or count(*) filter (where delete_reason_ = 'completed') <> 1""")
        .param(rootIds).query(String.class).list()).as("engine task instances not completed exactly once").isEmpty();
    assertThat(db.sql("select count(distinct task_def_key_) from act_hi_taskinst where root_proc_inst_id_ = any(?)")
        .param(rootIds).query(Integer.class).single()).as("the five pathway 0 tasks").isEqualTo(5);

    assertThat(db.sql("""
            select ext_task_id_ || ' ' || topic_name_ || ' x' || count(*) filter (where state_ = 2)
            from act_hi_ext_task_log where root_proc_inst_id_ = any(?)
            group by ext_task_id_, topic_name_ having count(*) filter (where state_ = 2) <> 1""")
        .param(rootIds).query(String.class).list()).as("external tasks not completed exactly once").isEmpty();
    List<Map<String, Object>> byWorker = db.sql("""
            select worker_id_ as worker, count(*) as completed from act_hi_ext_task_log
            where root_proc_inst_id_ = any(?) and state_ = 2 group by worker_id_ order by worker_id_""")
        .param(rootIds).query().listOfRows();
    System.out.println("External tasks completed per node: " + byWorker);
    assertThat(byWorker).extracting(row -> row.get("worker")).as("both nodes' runners took work")
        .containsExactlyInAnyOrder("node-a", "node-b");

    assertThat(db.sql("""
            select instance_key || ' ' || element_id || ' x' || count(*) from journey_event
            where root_instance_key = any(?) and kind = 'TIMER_TRIGGERED'
            group by instance_key, element_id having count(*) <> 1""")
        .param(rootKeys).query(String.class).list()).as("timers fired more than once").isEmpty();
    assertThat(db.sql("""
            select count(distinct instance_key) from journey_event
            where root_instance_key = any(?) and kind = 'TIMER_TRIGGERED' and element_id = 'Timer_HomeCheckDue'""")
        .param(rootKeys).query(Integer.class).single()).as("one home check timer per journey").isEqualTo(JOURNEYS);
    assertThat(db.sql("""
            select job_id_ || ' x' || count(*) from act_hi_job_log
            where root_proc_inst_id_ = any(?) and job_state_ = 2 group by job_id_ having count(*) > 1""")
        .param(rootIds).query(String.class).list()).as("jobs executed successfully more than once").isEmpty();

    assertThat(db.sql("select count(*) from incident where root_instance_key = any(?)").param(rootKeys)
        .query(Integer.class).single()).as("incidents").isZero();
    assertThat(db.sql("select count(*) from act_ru_incident").query(Integer.class).single()).isZero();

    assertThat(db.sql("""
            select referral_id || ' ' || kind || ' ' || recipient || ' x' || count(*) from notification
            where referral_id = any(?) group by referral_id, kind, recipient having count(*) > 1""")
        .param(referrals.toArray(UUID[]::new)).query(String.class).list()).as("duplicate notifications").isEmpty();
    System.out.println("Notifications of the journeys: " + db.sql("""
            select kind || '/' || channel || '/' || status || ' x' || count(*) from notification
            where referral_id = any(?) group by kind, channel, status order by 1""")
        .param(referrals.toArray(UUID[]::new)).query(String.class).list());

    assertThat(db.sql("select name from shedlock").query(String.class).list())
        .as("the scheduled polls took their cluster-wide locks")
        .contains("nelft-decisions", "council-decisions", "notify-outbox-relay");
  }

  /** Completes, on node A, each open task of the journeys as its form would, until every journey is done. */
  private static void drive(TaskInbox inbox, List<UUID> referrals, List<Long> roots) {
    Instant deadline = Instant.now().plus(JOURNEYS_DONE);
    UUID[] ids = referrals.toArray(UUID[]::new);
    Long[] rootKeys = roots.toArray(Long[]::new);
    while (db.sql("select count(*) from referral where id = any(?) and status <> 'COMPLETED'").param(ids)
        .query(Integer.class).single() > 0) {
      if (Instant.now().isAfter(deadline)) {
        fail("Journeys not completed within " + JOURNEYS_DONE + "; open tasks: "
            + db.sql("select root_instance_key || ' ' || element_id from user_task where root_instance_key = any(?) "
                + "and state = 'CREATED'").param(rootKeys).query(String.class).list()
            + "; referrals: " + db.sql("select status || ' x' || count(*) from referral where id = any(?) group by status")
                .param(ids).query(String.class).list());
      }
      List<Map<String, Object>> open = db.sql("""
              select task_key, element_id from user_task where root_instance_key = any(?) and state = 'CREATED'
              order by task_key""").param(rootKeys).query().listOfRows();
      for (Map<String, Object> task : open) {
        long key = ((Number) task.get("task_key")).longValue();
        String element = (String) task.get("element_id");
        try {
          InboxTask found = inbox.find(COORDINATOR, key).orElse(null);
          if (found == null || found.assignee() == null) {
            inbox.claim(COORDINATOR, key);
          }
          inbox.complete(COORDINATOR, key, formValues(element));
        } catch (TaskRefused moved) {
          // the journey moved on meanwhile (e.g. the task closed): look again next round
        }
      }
      pause();
    }
  }

  private static Map<String, Object> formValues(String element) {
    return switch (element) {
      case "Task_Triage" -> org.homefirst.StackTest.triageAnswers();
      case "Task_ConfirmPathway" -> Map.of("pathway", 0, "voluntarySupportWanted", false);
      case "Task_PlanDischarge" -> Map.of("plannedDischargeAt", "2026-11-23T11:00:00");
      case "Task_ConfirmDischarge" -> Map.of("dischargedAt", Instant.now().toString());
      case "Task_HomeCheck" -> Map.of("stillAtHome", true);
      default -> fail("A pathway 0 journey opened an unexpected task: " + element);
    };
  }

  private static UUID refer(int port) {
    String body = """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"1941-03-02",
         "borough":"lbh","hospital":"bhrut-kgh","ward":"Ward 7","admittedAt":"2026-11-20T09:30:00Z"}"""
        .formatted(StackTest.validNhsNumber());
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/referrals"))
              .header("Content-Type", "application/json")
              .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ward.nurse:demo".getBytes(StandardCharsets.UTF_8)))
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      String location = response.headers().firstValue("Location").orElseThrow();
      return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The same settings for both nodes: the shared database, this node's name, short clocks and polls. */
  private static List<String> nodeArguments(String name, int port) {
    return List.of(
        "--server.port=" + port,
        "--homefirst.database.embedded=false",
        "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
        "--spring.datasource.username=homefirst_app",
        "--spring.datasource.password=",
        "--spring.flyway.user=homefirst_owner",
        "--spring.datasource.hikari.maximum-pool-size=10",
        "--homefirst.demo-data=false",
        "--homefirst.workers.worker-id=" + name,
        // Node A shares its JVM with the other tests' application: its engine must not take over (or,
        // when it closes, remove) the engine name "default" that their REST API looks up.
        "--operaton.bpm.process-engine-name=cluster" + name.replace("-", ""),
        "--homefirst.clocks.homeCheckAfter=PT3S",
        "--homefirst.partners.nelft.poll-interval=PT1S",
        "--homefirst.partners.council.poll-interval=PT1S",
        "--homefirst.partners.notify.relay-interval=PT1S",
        "--vaadin.productionMode=true");
  }

  /** The test's classpath (surefire passes it on, as the JVM's own may be a manifest-only jar). */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  private static void awaitHealthy(int port) {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!nodeB.isAlive()) {
        fail("Node B stopped (exit " + nodeB.exitValue() + ")\n" + tail(nodeBLog));
      }
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause();
    }
    fail("Node B not healthy within " + STARTUP + "\n" + tail(nodeBLog));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static <T> T await(String what, Duration within, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      pause();
    }
    return fail("Gave up waiting for " + what);
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
