package org.homefirst.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.notify.NotifySimulator;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.notify.GovUkNotify.Channel;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Notify adapter over real HTTP against the Notify simulator, which checks every token. */
class GovUkNotifyTest {

  private static final String TEMPLATE = UUID.randomUUID().toString();

  private final NotifySimulator simulator = NotifySimulator.start(0);
  private final PartnerExchanges exchanges = new PartnerExchanges(TestDatabase.jdbc(), Clock.systemUTC());
  private final UUID referralId = UUID.randomUUID();

  @AfterEach
  void stop() {
    simulator.close();
  }

  private GovUkNotify adapter(String apiKey) {
    return new GovUkNotify(simulator.baseUrl(),
        new PartnerHttp.Settings(Duration.ofMillis(500), 2, Duration.ofMillis(10), null), apiKey, exchanges);
  }

  private GovUkNotify adapter() {
    return adapter(simulator.apiKey());
  }

  private GovUkNotify.Message email(String address, String reference) {
    return new GovUkNotify.Message(Channel.EMAIL, address, TEMPLATE,
        Map.of("subject", "Leaving hospital", "body", "Ada has left Queen's Hospital."), reference, referralId);
  }

  @Test
  void anEmailGoesWithItsTemplatePersonalisationAndReferenceUnderASignedToken() {
    UUID id = adapter().send(email("ben@example.org", "homefirst-outbox-1"));

    assertThat(simulator.messages()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(id);
      assertThat(m.type()).isEqualTo("email");
      assertThat(m.recipient()).isEqualTo("ben@example.org");
      assertThat(m.templateId()).isEqualTo(TEMPLATE);
      assertThat(m.personalisation()).containsEntry("subject", "Leaving hospital")
          .containsEntry("body", "Ada has left Queen's Hospital.");
      assertThat(m.reference()).isEqualTo("homefirst-outbox-1");
    });
    assertThat(simulator.refusedTokens()).isEmpty();
    assertThat(exchanges.forReferral(referralId)).singleElement().satisfies(e -> {
      assertThat(e.system()).isEqualTo("notify");
      assertThat(e.responseStatus()).isEqualTo(201);
      assertThat(e.requestSummary()).as("no address in the log").doesNotContain("ben@example.org");
    });
  }

  @Test
  void aTextMessageGoesToThePhoneNumber() {
    adapter().send(new GovUkNotify.Message(Channel.SMS, "07700 900123", TEMPLATE, Map.of("body", "Ada is home."),
        "homefirst-notification-7", referralId));

    assertThat(simulator.messages()).singleElement().satisfies(m -> {
      assertThat(m.type()).isEqualTo("sms");
      assertThat(m.recipient()).isEqualTo("07700 900123");
    });
  }

  @Test
  void aMessageSentBeforeIsFoundByItsReference() {
    GovUkNotify notify = adapter();
    UUID id = notify.send(email("ben@example.org", "homefirst-outbox-2"));

    assertThat(notify.sentEarlier(email("ben@example.org", "homefirst-outbox-2"))).contains(id);
    assertThat(notify.sentEarlier(email("ben@example.org", "homefirst-outbox-3"))).isEmpty();
  }

  @Test
  void aWrongKeyOrAClockOffByMinutesIsRefusedAsOurCredentials() {
    assertThatThrownBy(() -> adapter(simulator.wrongApiKey()).send(email("ben@example.org", "r-1")))
        .isInstanceOfSatisfying(NotifyRefused.class, e -> assertThat(e.credentials()).isTrue())
        .hasMessageContaining("HTTP 403").hasMessageContaining("AuthError").hasMessageNotContaining("API key not found");
    // Notify's client signs with this machine's clock: the simulator's runs two minutes ahead instead
    simulator.clockOffBy(Duration.ofMinutes(2));
    assertThatThrownBy(() -> adapter().send(email("ben@example.org", "r-2")))
        .isInstanceOfSatisfying(NotifyRefused.class, e -> assertThat(e.credentials()).isTrue())
        .hasMessageContaining("HTTP 403").hasMessageContaining("AuthError");
    assertThat(simulator.messages()).isEmpty();
  }

  @Test
  void anAddressNotifyWillNotSendToIsRefusedAsTheMessage() {
    assertThatThrownBy(() -> adapter().send(email("not an address", "r-3")))
        .isInstanceOfSatisfying(NotifyRefused.class, e -> {
          assertThat(e.credentials()).isFalse();
          assertThat(e.status()).isEqualTo(400);
        })
        .hasMessageContaining("ValidationError").as("Notify's message is not kept").hasMessageNotContaining("email_address");
  }

  @Test
  void serverErrorsAreRiddenOutAndADownServiceIsUnavailable() {
    simulator.failNext(1, 503);
    adapter().send(email("ben@example.org", "r-4"));
    assertThat(simulator.messages()).hasSize(1);

    simulator.down();
    assertThatThrownBy(() -> adapter().send(email("ben@example.org", "r-5"))).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("not reachable");
  }

  @Test
  void somethingThatIsNotAKeyIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> adapter("secret-but-not-a-key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a GOV.UK Notify API key").hasMessageNotContaining("secret-but-not-a-key");
    assertThat(NotifyApiKey.parse(simulator.apiKey()).toString()).doesNotContain(simulator.apiKey().substring(
        simulator.apiKey().length() - 36));
  }
}
