package org.homefirst.workers.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.homefirst.patient.NhsNumber;
import org.homefirst.workers.council.CouncilAdultSocialCare;
import org.homefirst.workers.nelft.NelftCommunitySystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Partners' answers are read up to a limit and never kept: an answer far over the limit is given
 * up without being read to its end and is a fault (an incident), not parsed; the text of a refusal
 * or of an answer we cannot read is in no exchange row, exception (incident) or log line. A small
 * HTTP server on a random port plays the partner; the exchanges go to the test PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartnerAnswersTest {

  /** What a partner's answer could quote: the patient's details. */
  private static final String QUOTED = "Ada Jones 9434765919 of 1 Quiet Lane";
  private static final long HUGE = 128L * 1024 * 1024;

  private final PartnerExchanges exchanges = PartnerTestDatabase.exchanges();
  private final PartnerReferrals referrals = PartnerTestDatabase.referrals();
  private final AtomicLong written = new AtomicLong();
  private final CompletableFuture<Void> answered = new CompletableFuture<>();
  private final UUID referralId = UUID.randomUUID();
  private HttpServer partner;

  @AfterEach
  void stop() {
    if (partner != null) {
      partner.stop(0);
    }
  }

  @Test
  void anAnswerFarOverTheLimitIsRefusedWithoutReadingItAll() throws Exception {
    start(exchange -> stream(exchange, 0));

    assertThatThrownBy(() -> http().send(call()))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("over " + PartnerAnswers.DEFAULT_LIMIT + " bytes; not read");

    answered.get(60, TimeUnit.SECONDS);
    assertThat(written.get()).as("bytes the partner got to send before we hung up").isLessThan(HUGE / 4);
    assertThat(exchanges.forReferral(referralId)).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo("too-large");
      assertThat(e.responseStatus()).isEqualTo(200);
    });
  }

  @Test
  void anAnswerSayingItIsOverTheLimitIsNotReadAtAll() throws Exception {
    start(exchange -> stream(exchange, HUGE));

    assertThatThrownBy(() -> http().send(call())).isInstanceOf(PartnerDataRejected.class);

    answered.get(60, TimeUnit.SECONDS);
    assertThat(written.get()).isLessThan(HUGE / 4);
    assertThat(exchanges.forReferral(referralId)).extracting(PartnerExchanges.Exchange::outcome)
        .containsExactly("too-large");
  }

  @Test
  void anAnswerUpToTheLimitIsRead() throws Exception {
    byte[] body = new byte[PartnerAnswers.DEFAULT_LIMIT];
    Arrays.fill(body, (byte) 'a');
    start(exchange -> answer(exchange, 200, "text/plain", body));

    assertThat(http().send(call()).body()).hasSize(PartnerAnswers.DEFAULT_LIMIT);
  }

  @Test
  void aCouncilsRefusalOrUnreadableAnswerIsNeitherStoredNorLogged(CapturedOutput output) throws Exception {
    List<String> answers = List.of(
        "{\"type\":\"about:blank\",\"status\":400,\"detail\":\"" + QUOTED + " is not known to us\"}",
        QUOTED + " {\"id\":",
        "{\"id\":\"ASC-1\",\"status\":\"" + QUOTED + "\"}");
    int[] next = {0};
    start(exchange -> {
      int n = next[0]++;
      answer(exchange, n == 0 ? 400 : 201, "application/json", answers.get(n).getBytes(StandardCharsets.UTF_8));
    });
    CouncilAdultSocialCare council = new CouncilAdultSocialCare("lbh", baseUrl(), http(), referrals);

    for (int i = 0; i < answers.size(); i++) {
      long jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
      assertThatThrownBy(() -> council.request(councilRequest(), jobKey))
          .isInstanceOf(PartnerDataRejected.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("9434765919").doesNotContain("Quiet Lane"));
    }

    assertThat(storedExchanges()).hasSize(3).allSatisfy(row -> assertThat(row).doesNotContain("9434765919")
        .doesNotContain("Quiet Lane"));
    assertThat(storedExchanges()).anySatisfy(row -> assertThat(row).contains("HTTP 400"))
        .anySatisfy(row -> assertThat(row).contains("(not a code)"));
    assertThat(output.getAll()).doesNotContain("9434765919").doesNotContain("Quiet Lane");
  }

  @Test
  void nelftsRefusalKeepsItsIssueCodeButNotItsText(CapturedOutput output) throws Exception {
    String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
        + "\"code\":\"business-rule\",\"diagnostics\":\"" + QUOTED + " has an open referral\"}]}";
    start(exchange -> answer(exchange, 422, "application/fhir+json", outcome.getBytes(StandardCharsets.UTF_8)));
    NelftCommunitySystem nelft = new NelftCommunitySystem(baseUrl(), http(), referrals, Clock.systemUTC());

    assertThatThrownBy(() -> nelft.refer(new NelftCommunitySystem.Referral(referralId, NhsNumber.parse("943 476 5919"),
            "Ada", "Jones", LocalDate.of(1941, 3, 2), "bhrut-queens", "Ward 7", NelftCommunitySystem.Service.IRS_BED),
        ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("HTTP 422 business-rule")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Quiet Lane"));

    assertThat(storedExchanges()).singleElement().satisfies(row -> assertThat(row).contains("business-rule")
        .doesNotContain("Quiet Lane"));
    assertThat(output.getAll()).doesNotContain("Quiet Lane");
  }

  private interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private void start(Answer answer) throws IOException {
    partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    partner.createContext("/", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        answer.answer(exchange);
      }
    });
    partner.start();
  }

  /** Sends {@link #HUGE} bytes, declaring that length (or none, chunked, for 0), until we hang up. */
  private void stream(HttpExchange exchange, long declared) {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, declared);
      OutputStream out = exchange.getResponseBody();
      while (written.get() < HUGE) {
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
      out.close();
    } catch (IOException hungUp) {
      // what we expect: the client stopped reading and closed the connection
    } finally {
      answered.complete(null);
    }
  }

  private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private URI baseUrl() {
    return URI.create("http://127.0.0.1:" + partner.getAddress().getPort() + "/api");
  }

  private PartnerHttp http() {
    return new PartnerHttp("council-lbh", new PartnerHttp.Settings(Duration.ofSeconds(20), 1, Duration.ZERO, null),
        exchanges);
  }

  private PartnerHttp.Call call() {
    return new PartnerHttp.Call("read-referral", "GET", baseUrl().resolve("api/referrals/1"), "application/json", null,
        "homefirst-job-1", referralId, "GET referrals/1");
  }

  private CouncilAdultSocialCare.Request councilRequest() {
    return new CouncilAdultSocialCare.Request(referralId, CouncilAdultSocialCare.RequestType.INTERIM_BED,
        NhsNumber.parse("943 476 5919"), "Ada", "Jones", LocalDate.of(1941, 3, 2), "bhrut-kgh", "Ward 7", Map.of());
  }

  /** The exchange rows of this test's referral, each as the whole row's text. */
  private List<String> storedExchanges() {
    return PartnerTestDatabase.jdbc().sql("select row_to_json(e)::text from partner_exchange e where referral_id = ?")
        .param(referralId).query(String.class).list();
  }
}
