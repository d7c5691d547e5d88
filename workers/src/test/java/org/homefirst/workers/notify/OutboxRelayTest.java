package org.homefirst.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.notify.NotifySimulator;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.notify.OutboxMessages.OutboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.homefirst.workers.cluster.OncePerCluster;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox relay on PostgreSQL (a fresh database per test, so only its own rows are queued)
 * with the Notify simulator over real HTTP: what Notify received and what each row says after.
 */
class OutboxRelayTest {

  private static final String EMAIL_TEMPLATE = UUID.randomUUID().toString();
  private static final String SMS_TEMPLATE = UUID.randomUUID().toString();

  private final JdbcClient db = TestDatabase.fresh();
  private final NotifySimulator simulator = NotifySimulator.start(0);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T12:00:00Z"));
  private final UUID referralId = UUID.randomUUID();

  @AfterEach
  void stop() {
    simulator.close();
  }

  /** A relay retrying at once (retry-after zero), trying each message at most {@code maxAttempts} times. */
  private OutboxRelay relay(String apiKey, int maxAttempts) {
    NotifyProperties properties = new NotifyProperties(true, false, simulator.baseUrl(), apiKey, EMAIL_TEMPLATE,
        SMS_TEMPLATE, Duration.ofMillis(400), 2, Duration.ofMillis(10), Duration.ofSeconds(30), 50, maxAttempts,
        Duration.ZERO, 0);
    GovUkNotify notify = new GovUkNotify(simulator.baseUrl(), properties.http(), apiKey,
        new org.homefirst.workers.partners.PartnerExchanges(db, Clock.systemUTC()));
    return new OutboxRelay(new OutboxMessages(db), notify, properties, clock, cluster());
  }

  private OutboxRelay relay() {
    return relay(simulator.apiKey(), 5);
  }

  @Test
  void queuedMessagesOfBothOutboxesAreSentOnceAndRecordedWithNotifysId() {
    long partnerEmail = partnerOutbox("hnh@example.org");
    long contactEmail = contactMessage("email-outbox", "contact:ben@example.org");
    long contactText = contactMessage("sms-outbox", "contact:07700900123");
    long gp = notification("gp-connect", "gp:registered", "PENDING");
    long alreadySent = notification("email-outbox", "contact:old@example.org", "SENT");

    OutboxRelay.Run run = relay().run();

    assertThat(run).isEqualTo(new OutboxRelay.Run(3, 0, 0));
    assertThat(simulator.messages()).extracting(NotifySimulator.Message::reference).containsExactly(
        "homefirst-outbox-" + partnerEmail, "homefirst-notification-" + contactEmail,
        "homefirst-notification-" + contactText);
    assertThat(simulator.messages().get(0)).satisfies(m -> {
      assertThat(m.type()).isEqualTo("email");
      assertThat(m.recipient()).isEqualTo("hnh@example.org");
      assertThat(m.templateId()).isEqualTo(EMAIL_TEMPLATE);
      assertThat(m.personalisation()).containsEntry("subject", "Discharge support referral homefirst-job-1")
          .containsEntry("body", "Please see the referral.");
    });
    assertThat(simulator.messages().get(1)).satisfies(m -> {
      assertThat(m.recipient()).isEqualTo("ben@example.org");
      assertThat(m.personalisation()).containsEntry("subject", "Leaving hospital");
    });
    assertThat(simulator.messages().get(2)).satisfies(m -> {
      assertThat(m.type()).isEqualTo("sms");
      assertThat(m.recipient()).isEqualTo("07700900123");
      assertThat(m.templateId()).isEqualTo(SMS_TEMPLATE);
      assertThat(m.personalisation()).containsOnlyKeys("body");
    });
    assertThat(row("partner_outbox", partnerEmail)).containsEntry("status", "SENT")
        .containsEntry("notify_id", simulator.messages().get(0).id())
        .containsEntry("sent_at", Timestamp.from(clock.instant())).containsEntry("attempts", 1);
    assertThat(row("notification", contactText)).containsEntry("status", "SENT").containsEntry("response_code", 201)
        .containsEntry("notify_id", simulator.messages().get(2).id());
    assertThat(row("notification", gp)).containsEntry("status", "PENDING");
    assertThat(row("notification", alreadySent)).containsEntry("notify_id", null);

    assertThat(relay().run()).isEqualTo(new OutboxRelay.Run(0, 0, 0));
    assertThat(simulator.messages()).hasSize(3);
  }

  @Test
  void whileNotifyIsDownMessagesStayQueuedWithTheErrorAndGoWhenItIsBack() {
    long first = partnerOutbox("hnh@example.org");
    long second = contactMessage("email-outbox", "contact:ben@example.org");
    simulator.down();

    OutboxRelay.Run run = relay().run();

    assertThat(run).as("the run stops at the first fault").isEqualTo(new OutboxRelay.Run(0, 1, 0));
    assertThat(row("partner_outbox", first)).containsEntry("status", "QUEUED").containsEntry("attempts", 1)
        .containsEntry("sent_at", null).containsEntry("claimed_until", null);
    assertThat((String) row("partner_outbox", first).get("last_error")).contains("not reachable");
    assertThat(row("notification", second)).containsEntry("status", "QUEUED").containsEntry("attempts", 0);

    simulator.up();
    assertThat(relay().run()).isEqualTo(new OutboxRelay.Run(2, 0, 0));

    assertThat(simulator.messages()).extracting(NotifySimulator.Message::reference)
        .containsExactly("homefirst-outbox-" + first, "homefirst-notification-" + second);
    assertThat(row("partner_outbox", first)).containsEntry("status", "SENT").containsEntry("attempts", 2)
        .containsEntry("last_error", null);
  }

  @Test
  void aWrongApiKeyIsRefusedAndNothingIsMarkedSent() {
    long queued = partnerOutbox("hnh@example.org");
    contactMessage("email-outbox", "contact:ben@example.org");

    OutboxRelay.Run run = relay(simulator.wrongApiKey(), 5).run();

    assertThat(run).isEqualTo(new OutboxRelay.Run(0, 0, 0));
    assertThat(simulator.messages()).isEmpty();
    assertThat(simulator.refusedTokens()).as("one refusal stops the run").containsExactly("Invalid token: API key not found");
    assertThat(row("partner_outbox", queued)).containsEntry("status", "QUEUED").containsEntry("sent_at", null)
        .containsEntry("notify_id", null).containsEntry("attempts", 0);
    assertThat((String) row("partner_outbox", queued).get("last_error")).contains("HTTP 403")
        .contains("AuthError").doesNotContain("API key not found");

    assertThat(relay().run().sent()).as("the right key sends both").isEqualTo(2);
  }

  @Test
  void aMessageWhoseSendWasCutShortIsFoundAtNotifyAndNotSentAgain() {
    long queued = partnerOutbox("hnh@example.org");
    OutboxRelay crashed = relay();
    OutboxMessage claimed = new OutboxMessages(db).claim(clock.instant(), clock.instant().plus(Duration.ofMinutes(2)))
        .orElseThrow();
    UUID sentBeforeTheCrash = new GovUkNotify(simulator.baseUrl(), new org.homefirst.workers.partners.PartnerHttp.Settings(
        Duration.ofMillis(400), 1, Duration.ZERO, null), simulator.apiKey(),
        new org.homefirst.workers.partners.PartnerExchanges(db, Clock.systemUTC()))
        .send(new GovUkNotify.Message(GovUkNotify.Channel.EMAIL, claimed.recipient(), EMAIL_TEMPLATE,
            Map.of("subject", claimed.subject(), "body", claimed.body()), claimed.reference(), referralId));

    assertThat(crashed.run()).as("still claimed by the run that crashed").isEqualTo(new OutboxRelay.Run(0, 0, 0));
    clock.advance(Duration.ofMinutes(3));
    assertThat(relay().run()).isEqualTo(new OutboxRelay.Run(1, 0, 0));

    assertThat(simulator.messages()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(sentBeforeTheCrash));
    assertThat(row("partner_outbox", queued)).containsEntry("status", "SENT").containsEntry("notify_id", sentBeforeTheCrash)
        .containsEntry("attempts", 2);
  }

  @Test
  void anAnswerLostToATimeoutDoesNotSendTheMessageTwice() {
    long queued = contactMessage("sms-outbox", "contact:07700900123");
    simulator.slow(Duration.ofSeconds(1));

    assertThat(relay().run()).isEqualTo(new OutboxRelay.Run(0, 1, 0));
    simulator.normal();
    assertThat(relay().run()).isEqualTo(new OutboxRelay.Run(1, 0, 0));

    assertThat(simulator.messages()).as("the slow send reached Notify; the retry found it").hasSize(1);
    assertThat(row("notification", queued)).containsEntry("notify_id", simulator.messages().get(0).id());
  }

  @Test
  void afterMaxAttemptsTheMessageIsFailedAndNotSentWhenNotifyComesBack() {
    long queued = partnerOutbox("hnh@example.org");
    simulator.down();
    OutboxRelay relay = relay(simulator.apiKey(), 2);

    assertThat(relay.run()).isEqualTo(new OutboxRelay.Run(0, 1, 0));
    assertThat(relay.run()).isEqualTo(new OutboxRelay.Run(0, 0, 1));
    simulator.up();
    assertThat(relay.run()).isEqualTo(new OutboxRelay.Run(0, 0, 0));

    assertThat(simulator.messages()).isEmpty();
    assertThat(row("partner_outbox", queued)).containsEntry("status", "FAILED").containsEntry("attempts", 2)
        .containsEntry("sent_at", null);
  }

  @Test
  void anAddressNotifyRefusesFailsAtOnceAndTheOthersStillGo() {
    long bad = contactMessage("email-outbox", "contact:ben at example dot org");
    long good = contactMessage("sms-outbox", "contact:07700900123");

    assertThat(relay().run()).isEqualTo(new OutboxRelay.Run(1, 0, 1));

    assertThat(row("notification", bad)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
    assertThat((String) row("notification", bad).get("last_error")).contains("HTTP 400 ValidationError")
        .doesNotContain("Not a valid email address");
    assertThat(row("notification", good)).containsEntry("status", "SENT");
  }

  @Test
  void aMessageWaitsRetryAfterBeforeItsNextAttempt() {
    long queued = partnerOutbox("hnh@example.org");
    simulator.down();
    NotifyProperties waiting = new NotifyProperties(true, false, simulator.baseUrl(), simulator.apiKey(),
        EMAIL_TEMPLATE, SMS_TEMPLATE, Duration.ofMillis(400), 1, Duration.ZERO, Duration.ofSeconds(30), 50, 5,
        Duration.ofMinutes(1), 0);
    OutboxRelay relay = new OutboxRelay(new OutboxMessages(db), new GovUkNotify(simulator.baseUrl(), waiting.http(),
        simulator.apiKey(), new org.homefirst.workers.partners.PartnerExchanges(db, Clock.systemUTC())), waiting,
        clock, cluster());

    relay.run();
    simulator.up();
    assertThat(relay.run()).as("not due yet").isEqualTo(new OutboxRelay.Run(0, 0, 0));
    clock.advance(Duration.ofMinutes(1));
    assertThat(relay.run()).isEqualTo(new OutboxRelay.Run(1, 0, 0));
    assertThat(row("partner_outbox", queued)).containsEntry("status", "SENT");
  }

  private long partnerOutbox(String recipient) {
    return db.sql("""
            insert into partner_outbox (system, idempotency_key, referral_id, recipient, subject, body, created_at)
            values ('voluntary-redcross-hnh', ?, ?, ?, 'Discharge support referral homefirst-job-1',
                    'Please see the referral.', now()) returning id""")
        .params("homefirst-job-" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), referralId, recipient)
        .query(Long.class).single();
  }

  private long contactMessage(String channel, String recipient) {
    return notification(channel, recipient, "QUEUED");
  }

  private long notification(String channel, String recipient, String status) {
    return db.sql("""
            insert into notification (job_key, referral_id, recipient, kind, channel, status, message, created_at)
            values (?, ?, ?, 'contact-discharge', ?, ?, 'Dear Ben, Ada Jones has left Queen''s Hospital.', now())
            returning id""")
        .params(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), referralId, recipient, channel, status)
        .query(Long.class).single();
  }

  private Map<String, Object> row(String table, long id) {
    return db.sql("select * from " + table + " where id = ?").param(id).query().singleRow();
  }

  /** A clock the test moves on (leases, retry waits); Notify's tokens use the real one. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static OncePerCluster cluster() {
    return new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource()));
  }
}
