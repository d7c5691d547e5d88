package org.homefirst.workers.council;

import static org.homefirst.workers.TestEngine.journey;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.partners.RecordingMessages;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The council's webhook over real HTTP, on a real Operaton engine: the simulator signs its
 * decision, a small endpoint hands the raw body and header to {@link CouncilCallbacks}, and the
 * waiting journey goes on by message without the council being asked again. A callback that is
 * refused leaves the decision to the poller.
 */
class CouncilWebhookTest {

  private static final String SECRET = "lbh-webhook-secret";

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final RecordingMessages messages = new RecordingMessages();
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
    PartnerDecisions decisions = new PartnerDecisions(referrals, exchanges, messages);
    CouncilCallbacks callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), CouncilCallbackProperties.DEFAULTS,
        new CallbackNonces(db), referrals, exchanges, decisions);
    endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    endpoint.createContext("/partners/council/lbh/callbacks", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readNBytes(callbacks.maxBodyBytes() + 1);
        CouncilCallbacks.Result result = callbacks.receive("lbh", body,
            exchange.getRequestHeaders().getFirst(CouncilCallbacks.TIMESTAMP_HEADER),
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
    poller = new CouncilDecisions(councils, referrals, decisions, Duration.ofMinutes(1),
        new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource())));
    RequestThenWait.deploy("care-package", "homefirst.council.request-care-package", "carePackageRequestKey");
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.stop(0);
    havering.close();
    poller.close();
  }

  private URI callbackUrl() throws Exception {
    return URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/partners/council/lbh/callbacks");
  }

  /** A journey whose care package request the council now holds; returns it and the request's key. */
  private Map.Entry<String, String> requested() throws Exception {
    String instance = TestEngine.start("care-package", Map.of("referralId", UUID.randomUUID().toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "borough", "lbh", "hospital", "bhrut-kgh",
            "ward", "Ward 7"));
    Job job = TestEngine.runner(worker.jobWorkers()).runOnce().get(0);
    journey(instance).isWaitingAtElements(RequestThenWait.WAIT);
    return Map.entry(instance, Idempotency.key(job.key()));
  }


  @Test
  void aSignedDecisionMovesTheWaitingJourneyOnWithoutAnotherCall() throws Exception {
    havering.sendCallbacks(callbackUrl(), SECRET);
    var journey = requested();
    String id = havering.referrals().get(0).id();
    int asked = havering.requestCount();

    havering.accept(id);

    assertThat(havering.callbackAnswers()).containsExactly(204);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("accepted");
    journey(journey.getKey()).isCompleted().hasPassedElement("End_Accepted");
    assertThat(havering.requestCount()).isEqualTo(asked);
    assertThat(poller.poll().asked()).as("nothing left for the poller").isZero();
    assertThat(messages.published(journey.getValue())).hasSize(1);
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

    assertThat(havering.callbackAnswers()).containsExactly(204);
    assertThat(havering.requestCount()).as("not asked again").isEqualTo(asked);
    journey(journey.getKey()).isCompleted().hasPassedElement("End_Accepted");
  }

  @Test
  void aDecisionSignedWithTheWrongSecretIsRefusedAndThePollerStillFindsIt() throws Exception {
    havering.sendCallbacks(callbackUrl(), "not-the-secret");
    var journey = requested();
    String id = havering.referrals().get(0).id();

    havering.decline(id, "Not eligible");

    assertThat(havering.callbackAnswers()).containsExactly(401);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("requested");
    journey(journey.getKey()).isWaitingAtElements(RequestThenWait.WAIT);
    assertThat(messages.published(journey.getValue())).isEmpty();

    assertThat(poller.poll().decided()).isEqualTo(1);

    journey(journey.getKey()).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Not eligible").hasVariableWithValue("rejectedBy", "council-lbh");
  }
}
