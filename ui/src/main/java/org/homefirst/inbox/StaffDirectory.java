package org.homefirst.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.homefirst.security.DemoUsers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The colleagues work can be assigned to: everyone who has signed in (with their teams at that
 * time) plus the configured demo users. Teams come from sign-in (CIS2 claims in production), so
 * the directory needs no separate administration.
 */
@Component
public class StaffDirectory {

  private final JdbcClient db;
  private final Clock clock;
  private final List<DemoUsers.User> demoUsers;

  StaffDirectory(JdbcClient db, Clock clock, ObjectProvider<DemoUsers> demoUsers) {
    this.db = db;
    this.clock = clock;
    DemoUsers users = demoUsers.getIfAvailable();
    this.demoUsers = users == null ? List.of() : users.demoUsers();
  }

  /** Remembers a signed-in person and their current teams. */
  public void seen(TeamMember member) {
    db.sql(
            """
            insert into staff_member (username, teams, last_seen) values (?, ?, ?)
            on conflict (username) do update set teams = excluded.teams, last_seen = excluded.last_seen""")
        .params(member.username(), member.teams().toArray(String[]::new), Timestamp.from(clock.instant()))
        .update();
  }

  /** Usernames of people in any of the teams, sorted. */
  public List<String> membersOf(Collection<String> teams) {
    Set<String> names = new TreeSet<>(
        db.sql("select username from staff_member where teams && cast(? as text[])")
            .param(teams.toArray(String[]::new))
            .query(String.class)
            .list());
    demoUsers.stream().filter(u -> u.teams().stream().anyMatch(teams::contains)).forEach(u -> names.add(u.username()));
    return List.copyOf(names);
  }

  public boolean isMemberOfAny(String username, Collection<String> teams) {
    return membersOf(teams).contains(username);
  }

  static String[] array(Collection<String> c) {
    return c.toArray(String[]::new);
  }

  static List<String> list(String[] a) {
    return Arrays.asList(a);
  }
}
