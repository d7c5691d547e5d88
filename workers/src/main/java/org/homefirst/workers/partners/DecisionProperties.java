package org.homefirst.workers.partners;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code homefirst.partners.decisions.*}: how partners' decisions are handed to the engine. How
 * often each partner is asked is its adapter's {@code poll-interval}.
 *
 * @param messageTimeToLive how long a published decision waits in the engine for a journey that
 *     has not reached its wait yet (its request job still completing, or retried after a fault)
 */
@ConfigurationProperties("homefirst.partners.decisions")
public record DecisionProperties(@DefaultValue("P1D") Duration messageTimeToLive) {}
