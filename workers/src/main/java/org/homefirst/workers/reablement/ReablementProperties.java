package org.homefirst.workers.reablement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code homefirst.partners.reablement.*}: how the pathway 1 reablement request waits. Where the
 * request goes is configured on the NELFT and council adapters it uses.
 *
 * @param pollInterval how long a job waits before asking again whether the service has decided
 * @param jobBackoff first engine backoff when a job fails on a fault (doubled per retry used)
 */
@ConfigurationProperties("homefirst.partners.reablement")
public record ReablementProperties(
    @DefaultValue("PT1M") Duration pollInterval,
    @DefaultValue("PT30S") Duration jobBackoff) {}
