package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.partners.AwaitingPartner;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The council's webhook over real HTTP: the simulator signs its decision, a small endpoint hands
 * the raw body and header to {@link CouncilCallbacks}, and the waiting job completes from the
 * recorded decision without asking the council again.
 */
class CouncilWebhookTest {

  private static final String SECRET = "lbh-webhook-secret";

  private final PartnerReferrals referrals = PartnerTestDatabase.referrals();
  private CouncilSimulator havering;
  private HttpServer endpoint;
  private CouncilRequests worker;
  private long jobKey;

  @BeforeEach
  void start() throws IOException {
    havering = CouncilSimulator.start("lbh", 0);
    CouncilCallbacks callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), referrals, PartnerTestDatabase.exchanges());
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
    worker = new CouncilRequests(new Councils(Map.of("lbh", new CouncilAdultSocialCare("lbh", havering.baseUrl(),
        new PartnerHttp("council-lbh", properties.http(null), PartnerTestDatabase.exchanges()), referrals))),
        properties);
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @AfterEach
  void stop() {
    endpoint.stop(0);
    havering.close();
  }

  private URI callbackUrl() {
    return URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/partners/council/lbh/callbacks");
  }

  private CouncilRequests.Variables ada() {
    return new CouncilRequests.Variables(UUID.nameUUIDFromBytes(("ada" + jobKey).getBytes()).toString(), "9434765919",
        "Ada", "Jones", "1941-03-02", "lbh", "bhrut-kgh", "Ward 7", null);
  }

  @Test
  void aSignedDecisionCompletesTheWaitingJobWithoutAnotherCall() {
    havering.sendCallbacks(callbackUrl(), SECRET);
    assertThatThrownBy(() -> worker.handle(RequestType.CARE_PACKAGE, ada(), jobKey)).isInstanceOf(AwaitingPartner.class);
    String id = havering.referrals().get(0).id();

    havering.accept(id);

    assertThat(havering.callbackAnswers()).containsExactly(204);
    assertThat(referrals.byKey(Idempotency.key(jobKey)).orElseThrow().status()).isEqualTo("accepted");
    int asked = havering.requestCount();
    assertThat(worker.handle(RequestType.CARE_PACKAGE, ada(), jobKey))
        .isEqualTo(Map.of("carePackageReferralId", id, "carePackageStatus", "accepted"));
    assertThat(havering.requestCount()).isEqualTo(asked);
  }

  @Test
  void aDecisionSignedWithTheWrongSecretIsRefusedAndTheJobStillAsks() {
    havering.sendCallbacks(callbackUrl(), "not-the-secret");
    assertThatThrownBy(() -> worker.handle(RequestType.CARE_PACKAGE, ada(), jobKey)).isInstanceOf(AwaitingPartner.class);
    String id = havering.referrals().get(0).id();

    havering.decline(id, "Not eligible");

    assertThat(havering.callbackAnswers()).containsExactly(401);
    assertThat(referrals.byKey(Idempotency.key(jobKey)).orElseThrow().status()).isEqualTo("requested");
    // polling still finds the decision
    assertThatThrownBy(() -> worker.handle(RequestType.CARE_PACKAGE, ada(), jobKey))
        .isInstanceOf(io.camunda.zeebe.spring.common.exception.ZeebeBpmnError.class)
        .hasMessageContaining("Not eligible");
  }
}
