package org.homefirst.workers.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.gp.GpSimulator;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.TestJob;
import org.homefirst.workers.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notification workers with the real adapter, the GP simulator and PostgreSQL: what the
 * practice received and what was recorded, including jobs retried after faults.
 */
class NotificationsTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final JdbcClient db = TestDatabase.jdbc();
  private GpSimulator practice;
  private Notifications workers;

  @BeforeEach
  void start() {
    practice = GpSimulator.start(0);
    GpProperties properties =
        new GpProperties(practice.baseUrl(), Duration.ofMillis(500), 2, Duration.ofMillis(20), false, 0, null);
    workers = new Notifications(db, Clock.fixed(NOW, ZoneOffset.UTC), new GpNotifications(properties));
  }

  @AfterEach
  void stop() {
    practice.close();
  }

  @Test
  void dischargeTellsTheGpAndQueuesAMessageForTheNamedContact() {
    Map<String, Object> vars = journey();
    vars.put("namedContact", Map.of("name", "Ben Jones", "relationship", "son", "email", "ben@example.org"));
    Job job = TestJob.of("homefirst.notifications.notify-discharge", vars);

    Map<String, Object> result = workers.notifyDischarge(job);

    assertThat(result).containsEntry("gpNotifiedAt", NOW.toString()).containsEntry("namedContactNotified", true);
    assertThat(practice.documents()).singleElement().satisfies(d -> {
      assertThat(d.title()).isEqualTo("Discharge summary");
      assertThat(d.nhsNumber()).isEqualTo("9434765919");
      assertThat(d.idempotencyKey()).isEqualTo("homefirst-job-" + job.key());
      assertThat(d.json()).contains("72 hours").contains("Queen's Hospital");
    });
    assertThat(rows(job)).containsExactly(
        "gp:registered gp-discharge gp-connect SENT 201 1",
        "contact:ben@example.org contact-discharge email-outbox QUEUED null 0");
  }

  @Test
  void aJobRetriedAfterItWasDoneSendsNothingAgain() {
    Job job = TestJob.of("homefirst.notifications.notify-discharge", journey());

    workers.notifyDischarge(job);
    workers.notifyDischarge(job);

    assertThat(practice.requests()).isEqualTo(1);
    assertThat(practice.documents()).hasSize(1);
    assertThat(rows(job)).containsExactly("gp:registered gp-discharge gp-connect SENT 201 1");
  }

  @Test
  void aJobRetriedAfterATimeoutNeverFilesASecondDocument() {
    Job job = TestJob.of("homefirst.notifications.notify-discharge", journey());
    practice.slow(Duration.ofSeconds(3));

    assertThatThrownBy(() -> workers.notifyDischarge(job)).isInstanceOf(GpDeliveryFailed.class);
    assertThat(rows(job)).containsExactly("gp:registered gp-discharge gp-connect FAILED null 2");

    practice.normal();
    workers.notifyDischarge(job);

    assertThat(practice.requests()).isEqualTo(3);
    assertThat(practice.documents()).hasSize(1);
    assertThat(rows(job)).containsExactly("gp:registered gp-discharge gp-connect SENT 200 3");
  }

  @Test
  void whileThePracticeIsDownTheJobFailsAndSucceedsWhenItIsBackUp() {
    Job job = TestJob.of("homefirst.notifications.notify-journey-complete", journey());
    practice.down();

    assertThatThrownBy(() -> workers.notifyJourneyComplete(job)).isInstanceOf(GpDeliveryFailed.class);
    assertThatThrownBy(() -> workers.notifyJourneyComplete(job)).isInstanceOf(GpDeliveryFailed.class);
    assertThat(rows(job)).containsExactly("gp:registered gp-journey-complete gp-connect FAILED null 4");

    practice.up();
    assertThat(workers.notifyJourneyComplete(job)).containsEntry("journeyCompleteNotifiedAt", NOW.toString());
    assertThat(practice.documents()).singleElement()
        .satisfies(d -> assertThat(d.title()).isEqualTo("Discharge to assess journey complete"));
    assertThat(rows(job)).containsExactly("gp:registered gp-journey-complete gp-connect SENT 201 5");
  }

  @Test
  void aFailingPracticeLeavesTheJobToTheEngineWithTheFailureRecorded() {
    Job job = TestJob.of("homefirst.notifications.notify-discharge", journey());
    practice.failing();

    assertThatThrownBy(() -> workers.notifyDischarge(job)).isInstanceOf(GpDeliveryFailed.class);

    assertThat(practice.documents()).isEmpty();
    assertThat(rows(job)).containsExactly("gp:registered gp-discharge gp-connect FAILED 503 2");
  }

  @Test
  void aDeathIsToldToTheGpAndEveryServiceInvolved() {
    Map<String, Object> vars = journey();
    vars.put("pathway", 1);
    vars.put("reablementTeam", "nelft-reablement");
    vars.put("diedAt", "2026-11-24T03:00:00Z");
    Job job = TestJob.of("homefirst.notifications.notify-death", vars);

    Map<String, Object> result = workers.notifyDeath(job);

    assertThat(result).containsEntry("servicesNotified", 3);
    assertThat(practice.documents()).singleElement().satisfies(d -> {
      assertThat(d.title()).isEqualTo("Notification of death");
      assertThat(d.json()).contains("2026-11-24T03:00:00Z");
    });
    assertThat(rows(job)).containsExactlyInAnyOrder(
        "gp:registered gp-death gp-connect SENT 201 1",
        "jad service-death inbox RECORDED null 0",
        "nelft-reablement service-death inbox RECORDED null 0",
        "council-lbh service-death inbox RECORDED null 0");
  }

  @Test
  void aJobWithoutAReferralIsRefused() {
    Job job = TestJob.of("homefirst.notifications.notify-discharge", Map.of("nhsNumber", "9434765919"));

    assertThatThrownBy(() -> workers.notifyDischarge(job)).isInstanceOf(IllegalArgumentException.class);
    assertThat(practice.requests()).isZero();
  }

  @Test
  void clocksAreWrittenInWords() {
    assertThat(Notifications.inWords("PT72H")).isEqualTo("72 hours");
    assertThat(Notifications.inWords("P91D")).isEqualTo("91 days");
    assertThat(Notifications.inWords("P1D")).isEqualTo("1 day");
    assertThat(Notifications.inWords(null)).isEqualTo("as planned");
  }

  private List<String> rows(Job job) {
    return db.sql("""
            select recipient || ' ' || kind || ' ' || channel || ' ' || status || ' ' || coalesce(response_code::text, 'null')
                   || ' ' || attempts
            from notification where job_key = ? order by id""")
        .param(job.key()).query(String.class).list();
  }

  private static Map<String, Object> journey() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("referralId", UUID.randomUUID().toString());
    vars.put("nhsNumber", "9434765919");
    vars.put("givenName", "Ada");
    vars.put("familyName", "Jones");
    vars.put("dateOfBirth", "1941-03-02");
    vars.put("borough", "lbh");
    vars.put("hospital", "bhrut-queens");
    vars.put("ward", "Ward 7");
    vars.put("admittedAt", "2026-11-20T09:30:00Z");
    vars.put("dischargedAt", "2026-11-23T11:00:00Z");
    vars.put("pathway", 0);
    vars.put("dischargeTeam", "jad");
    vars.put("homeCheckAfter", "PT72H");
    return vars;
  }
}
