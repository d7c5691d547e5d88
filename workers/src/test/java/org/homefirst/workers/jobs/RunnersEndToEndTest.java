package org.homefirst.workers.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.workers.TestEngine.ended;
import static org.homefirst.workers.TestEngine.incidents;
import static org.homefirst.workers.TestEngine.passed;
import static org.homefirst.workers.TestEngine.variable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerRejection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both runners end to end, unchanged handlers: the embedded one on its own threads in this JVM,
 * the remote one over a real, authenticated {@code /engine-rest} limited to external tasks. Each
 * completes a topic with the handler's variables, turns a refusal into the BPMN error the model
 * catches, and a fault into retries with backoff and then an incident, the job's idempotency key
 * the same on every retry. Waits are bounded polls on the engine's state. Who may call the
 * application's {@code /engine-rest} is tested on the application itself (ui's
 * {@code EngineRestAccessTest}).
 */
class RunnersEndToEndTest {

  private static final Duration BACKOFF = Duration.ofMillis(100);

  private static ConfigurableApplicationContext engineRest;
  private static URI engineRestUrl;
  private final ProcessEngine engine = TestEngine.engine();
  private final List<String> faultKeys = new CopyOnWriteArrayList<>();
  private final List<Integer> faultRetries = new CopyOnWriteArrayList<>();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private JobRunner runner;

  @BeforeAll
  static void startEngineRest() {
    engineRest = EngineRestApp.start();
    int port = ((WebServerApplicationContext) engineRest).getWebServer().getPort();
    engineRestUrl = URI.create("http://127.0.0.1:" + port + "/engine-rest");
  }

  @AfterAll
  static void stopEngineRest() {
    engineRest.close();
  }

  @AfterEach
  void stopRunner() {
    if (runner != null) {
      runner.close();
    }
  }

  private String topic(String name) {
    return "homefirst.test." + name + "-" + run;
  }

  /** A small family: one topic completes, one refuses, one always fails, one talks to the engine. */
  private List<JobWorker> workers() {
    return List.of(
        JobWorker.of(topic("complete"), List.of("referralId"), BACKOFF,
            job -> Map.of("done", job.variable("referralId"), "doneWithKey", Idempotency.key(job.key()))),
        JobWorker.of(topic("refuse"), List.of(), BACKOFF, job -> {
          throw PartnerRejection.of("council-lbh", "Not eligible");
        }),
        JobWorker.of(topic("fault"), List.of(), BACKOFF, job -> {
          faultKeys.add(Idempotency.key(job.key()));
          faultRetries.add(job.retries());
          throw new IllegalStateException("council-lbh not reachable");
        }),
        JobWorker.of(topic("engine"), List.of(), BACKOFF, job -> Map.of("announced", true)).needingEngine());
  }

  private String start(String name) {
    String processId = "runner-" + name + "-" + run;
    TestEngine.deploy(Bpmn.createExecutableProcess(processId)
        .operatonHistoryTimeToLive(1)
        .startEvent("Start")
        .serviceTask("Task_Work").operatonType("external").operatonTopic(topic(name))
        .boundaryEvent("Error_Refused").error(PartnerRejection.ERROR_CODE)
        .endEvent("End_Refused")
        .moveToActivity("Task_Work")
        .endEvent("End_Done")
        .done(), processId + ".bpmn");
    return TestEngine.start(processId, Map.of("referralId", UUID.randomUUID().toString()));
  }

  @Test
  void theEmbeddedRunnerServesEveryTopicOnItsOwnThreads() {
    runner = new EmbeddedJobRunner(engine.getExternalTaskService(), workers(), "embedded-" + run, 2,
        Duration.ofMillis(20));
    runner.start();

    String announced = start("engine");
    eventually(() -> ended(announced), "the topic needing the engine is served in the application");
    assertThat(variable(announced, "announced")).isEqualTo(true);
    provesTheOutcomes();
  }

  @Test
  void theRemoteRunnerServesTheSameHandlersOverTheEngineRestApi() {
    runner = new RemoteJobRunner(new JobRunnerProperties.EngineRest(engineRestUrl, EngineRestApp.USER,
        EngineRestApp.PASSWORD, Duration.ofSeconds(1)), workers(), "remote-" + run, 2);
    runner.start();

    String needsEngine = start("engine");
    provesTheOutcomes();
    assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(needsEngine).singleResult()
        .getWorkerId()).as("left for the application's runner: never fetched over REST").isNull();
  }

  private void provesTheOutcomes() {
    String completed = start("complete");
    String refused = start("refuse");
    String failing = start("fault");

    eventually(() -> ended(completed), "the topic completed");
    assertThat(passed(completed, "End_Done")).isTrue();
    assertThat(variable(completed, "done")).isEqualTo(variable(completed, "referralId"));

    eventually(() -> ended(refused), "the refusal caught");
    assertThat(passed(refused, "End_Refused")).as("a BPMN error, caught by the boundary").isTrue();
    assertThat(variable(refused, "rejectionReason")).isEqualTo("Not eligible");
    assertThat(variable(refused, "rejectedBy")).isEqualTo("council-lbh");

    eventually(() -> !incidents(failing).isEmpty(), "the fault's incident");
    assertThat(faultRetries).as("three runs: the first, then with 2 and 1 retries left").containsExactly(null, 2, 1);
    assertThat(faultKeys).as("one idempotency key across retries").hasSize(3).containsOnly(faultKeys.get(0));
    assertThat(incidents(failing)).singleElement()
        .satisfies(i -> assertThat(i.getIncidentMessage()).isEqualTo("council-lbh not reachable"));
    assertThat(ended(failing)).isFalse();
  }

  /** A bounded poll: the runners work on their own threads. */
  private static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
