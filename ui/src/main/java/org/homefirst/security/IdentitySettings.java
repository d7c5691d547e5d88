package org.homefirst.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people and API clients signed in by an identity provider get their teams and rights
 * ({@code homefirst.security.*}; README "Identity, API clients and production settings").
 *
 * @param teamMapping the allow-list: an identity provider's group and the team of ours it stands for
 * @param oversightTeamMapping the only way to a team that oversees others (managers, the audit log's
 *     readers, incident operators): a list of its own, so that no ordinary entry, and no raw claim,
 *     ever grants oversight
 * @param apiClients how API clients' access tokens are read
 */
@ConfigurationProperties("homefirst.security")
record IdentitySettings(
    List<GroupTeam> teamMapping, List<GroupTeam> oversightTeamMapping, @DefaultValue ApiClients apiClients) {

  /** An identity provider's group (as its token carries it) and one of our teams. */
  record GroupTeam(String group, String team) {}

  /**
   * @param teamsClaim the access token claim with the client's organisation or team groups, mapped
   *     through the same allow-list as people's
   * @param nameClaim the claim naming the client in the audit log (then {@code azp}, then {@code sub})
   * @param basic also take HTTP Basic with the demo users on {@code /api/**} (demo and tests only;
   *     production refuses it)
   */
  record ApiClients(
      @DefaultValue("groups") String teamsClaim, @DefaultValue("client_id") String nameClaim, boolean basic) {}

  IdentitySettings {
    teamMapping = teamMapping == null ? List.of() : List.copyOf(teamMapping);
    oversightTeamMapping = oversightTeamMapping == null ? List.of() : List.copyOf(oversightTeamMapping);
  }
}
