package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.council.CouncilAdultSocialCare.Status;
import org.homefirst.workers.council.CouncilCallbacks.Verdict;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed council callbacks: genuine ones record the decision, anything else changes nothing. */
class CouncilCallbacksTest {

  private static final String SECRET = "lbh-callback-secret";

  private final PartnerExchanges exchanges = PartnerTestDatabase.exchanges();
  private final PartnerReferrals referrals = PartnerTestDatabase.referrals();
  private final CouncilCallbacks callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), referrals, exchanges);
  private CouncilSimulator simulator;
  private CouncilAdultSocialCare council;
  private UUID referralId;
  private long jobKey;
  private String councilId;

  @BeforeEach
  void referSomeone() {
    simulator = CouncilSimulator.start("lbh", 0);
    council = new CouncilAdultSocialCare("lbh", simulator.baseUrl(), new PartnerHttp("council-lbh",
        new PartnerHttp.Settings(Duration.ofMillis(500), 2, Duration.ofMillis(10), null), exchanges), referrals);
    referralId = UUID.randomUUID();
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    councilId = council.request(new CouncilAdultSocialCare.Request(referralId, RequestType.INTERIM_BED,
        NhsNumber.parse("9434765919"), "Ada", "Jones", LocalDate.of(1941, 3, 2), "bhrut-kgh", "Ward 7", Map.of()),
        jobKey).downstreamId();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private String status() {
    return referrals.byKey(Idempotency.key(jobKey)).orElseThrow().status();
  }

  @Test
  void aSignedCallbackRecordsTheDecisionAndTheJobNeedNotAskAgain() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"Not eligible\"}";

    CouncilCallbacks.Result result = callbacks.receive("lbh", body, CouncilCallbacks.sign(SECRET, body));

    assertThat(result.verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(result.verdict().httpStatus()).isEqualTo(204);
    assertThat(status()).isEqualTo("rejected");
    int asked = simulator.requestCount();
    assertThat(council.request(null, jobKey)).isEqualTo(new CouncilAdultSocialCare.Progress(councilId, Status.DECLINED,
        "Not eligible"));
    assertThat(simulator.requestCount()).isEqualTo(asked);
    assertThat(exchanges.forReferral(referralId)).anySatisfy(e -> assertThat(e.operation()).isEqualTo("callback"));
  }

  @Test
  void aForgedCallbackIsRefusedAndChangesNothing() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"accepted\"}";
    int exchangesBefore = exchanges.forReferral(referralId).size();

    assertThat(callbacks.receive("lbh", body, CouncilCallbacks.sign("guessed-secret", body)).verdict())
        .isEqualTo(Verdict.FORGED);
    assertThat(callbacks.receive("lbh", body, null).verdict()).isEqualTo(Verdict.FORGED);
    String signedOther = "{\"id\":\"" + councilId + "\",\"status\":\"received\"}";
    assertThat(callbacks.receive("lbh", body, CouncilCallbacks.sign(SECRET, signedOther)).verdict())
        .isEqualTo(Verdict.FORGED);
    assertThat(callbacks.receive("lbr", body, CouncilCallbacks.sign(SECRET, body)).verdict())
        .isEqualTo(Verdict.FORGED);

    assertThat(status()).isEqualTo("requested");
    assertThat(exchanges.forReferral(referralId)).hasSize(exchangesBefore);
  }

  @Test
  void aCallbackAboutAReferralWeNeverMadeIsRefused() {
    String body = "{\"id\":\"ASC-LBH-unknown\",\"status\":\"accepted\"}";

    CouncilCallbacks.Result result = callbacks.receive("lbh", body, CouncilCallbacks.sign(SECRET, body));

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN_REFERRAL);
    assertThat(result.message()).contains("ASC-LBH-unknown");
    assertThat(status()).isEqualTo("requested");
  }

  @Test
  void aSignedCallbackWithAnUnknownStatusOrBrokenBodyIsRefused() {
    String unknown = "{\"id\":\"" + councilId + "\",\"status\":\"maybe\"}";
    String broken = "{\"id\":";

    assertThat(callbacks.receive("lbh", unknown, CouncilCallbacks.sign(SECRET, unknown)).verdict())
        .isEqualTo(Verdict.BAD_DATA);
    assertThat(callbacks.receive("lbh", broken, CouncilCallbacks.sign(SECRET, broken)).verdict())
        .isEqualTo(Verdict.BAD_DATA);
    assertThat(status()).isEqualTo("requested");
  }
}
