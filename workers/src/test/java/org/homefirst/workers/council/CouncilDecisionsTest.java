package org.homefirst.workers.council;

import static org.homefirst.workers.TestEngine.journey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerExchanges.Exchange;
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
 * The councils' decision poller (the safety net under callbacks) on a real Operaton engine
 * with two council simulators and PostgreSQL: each decision published once to the journey
 * waiting for it; a council down leaves its referrals waiting while the other is still asked;
 * an answer we cannot trust is refused and publishes nothing.
 */
class CouncilDecisionsTest {

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final RecordingMessages messages = new RecordingMessages();
  private PartnerReferrals referrals;
  private PartnerExchanges exchanges;
  private CouncilSimulator havering;
  private CouncilSimulator redbridge;
  private CouncilRequests worker;
  private CouncilDecisions poller;

  @BeforeEach
  void start() {
    havering = CouncilSimulator.start("lbh", 0);
    redbridge = CouncilSimulator.start("lbr", 0);
    JdbcClient db = PartnerTestDatabase.fresh();
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    PartnerDecisions decisions = new PartnerDecisions(referrals, exchanges, messages);
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(400), 2, Duration.ofMillis(10),
        Duration.ofMinutes(1), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    Councils councils = new Councils(Map.of(
        "lbh", new CouncilAdultSocialCare("lbh", havering.baseUrl(),
            new PartnerHttp("council-lbh", properties.http(null), exchanges), referrals),
        "lbr", new CouncilAdultSocialCare("lbr", redbridge.baseUrl(),
            new PartnerHttp("council-lbr", properties.http(null), exchanges), referrals)));
    worker = new CouncilRequests(councils, properties, decisions);
    poller = new CouncilDecisions(councils, referrals, decisions, Duration.ofMinutes(1),
        new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource())));
    RequestThenWait.deploy("placement", "homefirst.council.request-placement", "placementRequestKey");
  }

  @AfterEach
  void stop() {
    havering.close();
    redbridge.close();
    poller.close();
  }

  private record Journey(String instance, String key, UUID referralId) {}

  private Journey requested(String borough) {
    UUID referralId = UUID.randomUUID();
    String instance = TestEngine.start("placement", Map.of("referralId", referralId.toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "borough", borough, "hospital", "bhrut-kgh",
            "ward", "Ward 7", "careHomeChoice", "Cedar Lodge"));
    Job job = TestEngine.runner(worker.jobWorkers()).runOnce().get(0);
    journey(instance).isWaitingAtElements(RequestThenWait.WAIT);
    return new Journey(instance, Idempotency.key(job.key()), referralId);
  }

  private String councilId(Journey journey) {
    return referrals.byKey(journey.key()).orElseThrow().downstreamId();
  }

  private CouncilDecisions.Run poll() {
    CouncilDecisions.Run run = poller.poll();
    return run;
  }


  @Test
  void eachCouncilIsAskedAboutItsOpenReferralsAndEachDecisionIsPublishedOnce() {
    Journey accepted = requested("lbh");
    Journey declined = requested("lbr");
    Journey undecided = requested("lbr");
    havering.accept(councilId(accepted));
    redbridge.decline(councilId(declined), "Oak Lodge has no vacancy");

    assertThat(poll()).isEqualTo(new CouncilDecisions.Run(3, 2, 0));

    journey(accepted.instance()).isCompleted().hasPassedElement("End_Accepted");
    journey(declined.instance()).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Oak Lodge has no vacancy").hasVariableWithValue("rejectedBy", "council-lbr");
    journey(undecided.instance()).isWaitingAtElements(RequestThenWait.WAIT);
    assertThat(poll()).as("only the undecided one is asked about again").isEqualTo(new CouncilDecisions.Run(1, 0, 0));
    assertThat(messages.published(accepted.key())).hasSize(1);
    assertThat(messages.published(declined.key())).hasSize(1);
    // the journey shows the request and the read that found the decision, not the reads that found nothing
    assertThat(exchanges.forReferral(declined.referralId())).extracting(Exchange::operation)
        .containsExactly("request-placement", "decision");
    assertThat(exchanges.forReferral(undecided.referralId())).extracting(Exchange::operation)
        .containsExactly("request-placement");
  }

  @Test
  void aCouncilDownLeavesItsReferralsWaitingWhileTheOtherIsStillAsked() {
    Journey inHavering = requested("lbh");
    Journey inRedbridge = requested("lbr");
    havering.accept(councilId(inHavering));
    redbridge.accept(councilId(inRedbridge));
    havering.down();

    assertThat(poll().decided()).isEqualTo(1);
    journey(inRedbridge.instance()).isCompleted();
    journey(inHavering.instance()).isWaitingAtElements(RequestThenWait.WAIT);
    assertThat(referrals.byKey(inHavering.key()).orElseThrow().status()).isEqualTo("requested");

    havering.up();
    assertThat(poll().decided()).isEqualTo(1);
    journey(inHavering.instance()).isCompleted().hasPassedElement("End_Accepted");
  }

  @Test
  void anAnswerWeCannotTrustIsRefusedAndPublishesNothing() {
    Journey journey = requested("lbh");
    havering.accept(councilId(journey));

    for (Behaviour bad : java.util.List.of(Behaviour.MALFORMED, Behaviour.UNKNOWN_CODES)) {
      havering.behave(bad);
      assertThat(poll().decided()).as("%s", bad).isZero();
    }

    assertThat(referrals.byKey(journey.key()).orElseThrow().status()).isEqualTo("requested");
    assertThat(messages.published(journey.key())).isEmpty();
    journey(journey.instance()).isWaitingAtElements(RequestThenWait.WAIT);
    havering.normal();
    assertThat(poll().decided()).isEqualTo(1);
    journey(journey.instance()).isCompleted();
  }
}
