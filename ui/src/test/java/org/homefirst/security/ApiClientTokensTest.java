package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.homefirst.inbox.TeamMember;
import org.homefirst.security.IdentitySettings.GroupTeam;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * An API client's access token as what it may do (its scopes) and whose patients it may see (its
 * teams, from its groups claim through the allow-list), named by its client id.
 */
class ApiClientTokensTest {

  private final TeamMapping teams = new TeamMapping(
      List.of(new GroupTeam("HF-Redbridge", "lbr-hospital-sw"), new GroupTeam("HF-Redbridge", "council-lbr")),
      List.of(new GroupTeam("HF-System-Leads", "managers")),
      TeamMapping.oversightTeams(List.of("managers")));
  private final ApiClientTokens tokens =
      new ApiClientTokens(teams, new IdentitySettings.ApiClients("organisations", "client_id", false));

  @Test
  void aClientsTeamsComeFromItsGroupsThroughTheAllowListOnly() {
    Jwt token = token().claim("organisations", List.of("HF-Redbridge", "managers", "jad", "GROUP_jad")).build();

    TeamMember client = TeamMember.of(tokens.convert(token));

    assertThat(client.username()).isEqualTo("lbr-case-system");
    assertThat(client.teams()).containsExactlyInAnyOrder("lbr-hospital-sw", "council-lbr");
  }

  @Test
  void onlyOurScopesBecomeRights() {
    Jwt token = token().claim("scope", "referrals:read events:write openid admin").build();

    assertThat(tokens.convert(token).getAuthorities()).extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder(ApiScopes.READ, ApiScopes.RECORD_EVENTS);
  }

  @Test
  void theClientIsNamedByItsClientIdThenAzpThenSubject() {
    assertThat(tokens.convert(base().claim("azp", "by-azp").subject("by-sub").build()).getName()).isEqualTo("by-azp");
    assertThat(tokens.convert(base().subject("by-sub").build()).getName()).isEqualTo("by-sub");
    assertThatThrownBy(() -> tokens.convert(base().build())).isInstanceOf(InvalidBearerTokenException.class);
  }

  private static Jwt.Builder token() {
    return base().claim("client_id", "lbr-case-system").subject("0c5a7e1e");
  }

  private static Jwt.Builder base() {
    return Jwt.withTokenValue("token").header("alg", "RS256").claim("scope", "referrals:read");
  }
}
