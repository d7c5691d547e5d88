package org.homefirst.workers.nelft;

import java.net.URI;
import java.time.Duration;
import org.homefirst.workers.partners.PartnerHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach NELFT's community system ({@code homefirst.partners.nelft.*}).
 *
 * @param baseUrl FHIR R4 base, e.g. {@code https://fhir.nelft.example/R4} (ignored while {@code simulate} is on)
 * @param timeout per HTTP attempt (connect and answer)
 * @param attempts HTTP attempts per call before the job fails
 * @param backoff wait before the second attempt, doubled after each
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>} when set
 * @param pollInterval how often {@link NelftDecisions} asks NELFT about the referrals still waiting for a decision
 * @param jobBackoff first engine backoff when a job fails on a fault (doubled per retry used)
 * @param simulate start the local NELFT simulator and use it (demo and tests); off in production
 * @param simulatorPort port of that simulator (0: any free port)
 * @param simulatorDecideAfter the simulator accepts each referral this long after it arrives
 */
@ConfigurationProperties("homefirst.partners.nelft")
public record NelftProperties(
    URI baseUrl,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("3") int attempts,
    @DefaultValue("PT1S") Duration backoff,
    String apiKey,
    @DefaultValue("PT1M") Duration pollInterval,
    @DefaultValue("PT30S") Duration jobBackoff,
    @DefaultValue("true") boolean simulate,
    @DefaultValue("0") int simulatorPort,
    @DefaultValue("PT20S") Duration simulatorDecideAfter) {

  public PartnerHttp.Settings http() {
    return new PartnerHttp.Settings(timeout, attempts, backoff, apiKey);
  }

  public NelftProperties withBaseUrl(URI url) {
    return new NelftProperties(url, timeout, attempts, backoff, apiKey, pollInterval, jobBackoff, simulate,
        simulatorPort, simulatorDecideAfter);
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return "NelftProperties[baseUrl=" + baseUrl + ", timeout=" + timeout + ", attempts=" + attempts + ", backoff="
        + backoff + ", apiKey=" + PartnerHttp.secret(apiKey) + ", pollInterval=" + pollInterval + ", jobBackoff="
        + jobBackoff + ", simulate=" + simulate + ", simulatorPort=" + simulatorPort + ", simulatorDecideAfter="
        + simulatorDecideAfter + "]";
  }
}
