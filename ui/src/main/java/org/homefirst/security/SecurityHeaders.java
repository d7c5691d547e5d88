package org.homefirst.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The security headers of every response, pages and APIs alike: a content security policy, HSTS,
 * no framing by another site, no referrer leaving the site (our URLs name patients' referrals), no
 * content sniffing, and no camera, microphone or location.
 */
final class SecurityHeaders {

  /**
   * The pages' policy. Vaadin Flow needs inline and evaluated scripts (its bootstrap, and the
   * JavaScript the server sends with {@code executeJs}) and inline styles (its themes and
   * components); everything else, Push's WebSocket included, comes from this origin only.
   */
  static final String PAGES = String.join("; ",
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  /** JSON and plain text only: nothing to load, nothing to run, never framed. */
  static final String APIS = "default-src 'none'; frame-ancestors 'none'";

  private static final long ONE_YEAR = 31_536_000;

  private SecurityHeaders() {}

  static Customizer<HeadersConfigurer<HttpSecurity>> pages() {
    return with(PAGES);
  }

  static Customizer<HeadersConfigurer<HttpSecurity>> apis() {
    return with(APIS);
  }

  private static Customizer<HeadersConfigurer<HttpSecurity>> with(String policy) {
    return headers -> headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
        // On every answer, not only those Tomcat sees as HTTPS: behind a load balancer that ends
        // TLS the request looks like plain HTTP here. Browsers ignore HSTS over plain HTTP.
        .httpStrictTransportSecurity(hsts -> hsts
            .requestMatcher(AnyRequestMatcher.INSTANCE).includeSubDomains(true).maxAgeInSeconds(ONE_YEAR))
        .frameOptions(frame -> frame.deny())
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
        .contentTypeOptions(Customizer.withDefaults())
        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", "camera=(), microphone=(), geolocation=()"));
  }
}
