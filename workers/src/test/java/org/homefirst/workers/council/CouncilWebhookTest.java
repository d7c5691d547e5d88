package org.homefirst.workers.council;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.RequestThenWait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The council's webhook over real HTTP, on Zeebe Process Test's engine: the simulator signs its
 * decision, a small endpoint hands the raw body and header to {@link CouncilCallbacks}, and the
 * waiting journey goes on by message without the council being asked again. A callback that is
 * refused leaves the decision to the poller.
 */
@ZeebeProcessTest
class CouncilWebhookTest {

  private static final String SECRET = "lbh-webhook-secret";

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private PartnerReferrals referrals;
  private CouncilSimulator havering;
  private HttpServer endpoint;
  private CouncilRequests worker;
  private CouncilDecisions poller;

  @BeforeEach
  void start() throws Exception {
    havering = CouncilSimulator.start("lbh", 0);
    JdbcClient db = PartnerTestDatabase.fresh();
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    PartnerExchanges exchanges = new PartnerExchanges(db, Clock.systemUTC());
    PartnerDecisions decisions = new PartnerDecisions(referrals, exchanges, client, Duration.ofDays(1));
    CouncilCallbacks callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), referrals, exchanges, decisions);
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    endpoint.createContext("/partners/council/lbh/callbacks", exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CouncilCallbacks.Result result = callbacks.receive("lbh", body,
            exchange.getRequestHeaders().getFirst(CouncilCallbacks.SIGNATURE_HEADER));
        exchange.sendResponseHeaders(result.verdict().httpStatus(), -1);
      }
    });
    endpoint.start();
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(500), 2, Duration.ofMillis(10),
        Duration.ofMinutes(1), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    Councils councils = new Councils(Map.of("lbh", new CouncilAdultSocialCare("lbh", havering.baseUrl(),
        new PartnerHttp("council-lbh", properties.http(null), exchanges), referrals)));
    worker = new CouncilRequests(councils, properties, decisions);
    poller = new CouncilDecisions(councils, referrals, decisions, Duration.ofMinutes(1));
    RequestThenWait.deploy(client, "care-package", "homefirst.council.request-care-package", "carePackageRequestKey");
  }

  @AfterEach
  void stop() {
    endpoint.stop(0);
    havering.close();
    poller.close();
  }

  private URI callbackUrl() {
    return URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/partners/council/lbh/callbacks");
  }

  /** A journey whose care package request the council now holds; returns it and the request's key. */
  private Map.Entry<ProcessInstanceEvent, String> requested() throws Exception {
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId("care-package").latestVersion()
        .variables(Map.of("referralId", UUID.randomUUID().toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "borough", "lbh", "hospital", "bhrut-kgh",
            "ward", "Ward 7"))
        .send().join();
    idle();
    ActivatedJob job = client.newActivateJobsCommand().jobType("homefirst.council.request-care-package")
        .maxJobsToActivate(1).send().join().getJobs().get(0);
    worker.requestCarePackage(client, job);
    idle();
    assertThat(instance).isWaitingAtElements(RequestThenWait.WAIT);
    return Map.entry(instance, Idempotency.key(job.getKey()));
  }

  private void idle() throws Exception {
    engine.waitForIdleState(Duration.ofSeconds(5));
  }

  @Test
  void aSignedDecisionMovesTheWaitingJourneyOnWithoutAnotherCall() throws Exception {
    havering.sendCallbacks(callbackUrl(), SECRET);
    var journey = requested();
    String id = havering.referrals().get(0).id();
    int asked = havering.requestCount();

    havering.accept(id);
    idle();

    assertThat(havering.callbackAnswers()).containsExactly(204);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("accepted");
    assertThat(journey.getKey()).isCompleted().hasPassedElement("End_Accepted");
    assertThat(havering.requestCount()).isEqualTo(asked);
    assertThat(poller.poll().asked()).as("nothing left for the poller").isZero();
    assertThat(RequestThenWait.published(journey.getValue())).hasSize(1);
  }

  /** The demo's councils: each decides by itself after a while and calls back, nobody asking it. */
  @Test
  void aCouncilThatCallsBackDecidesOnItsOwnTimeWithoutBeingAsked() throws Exception {
    havering.decideAutomatically(CouncilSimulator.Decision.ACCEPT, Duration.ofMillis(300));
    havering.sendCallbacks(callbackUrl(), SECRET);
    var journey = requested();
    int asked = havering.requestCount();

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (havering.callbackAnswers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    idle();

    assertThat(havering.callbackAnswers()).containsExactly(204);
    assertThat(havering.requestCount()).as("not asked again").isEqualTo(asked);
    assertThat(journey.getKey()).isCompleted().hasPassedElement("End_Accepted");
  }

  @Test
  void aDecisionSignedWithTheWrongSecretIsRefusedAndThePollerStillFindsIt() throws Exception {
    havering.sendCallbacks(callbackUrl(), "not-the-secret");
    var journey = requested();
    String id = havering.referrals().get(0).id();

    havering.decline(id, "Not eligible");
    idle();

    assertThat(havering.callbackAnswers()).containsExactly(401);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("requested");
    assertThat(journey.getKey()).isWaitingAtElements(RequestThenWait.WAIT);
    assertThat(RequestThenWait.published(journey.getValue())).isEmpty();

    assertThat(poller.poll().decided()).isEqualTo(1);
    idle();

    assertThat(journey.getKey()).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Not eligible").hasVariableWithValue("rejectedBy", "council-lbh");
  }
}
