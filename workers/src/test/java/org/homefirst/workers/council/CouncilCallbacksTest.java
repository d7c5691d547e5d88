package org.homefirst.workers.council;

import static org.homefirst.workers.TestEngine.journey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilCallbacks.Verdict;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.partners.RecordingMessages;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed council callbacks on a real Operaton engine: a genuine decision is recorded once
 * and published to the journey waiting for it; a forged, replayed, stale, oversized, unknown or
 * malformed one changes nothing and publishes nothing, and nothing it carried is repeated in the
 * answer or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class CouncilCallbacksTest {

  private static final String SECRET = "lbh-callback-secret";

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final RecordingMessages messages = new RecordingMessages();
  private PartnerExchanges exchanges;
  private PartnerReferrals referrals;
  private CouncilCallbacks callbacks;
  private CallbackNonces nonces;
  private CouncilSimulator simulator;
  private UUID referralId;
  private String journey;
  private String key;
  private String councilId;

  @BeforeEach
  void referSomeone() {
    simulator = CouncilSimulator.start("lbh", 0);
    JdbcClient db = PartnerTestDatabase.fresh();
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    PartnerDecisions decisions = new PartnerDecisions(referrals, exchanges, messages);
    nonces = new CallbackNonces(db);
    callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), CouncilCallbackProperties.DEFAULTS, nonces, referrals,
        exchanges, decisions);
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(500), 2, Duration.ofMillis(10),
        Duration.ofMinutes(1), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    CouncilRequests worker = new CouncilRequests(new Councils(Map.of("lbh", new CouncilAdultSocialCare("lbh",
        simulator.baseUrl(), new PartnerHttp("council-lbh", properties.http(null), exchanges), referrals))),
        properties, decisions);
    RequestThenWait.deploy("interim-bed", "homefirst.council.request-interim-bed", "interimBedRequestKey");
    referralId = UUID.randomUUID();
    journey = TestEngine.start("interim-bed", Map.of("referralId", referralId.toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "borough", "lbh", "hospital", "bhrut-kgh",
            "ward", "Ward 7"));
    Job job = TestEngine.runner(worker.jobWorkers()).runOnce().get(0);
    key = Idempotency.key(job.key());
    councilId = simulator.referrals().get(0).id();
    journey(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }


  /** A callback signed now with that secret. */
  private CouncilCallbacks.Result receive(String borough, String body, String secret) {
    return receive(borough, body, Instant.now(), secret);
  }

  private CouncilCallbacks.Result receive(String borough, String body, Instant signedAt, String secret) {
    String timestamp = String.valueOf(signedAt.getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return callbacks.receive(borough, bytes, timestamp,
        secret == null ? null : CouncilCallbacks.sign(secret, timestamp, bytes));
  }

  private String status() {
    return referrals.byKey(key).orElseThrow().status();
  }

  @Test
  void aSignedDecisionIsRecordedAndPublishedToTheWaitingJourneyOnce() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"Not eligible\"}";
    int asked = simulator.requestCount();

    CouncilCallbacks.Result result = receive("lbh", body, SECRET);

    assertThat(result.verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(result.verdict().httpStatus()).isEqualTo(204);
    assertThat(status()).isEqualTo("rejected");
    journey(journey).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Not eligible").hasVariableWithValue("rejectedBy", "council-lbh");
    assertThat(simulator.requestCount()).as("the council is not asked").isEqualTo(asked);
    assertThat(exchanges.forReferral(referralId)).anySatisfy(e -> assertThat(e.operation()).isEqualTo("callback"));

    // the same decision sent again a second later, then later news: on record, never a second decision
    assertThat(receive("lbh", body, Instant.now().plusSeconds(1), SECRET).verdict()).isEqualTo(Verdict.APPLIED);
    String closed = "{\"id\":\"" + councilId + "\",\"status\":\"closed\"}";
    assertThat(receive("lbh", closed, SECRET).verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(status()).isEqualTo("completed");
    assertThat(messages.published(key)).singleElement()
        .isEqualTo(Map.of("partnerDecision", "rejected", "rejectionReason", "Not eligible", "rejectedBy", "council-lbh"));
  }

  @Test
  void aForgedCallbackIsRefusedAndChangesNothing() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"accepted\"}";
    int exchangesBefore = exchanges.forReferral(referralId).size();

    String now = String.valueOf(Instant.now().getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    assertThat(receive("lbh", body, "guessed-secret").verdict()).isEqualTo(Verdict.FORGED);
    assertThat(receive("lbh", body, null).verdict()).isEqualTo(Verdict.FORGED);
    String signedOther = "{\"id\":\"" + councilId + "\",\"status\":\"received\"}";
    assertThat(callbacks.receive("lbh", bytes, now, CouncilCallbacks.sign(SECRET, now, signedOther.getBytes(
        StandardCharsets.UTF_8))).verdict()).as("signature of another body").isEqualTo(Verdict.FORGED);
    assertThat(callbacks.receive("lbh", bytes, null, CouncilCallbacks.sign(SECRET, now, bytes)).verdict())
        .as("no timestamp").isEqualTo(Verdict.FORGED);
    String later = String.valueOf(Instant.now().getEpochSecond() + 1);
    assertThat(callbacks.receive("lbh", bytes, later, CouncilCallbacks.sign(SECRET, now, bytes)).verdict())
        .as("timestamp changed after signing").isEqualTo(Verdict.FORGED);
    assertThat(receive("lbr", body, SECRET).verdict()).as("a borough without a secret").isEqualTo(Verdict.FORGED);

    assertThat(status()).isEqualTo("requested");
    assertThat(exchanges.forReferral(referralId)).hasSize(exchangesBefore);
    assertThat(messages.published(key)).isEmpty();
    journey(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @Test
  void aCallbackAboutAReferralWeNeverMadeIsRefused() {
    String body = "{\"id\":\"ASC-LBH-unknown\",\"status\":\"accepted\"}";

    CouncilCallbacks.Result result = receive("lbh", body, SECRET);

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN_REFERRAL);
    assertThat(result.verdict().httpStatus()).isEqualTo(404);
    assertThat(result.verdict().answer() + result.message()).doesNotContain("ASC-LBH-unknown");
    assertThat(status()).isEqualTo("requested");
    assertThat(messages.published(key)).isEmpty();
  }

  @Test
  void aSignedCallbackWithAnUnknownStatusOrBrokenBodyIsRefused() {
    String unknown = "{\"id\":\"" + councilId + "\",\"status\":\"maybe\"}";
    String broken = "{\"id\":";

    assertThat(receive("lbh", unknown, SECRET).verdict()).isEqualTo(Verdict.BAD_DATA);
    assertThat(receive("lbh", broken, SECRET).verdict()).isEqualTo(Verdict.BAD_DATA);
    assertThat(status()).isEqualTo("requested");
    assertThat(messages.published(key)).isEmpty();
    journey(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @Test
  void aSignedCallbackSentAgainIsRefusedAsAReplay() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"Not eligible\"}";
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature = CouncilCallbacks.sign(SECRET, timestamp, bytes);
    assertThat(callbacks.receive("lbh", bytes, timestamp, signature).verdict()).isEqualTo(Verdict.APPLIED);
    String closed = "{\"id\":\"" + councilId + "\",\"status\":\"closed\"}";
    assertThat(receive("lbh", closed, SECRET).verdict()).isEqualTo(Verdict.APPLIED);

    // the first callback, recorded on the wire and sent again: it would turn "completed" back to "rejected"
    CouncilCallbacks.Result replay = callbacks.receive("lbh", bytes, timestamp, signature);

    assertThat(replay.verdict()).isEqualTo(Verdict.REPLAYED);
    assertThat(replay.verdict().httpStatus()).isEqualTo(409);
    assertThat(status()).isEqualTo("completed");
    assertThat(messages.published(key)).hasSize(1);
    assertThat(exchanges.forReferral(referralId)).filteredOn(e -> e.operation().equals("callback")).hasSize(2);
  }

  @Test
  void aCallbackSignedOutsideTheReplayWindowIsRefusedEitherWay() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"accepted\"}";

    CouncilCallbacks.Result old = receive("lbh", body, Instant.now().minus(Duration.ofMinutes(6)), SECRET);
    CouncilCallbacks.Result ahead = receive("lbh", body, Instant.now().plus(Duration.ofMinutes(6)), SECRET);

    assertThat(old.verdict()).isEqualTo(Verdict.STALE);
    assertThat(ahead.verdict()).isEqualTo(Verdict.STALE);
    assertThat(old.verdict().httpStatus()).isEqualTo(401);
    assertThat(status()).isEqualTo("requested");
    assertThat(messages.published(key)).isEmpty();
    assertThat(receive("lbh", body, Instant.now().minus(Duration.ofMinutes(4)), SECRET).verdict())
        .as("inside the window").isEqualTo(Verdict.APPLIED);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWhateverItsSignature() {
    String padding = "x".repeat(callbacks.maxBodyBytes());
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"accepted\",\"note\":\"" + padding + "\"}";

    CouncilCallbacks.Result result = receive("lbh", body, SECRET);

    assertThat(result.verdict()).isEqualTo(Verdict.TOO_LARGE);
    assertThat(result.verdict().httpStatus()).isEqualTo(413);
    assertThat(status()).isEqualTo("requested");
    assertThat(messages.published(key)).isEmpty();
  }

  /**
   * The signature covers the bytes as sent. A check over a decoded or re-serialised body would
   * take these: the same JSON re-spaced, and the same text in another charset.
   */
  @Test
  void aSignatureOverOtherBytesOfTheSameDecisionIsRefused() {
    String signed = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"Pas éligible\"}";
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String signature = CouncilCallbacks.sign(SECRET, timestamp, signed.getBytes(StandardCharsets.UTF_8));
    String respaced = "{\"id\": \"" + councilId + "\", \"status\": \"declined\", \"reason\": \"Pas éligible\"}";

    assertThat(callbacks.receive("lbh", respaced.getBytes(StandardCharsets.UTF_8), timestamp, signature).verdict())
        .isEqualTo(Verdict.FORGED);
    assertThat(callbacks.receive("lbh", signed.getBytes(StandardCharsets.ISO_8859_1), timestamp, signature).verdict())
        .isEqualTo(Verdict.FORGED);
    assertThat(status()).isEqualTo("requested");
    assertThat(callbacks.receive("lbh", signed.getBytes(StandardCharsets.UTF_8), timestamp, signature).verdict())
        .as("the bytes that were signed").isEqualTo(Verdict.APPLIED);
  }

  @Test
  void noAnswerOrLogRepeatsWhatTheCallerSent(CapturedOutput output) {
    String marker = "ECHO-9434765919-<script>";
    String[] bodies = {
        "{\"id\":\"" + marker + "\",\"status\":\"accepted\"}",
        "{\"id\":\"" + councilId + "\",\"status\":\"" + marker + "\"}",
        marker + "{ not json",
        "{\"id\":\"" + councilId + "\",\"status\":\"accepted\",\"x\":\"" + marker
            + "x".repeat(callbacks.maxBodyBytes()) + "\"}"};
    List<CouncilCallbacks.Result> results = new ArrayList<>();
    for (String body : bodies) {
      results.add(receive("lbh", body, SECRET));
      results.add(receive("lbh", body, "guessed-secret"));
    }
    results.add(receive(marker, bodies[0], SECRET));
    byte[] bytes = bodies[0].getBytes(StandardCharsets.UTF_8);
    results.add(callbacks.receive("lbh", bytes, marker, marker));

    assertThat(results).extracting(CouncilCallbacks.Result::verdict).doesNotContain(Verdict.APPLIED)
        .contains(Verdict.UNKNOWN_REFERRAL, Verdict.BAD_DATA, Verdict.TOO_LARGE, Verdict.FORGED);
    assertThat(results).allSatisfy(r -> assertThat(r.verdict().answer() + " " + r.message()).doesNotContain(marker)
        .doesNotContain("9434765919").doesNotContain(councilId));
    assertThat(output.getAll()).contains("Refused a council callback").doesNotContain(marker)
        .doesNotContain("9434765919").doesNotContain(councilId);
  }

  @Test
  void rememberedCallbacksGoOnceTheirWindowHasPassed() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"received\"}";
    assertThat(receive("lbh", body, Instant.now().minus(Duration.ofMinutes(4)), SECRET).verdict())
        .isEqualTo(Verdict.APPLIED);
    assertThat(nonces.remembered()).isEqualTo(1);

    // a minute and a half later (on our clock) that callback's window has closed: the next one removes it
    assertThat(nonces.firstTime("lbh", "another", Instant.now().plus(Duration.ofMinutes(5)),
        Instant.now().plus(Duration.ofSeconds(90)))).isTrue();

    assertThat(nonces.remembered()).isEqualTo(1);
  }
}
