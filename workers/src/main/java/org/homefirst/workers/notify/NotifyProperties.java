package org.homefirst.workers.notify;

import java.net.URI;
import java.time.Duration;
import org.homefirst.workers.partners.PartnerHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outbox e-mails and text messages reach GOV.UK Notify ({@code homefirst.partners.notify.*}).
 * With {@code simulate} on (the default, for the demo) a local Notify simulator with a key of its
 * own is started and used; production turns it off and gives the API key and template ids.
 *
 * @param enabled run the relay at all (off: outbox rows stay {@code QUEUED})
 * @param simulate start the local Notify simulator and send to it
 * @param baseUrl Notify's API root (ignored while {@code simulate} is on)
 * @param apiKey a Notify API key, {@code <key name>-<service id>-<secret>}: from the environment, never in the repository
 * @param emailTemplateId e-mail template whose subject is {@code ((subject))} and body {@code ((body))}
 * @param smsTemplateId text message template whose body is {@code ((body))}
 * @param timeout per HTTP attempt (connect and answer)
 * @param attempts HTTP attempts per call (timeouts, refused connections, 429, 5xx)
 * @param backoff wait before the second HTTP attempt, doubled after each
 * @param relayInterval pause between relay runs
 * @param batchSize messages sent per run at most
 * @param maxAttempts relay attempts of one message before it is {@code FAILED}
 * @param retryAfter wait before a failed message is tried again, doubled per attempt (at most an hour)
 * @param simulatorPort port of the simulator (0: any free port)
 */
@ConfigurationProperties("homefirst.partners.notify")
public record NotifyProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("true") boolean simulate,
    @DefaultValue("https://api.notifications.service.gov.uk") URI baseUrl,
    String apiKey,
    String emailTemplateId,
    String smsTemplateId,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("3") int attempts,
    @DefaultValue("PT1S") Duration backoff,
    @DefaultValue("PT30S") Duration relayInterval,
    @DefaultValue("50") int batchSize,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("PT1M") Duration retryAfter,
    @DefaultValue("0") int simulatorPort) {

  public NotifyProperties {
    if (batchSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("homefirst.partners.notify.batch-size and max-attempts must be at least 1");
    }
  }

  PartnerHttp.Settings http() {
    return new PartnerHttp.Settings(timeout, attempts, backoff, null);
  }

  /** The same settings sent to another endpoint with another key (the simulator's). */
  NotifyProperties withEndpoint(URI url, String key, String emailTemplate, String smsTemplate) {
    return new NotifyProperties(enabled, simulate, url, key, emailTemplate, smsTemplate, timeout, attempts, backoff,
        relayInterval, batchSize, maxAttempts, retryAfter, simulatorPort);
  }

  /** Never shows the API key (a record would print every component). */
  @Override
  public String toString() {
    return "NotifyProperties[enabled=" + enabled + ", simulate=" + simulate + ", baseUrl=" + baseUrl + ", apiKey="
        + (apiKey == null || apiKey.isBlank() ? "(none)" : "(set)") + ", emailTemplateId=" + emailTemplateId
        + ", smsTemplateId=" + smsTemplateId + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff="
        + backoff + ", relayInterval=" + relayInterval + ", batchSize=" + batchSize + ", maxAttempts=" + maxAttempts
        + ", retryAfter=" + retryAfter + ", simulatorPort=" + simulatorPort + "]";
  }
}
