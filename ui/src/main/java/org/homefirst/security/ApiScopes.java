package org.homefirst.security;

import java.util.Set;

/**
 * What an API client may do, as the OAuth2 scopes its access token carries. The authorities are
 * Spring Security's {@code SCOPE_<scope>}; an API client has only those its token grants, a demo
 * user signing in with HTTP Basic has all three.
 */
final class ApiScopes {

  /** Refer a patient: {@code POST /api/v1/referrals}. */
  static final String REFER = "SCOPE_referrals:write";

  /** Tell a journey what happened: {@code POST /api/v1/referrals/{id}/events}. */
  static final String RECORD_EVENTS = "SCOPE_events:write";

  /** Read a referral and its history: {@code GET /api/**}. */
  static final String READ = "SCOPE_referrals:read";

  static final Set<String> ALL = Set.of(REFER, RECORD_EVENTS, READ);

  private ApiScopes() {}
}
