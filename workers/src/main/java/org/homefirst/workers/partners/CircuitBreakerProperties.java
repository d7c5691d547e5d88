package org.homefirst.workers.partners;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a partner system counts as down ({@code homefirst.partners.circuit-breaker.*}): after
 * {@code failures} failed HTTP attempts in a row (timeouts, refused connections, 408, 429, 5xx)
 * its breaker opens and calls to it fail at once, without waiting out timeouts and backoffs; after
 * {@code openFor} one trial call goes through, and its outcome closes the breaker or opens it
 * again. The settings are shared; each partner system (NELFT, each council, voluntary services)
 * has a breaker of its own.
 *
 * @param failures failed attempts in a row that open the breaker
 * @param openFor how long it stays open before a trial call
 */
@ConfigurationProperties("homefirst.partners.circuit-breaker")
public record CircuitBreakerProperties(@DefaultValue("10") int failures, @DefaultValue("PT30S") Duration openFor) {

  /** The defaults, for adapters built without Spring. */
  public static final CircuitBreakerProperties DEFAULTS = new CircuitBreakerProperties(10, Duration.ofSeconds(30));

  public CircuitBreakerProperties {
    if (failures < 1) {
      throw new IllegalArgumentException("homefirst.partners.circuit-breaker.failures must be at least 1");
    }
    if (openFor == null || openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("homefirst.partners.circuit-breaker.open-for must be positive");
    }
  }
}
