package org.homefirst.workers.notifications;

import java.net.URI;
import java.time.Duration;
import org.homefirst.workers.partners.PartnerHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how GP notifications are delivered ({@code homefirst.partners.gp.*}). With
 * {@code simulate} on (the default, for the demo) a local GP simulator is started and used
 * instead of {@code base-url}; production turns it off and points {@code base-url} at the real
 * GP Connect style endpoint.
 *
 * @param baseUrl endpoint root; documents are posted to {@code <base-url>/documents}
 * @param timeout connect and response timeout of one call
 * @param attempts calls per job attempt before the job fails (and the engine retries the job)
 * @param backoff wait before the second call, doubled for each further call
 * @param simulate start the local GP simulator and send to it
 * @param simulatorPort port of that simulator (0: any free port)
 * @param apiKey the practice endpoint's credential, sent as {@code Authorization: Bearer}; production
 *     refuses to start without it (an unauthenticated endpoint would take documents from anyone)
 */
@ConfigurationProperties("homefirst.partners.gp")
public record GpProperties(
    @DefaultValue("http://localhost:8091/gp-connect") URI baseUrl,
    @DefaultValue("PT5S") Duration timeout,
    @DefaultValue("3") int attempts,
    @DefaultValue("PT0.5S") Duration backoff,
    @DefaultValue("true") boolean simulate,
    @DefaultValue("0") int simulatorPort,
    String apiKey) {

  public GpProperties {
    if (attempts < 1) {
      throw new IllegalArgumentException("homefirst.partners.gp.attempts must be at least 1");
    }
  }

  /** The same settings sent to another endpoint (the simulator's). */
  public GpProperties withBaseUrl(URI url) {
    return new GpProperties(url, timeout, attempts, backoff, false, simulatorPort, apiKey);
  }

  /** Never shows the credential (a record would print every component, into logs and error pages). */
  @Override
  public String toString() {
    return "GpProperties[baseUrl=" + baseUrl + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff="
        + backoff + ", simulate=" + simulate + ", simulatorPort=" + simulatorPort + ", apiKey="
        + PartnerHttp.secret(apiKey) + "]";
  }
}
