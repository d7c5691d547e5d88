package org.homefirst.security;

import java.util.HashSet;
import java.util.Set;
import org.homefirst.inbox.TeamMember;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * An API client's access token (OAuth2 client credentials) as what it may do: the scopes we know
 * ({@link ApiScopes}; any other scope gives nothing) and the teams its organisation or team groups
 * map to ({@link TeamMapping}), which decide the patients it may see, as for a member of staff.
 * The client is named in the audit log by its client id.
 */
final class ApiClientTokens implements Converter<Jwt, AbstractAuthenticationToken> {

  private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
  private final TeamMapping teams;
  private final IdentitySettings.ApiClients settings;

  ApiClientTokens(TeamMapping teams, IdentitySettings.ApiClients settings) {
    this.teams = teams;
    this.settings = settings;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt token) {
    Set<GrantedAuthority> authorities = new HashSet<>();
    for (GrantedAuthority scope : scopes.convert(token)) {
      if (ApiScopes.ALL.contains(scope.getAuthority())) {
        authorities.add(scope);
      }
    }
    for (String team : teams.teamsOf(token.getClaims().get(settings.teamsClaim()))) {
      authorities.add(new SimpleGrantedAuthority(TeamMember.TEAM_PREFIX + team));
    }
    return new JwtAuthenticationToken(token, authorities, name(token));
  }

  private String name(Jwt token) {
    for (String claim : new String[] {settings.nameClaim(), "azp", "sub"}) {
      String value = token.getClaimAsString(claim);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    // Nothing could name the caller in the audit log: not a token we act on.
    throw new InvalidBearerTokenException("The access token names no client");
  }
}
