package org.homefirst.workers.council;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.homefirst.workers.partners.PartnerHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach each borough's adult social care system ({@code homefirst.partners.council.*}).
 * Each council runs its own system, so each has its own {@code boroughs.<borough>.base-url},
 * {@code api-key} and callback {@code shared-secret}; timeouts, retries and polling are shared.
 *
 * @param timeout per HTTP attempt
 * @param attempts HTTP attempts per call
 * @param backoff wait before the second attempt, doubled after each
 * @param pollInterval how often {@link CouncilDecisions} asks each council about the referrals still waiting
 *     for a decision (callbacks usually bring it first)
 * @param jobBackoff first engine backoff when a job fails on a fault (doubled per retry used)
 * @param simulate start a local council simulator per borough and use it (demo); off in production
 * @param simulatorDecideAfter the simulators accept each referral this long after it arrives
 * @param boroughs per borough ({@code lbbd}, {@code lbh}, {@code lbr}): where and how
 */
@ConfigurationProperties("homefirst.partners.council")
public record CouncilProperties(
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue("3") int attempts,
    @DefaultValue("PT1S") Duration backoff,
    @DefaultValue("PT1M") Duration pollInterval,
    @DefaultValue("PT30S") Duration jobBackoff,
    @DefaultValue("true") boolean simulate,
    @DefaultValue("PT20S") Duration simulatorDecideAfter,
    Map<String, Borough> boroughs) {

  /**
   * One council's endpoint.
   *
   * @param baseUrl API root, e.g. {@code https://asc.havering.example/api/v1}
   * @param apiKey sent as {@code Authorization: Bearer <apiKey>} when set
   * @param sharedSecret key of the HMAC-SHA256 signature on the council's callbacks
   */
  public record Borough(URI baseUrl, String apiKey, String sharedSecret) {

    /** Never shows the API key or the shared secret. */
    @Override
    public String toString() {
      return "Borough[baseUrl=" + baseUrl + ", apiKey=" + PartnerHttp.secret(apiKey) + ", sharedSecret="
          + PartnerHttp.secret(sharedSecret) + "]";
    }
  }

  public CouncilProperties {
    boroughs = boroughs == null ? Map.of() : Map.copyOf(boroughs);
  }

  public PartnerHttp.Settings http(String apiKey) {
    return new PartnerHttp.Settings(timeout, attempts, backoff, apiKey);
  }
}
