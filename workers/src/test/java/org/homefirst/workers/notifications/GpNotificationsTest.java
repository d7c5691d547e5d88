package org.homefirst.workers.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Patient;
import org.homefirst.simulators.gp.GpSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GP adapter against the local GP simulator, over HTTP, in good times and bad. */
class GpNotificationsTest {

  private GpSimulator practice;

  @BeforeEach
  void start() {
    practice = GpSimulator.start(0);
  }

  @AfterEach
  void stop() {
    practice.close();
  }

  @Test
  void dischargeSummaryIsAFhirDocumentWithTheCompositionFirst() {
    adapter(3).send(notice(), 42L);

    List<GpSimulator.ReceivedDocument> received = practice.documents();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).idempotencyKey()).isEqualTo("homefirst-job-42");
    assertThat(received.get(0).nhsNumber()).isEqualTo("9434765919");

    Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, received.get(0).json());
    assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
    Composition composition = (Composition) bundle.getEntryFirstRep().getResource();
    assertThat(composition.getTitle()).isEqualTo("Discharge summary");
    assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("373942005");
    assertThat(composition.getAuthorFirstRep().getReference()).isNotBlank();
    assertThat(composition.getSection()).extracting(Composition.SectionComponent::getTitle)
        .containsExactly("Discharge details", "Pathway", "Follow-up");
    Patient patient = (Patient) bundle.getEntry().stream()
        .filter(e -> e.getFullUrl().equals(composition.getSubject().getReference())).findFirst().orElseThrow().getResource();
    assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://fhir.nhs.uk/Id/nhs-number");
    assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Jones");
  }

  @Test
  void theSameJobSentAgainIsFiledOnceByThePractice() {
    GpNotifications gp = adapter(1);
    gp.send(notice(), 7L);
    gp.send(notice(), 7L);

    assertThat(practice.requests()).isEqualTo(2);
    assertThat(practice.documents()).hasSize(1);
  }

  @Test
  void aSlowPracticeTimesOutAndTheJobFails() {
    practice.slow(Duration.ofSeconds(3));

    assertThatThrownBy(() -> new GpNotifications(new GpProperties(practice.baseUrl(), Duration.ofMillis(500), 1,
        Duration.ofMillis(20), false, 0, null)).send(notice(), 8L))
        .isInstanceOfSatisfying(GpDeliveryFailed.class, e -> {
          assertThat(e.responseCode()).isNull();
          assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
        });
  }

  @Test
  void aFailingPracticeIsRetriedWithBackoffThenTheJobFails() {
    practice.failing();

    assertThatThrownBy(() -> adapter(3).send(notice(), 9L))
        .isInstanceOfSatisfying(GpDeliveryFailed.class, e -> {
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.responseCode()).isEqualTo(503);
        });
    assertThat(practice.requests()).isEqualTo(3);
    assertThat(practice.documents()).isEmpty();
  }

  @Test
  void aPracticeThatIsDownFailsTheJobAndTakesTheDocumentWhenBackUp() {
    GpNotifications gp = adapter(2);
    practice.down();

    assertThatThrownBy(() -> gp.send(notice(), 10L)).isInstanceOf(GpDeliveryFailed.class);

    practice.up();
    GpNotifications.Delivery delivery = gp.send(notice(), 10L);
    assertThat(delivery.responseCode()).isEqualTo(201);
    assertThat(practice.documents()).extracting(GpSimulator.ReceivedDocument::idempotencyKey)
        .containsExactly("homefirst-job-10");
  }

  @Test
  void theConfiguredKeyAuthenticatesEveryCall() {
    practice.requireKey("gp-endpoint-key");

    GpNotifications.Delivery delivery = adapter(1, "gp-endpoint-key").send(notice(), 11L);

    assertThat(delivery.responseCode()).isEqualTo(201);
    assertThat(practice.documents()).hasSize(1);
  }

  @Test
  void aPracticeThatWantsAKeyRefusesACallWithoutOne() {
    practice.requireKey("gp-endpoint-key");

    assertThatThrownBy(() -> adapter(3).send(notice(), 12L))
        .isInstanceOfSatisfying(GpDeliveryFailed.class, e -> assertThat(e.responseCode()).isEqualTo(401));
    assertThat(practice.documents()).isEmpty();
  }

  @Test
  void theKeyNeverShowsInThePrintedSettings() {
    GpProperties settings = new GpProperties(practice.baseUrl(), Duration.ofMillis(500), 1, Duration.ofMillis(20),
        false, 0, "gp-endpoint-key");

    assertThat(settings.toString()).doesNotContain("gp-endpoint-key").contains("apiKey=(set)");
  }

  private GpNotifications adapter(int attempts) {
    return adapter(attempts, null);
  }

  /** A timeout no busy test machine reaches: only the slow-practice test waits for one. */
  private GpNotifications adapter(int attempts, String apiKey) {
    return new GpNotifications(new GpProperties(practice.baseUrl(), Duration.ofSeconds(10), attempts,
        Duration.ofMillis(20), false, 0, apiKey));
  }

  static GpNotice notice() {
    return new GpNotice(UUID.randomUUID().toString(), "Discharge summary", true, "9434765919", "Ada", "Jones",
        "1941-03-02", "bhrut-queens", Instant.parse("2026-11-23T11:00:00Z"), List.of(
            new GpNotice.Section("Discharge details", "Ada Jones left Queen's Hospital."),
            new GpNotice.Section("Pathway", "Discharge to assess pathway 0: home, no new support."),
            new GpNotice.Section("Follow-up", "Home check after 72 hours.")));
  }
}
