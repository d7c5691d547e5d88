package org.homefirst.workers.reablement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code homefirst.partners.reablement.*}: how the pathway 1 reablement request backs off on a
 * fault. Where the request goes, and how often its decision is asked for, is configured on the
 * NELFT and council adapters it uses.
 *
 * @param jobBackoff first engine backoff when a job fails on a fault (doubled per retry used)
 */
@ConfigurationProperties("homefirst.partners.reablement")
public record ReablementProperties(@DefaultValue("PT30S") Duration jobBackoff) {}
