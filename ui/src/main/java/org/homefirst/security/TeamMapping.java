package org.homefirst.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.homefirst.inbox.Teams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The teams a person or an API client is in, from the groups their identity provider puts in the
 * token: only groups on the allow-list ({@code homefirst.security.team-mapping}) count, and only
 * towards teams we know ({@link Teams}). Any other group gives nothing. Oversight (managers, the
 * audit log, incidents) comes only from {@code homefirst.security.oversight-team-mapping}: an
 * ordinary entry naming an oversight team stops the application at start, and a group called
 * {@code managers} in a token is just another unknown group.
 */
@Component
class TeamMapping {

  private static final Logger log = LoggerFactory.getLogger(TeamMapping.class);
  /** A node remembers this many unknown groups, to log each once without growing for ever. */
  private static final int REMEMBERED = 1000;

  private final Map<String, Set<String>> teamsByGroup = new HashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  @Autowired
  TeamMapping(
      IdentitySettings settings,
      @Value("${homefirst.inbox.lead-teams:managers}") List<String> leadTeams,
      @Value("${homefirst.audit.viewer-teams:managers,admins}") List<String> auditTeams,
      @Value("${homefirst.incidents.operator-teams:managers}") List<String> operatorTeams) {
    this(settings.teamMapping(), settings.oversightTeamMapping(), oversightTeams(leadTeams, auditTeams, operatorTeams));
  }

  TeamMapping(
      List<IdentitySettings.GroupTeam> teams, List<IdentitySettings.GroupTeam> oversight, Set<String> oversightTeams) {
    add("homefirst.security.team-mapping", teams, oversightTeams, false);
    add("homefirst.security.oversight-team-mapping", oversight, oversightTeams, true);
  }

  /** The teams whose members oversee others: always managers and admins, and whoever the settings name. */
  @SafeVarargs
  static Set<String> oversightTeams(Collection<String>... settings) {
    Set<String> teams = new TreeSet<>(List.of("managers", "admins"));
    for (Collection<String> setting : settings) {
      setting.stream().map(String::trim).filter(t -> !t.isEmpty()).forEach(teams::add);
    }
    return teams;
  }

  /**
   * Our teams for a token's groups claim (a list of groups, or a single one). Groups not on the
   * allow-list give nothing and are logged once per node, by group name only.
   */
  Set<String> teamsOf(Object claim) {
    Collection<?> groups = claim instanceof Collection<?> many ? many : claim == null ? List.of() : List.of(claim);
    Set<String> teams = new TreeSet<>();
    for (Object group : groups) {
      Set<String> mapped = group instanceof String name ? teamsByGroup.get(name) : null;
      if (mapped == null) {
        unknown(String.valueOf(group));
      } else {
        teams.addAll(mapped);
      }
    }
    return teams;
  }

  private void add(String setting, List<IdentitySettings.GroupTeam> entries, Set<String> oversightTeams,
      boolean oversight) {
    for (int i = 0; i < entries.size(); i++) {
      IdentitySettings.GroupTeam entry = entries.get(i);
      String where = setting + "[" + i + "]";
      if (entry.group() == null || entry.group().isBlank() || entry.team() == null || entry.team().isBlank()) {
        throw new IllegalStateException(where + " needs both a group and a team");
      }
      if (!Teams.ids().contains(entry.team())) {
        throw new IllegalStateException(where + " maps to '" + entry.team() + "', which is not a Home First team; "
            + "known teams: " + String.join(", ", Teams.ids()));
      }
      if (!oversight && oversightTeams.contains(entry.team())) {
        throw new IllegalStateException(where + " maps to '" + entry.team() + "', a team that oversees others "
            + "(managers, the audit log, incidents): only homefirst.security.oversight-team-mapping may grant it");
      }
      if (oversight && !oversightTeams.contains(entry.team())) {
        throw new IllegalStateException(where + " maps to '" + entry.team() + "', which oversees nothing: "
            + "put it in homefirst.security.team-mapping");
      }
      teamsByGroup.computeIfAbsent(entry.group(), g -> new LinkedHashSet<>()).add(entry.team());
    }
  }

  private void unknown(String group) {
    if (reported.size() < REMEMBERED && reported.add(group)) {
      log.warn("Identity provider group {} is not in homefirst.security.team-mapping: it gives no rights "
          + "(logged once per group)", printable(group));
    }
  }

  /** A group name as a log line may show it: printable characters only, and not too long. */
  private static String printable(String group) {
    String shown = group.codePoints()
        .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
        .limit(80)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return "'" + shown + (group.codePointCount(0, group.length()) > 80 ? "...'" : "'");
  }
}
