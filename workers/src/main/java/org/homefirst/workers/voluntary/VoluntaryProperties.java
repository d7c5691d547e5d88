package org.homefirst.workers.voluntary;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.homefirst.workers.partners.PartnerHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the voluntary services' referral API ({@code homefirst.partners.voluntary.*}).
 *
 * @param baseUrl API root, e.g. {@code https://referrals.voluntary.example/api} (ignored while simulating)
 * @param timeout per HTTP attempt
 * @param attempts HTTP attempts per call
 * @param backoff wait before the second attempt, doubled after each
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>} when set
 * @param pollInterval how long a job waits before asking again about a referral still in triage
 * @param jobBackoff first engine backoff when a job fails on a fault
 * @param simulate start the local voluntary services simulator and use it (demo); off in production
 * @param simulatorPort its port (0: any free port)
 * @param services per service id ({@code redcross-hnh}, {@code ageuk-escort}, {@code handyperson}):
 *     its name and the {@code fallback-email} a referral goes to when the API is unavailable
 */
@ConfigurationProperties("homefirst.partners.voluntary")
public record VoluntaryProperties(
    URI baseUrl,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("3") int attempts,
    @DefaultValue("PT1S") Duration backoff,
    String apiKey,
    @DefaultValue("PT5M") Duration pollInterval,
    @DefaultValue("PT30S") Duration jobBackoff,
    @DefaultValue("true") boolean simulate,
    @DefaultValue("0") int simulatorPort,
    Map<String, Service> services) {

  /** One voluntary service. */
  public record Service(String name, String fallbackEmail) {}

  public VoluntaryProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  public PartnerHttp.Settings http() {
    return new PartnerHttp.Settings(timeout, attempts, backoff, apiKey);
  }

  public VoluntaryProperties withBaseUrl(URI url) {
    return new VoluntaryProperties(url, timeout, attempts, backoff, apiKey, pollInterval, jobBackoff, simulate,
        simulatorPort, services);
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return "VoluntaryProperties[baseUrl=" + baseUrl + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff="
        + backoff + ", apiKey=" + PartnerHttp.secret(apiKey) + ", pollInterval=" + pollInterval + ", jobBackoff="
        + jobBackoff + ", simulate=" + simulate + ", simulatorPort=" + simulatorPort + ", services=" + services + "]";
  }
}
