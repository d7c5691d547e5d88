package org.homefirst.inbox;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A signed-in member of staff and the teams (candidate groups) whose work they can see. */
public record TeamMember(String username, Set<String> teams) {

  public static final String TEAM_PREFIX = "GROUP_";

  public static TeamMember of(Authentication auth) {
    Set<String> teams = new TreeSet<>();
    for (GrantedAuthority a : auth.getAuthorities()) {
      if (a.getAuthority().startsWith(TEAM_PREFIX)) {
        teams.add(a.getAuthority().substring(TEAM_PREFIX.length()));
      }
    }
    return new TeamMember(auth.getName(), Set.copyOf(teams));
  }

  public boolean isIn(String team) {
    return teams.contains(team);
  }
}
