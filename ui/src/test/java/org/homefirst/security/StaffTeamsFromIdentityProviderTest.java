package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * A member of staff signed in with OpenID Connect gets the teams of their token's groups claim
 * through the application's allow-list (application-test.yaml), and nothing from the raw claim.
 */
class StaffTeamsFromIdentityProviderTest extends StackTest {

  @Autowired GrantedAuthoritiesMapper teamsFromToken;

  @Test
  void onlyAllowListedGroupsBecomeTeams() {
    OidcIdToken token = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300), Map.of(
        "sub", "555012345678", "groups", List.of("HF-JAD", "managers", "admins", "HF-Unknown")));

    var authorities = teamsFromToken.mapAuthorities(List.of(new OidcUserAuthority(token),
        new SimpleGrantedAuthority("SCOPE_openid"), new SimpleGrantedAuthority("SCOPE_referrals:write"),
        new SimpleGrantedAuthority("GROUP_managers")));

    assertThat(authorities).extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("OIDC_USER", "GROUP_jad");
  }

  @Test
  void oversightComesFromItsOwnListOnly() {
    OidcIdToken token = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300), Map.of(
        "sub", "555087654321", "groups", List.of("HF-System-Leads")));

    assertThat(teamsFromToken.mapAuthorities(List.of(new OidcUserAuthority(token))))
        .extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("OIDC_USER", "GROUP_managers");
  }
}
