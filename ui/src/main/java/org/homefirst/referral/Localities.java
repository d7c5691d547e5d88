package org.homefirst.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.homefirst.audit.AuditLog;
import org.homefirst.console.ConsoleAccess;
import org.homefirst.inbox.TeamMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which Redbridge locality team takes a resident's community handoff, by postcode: the longest
 * matching district or sector in {@code locality_postcode} (data, changed by managers, audited).
 * A Redbridge resident whose postcode is missing or not in the table goes to the community triage
 * queue ({@value #TRIAGE}), whose staff pass the work to the right locality and can add the
 * postcode here. Residents of other boroughs have no locality.
 */
@Service
public class Localities {

  /** The locality of Redbridge residents the table does not place. */
  public static final String TRIAGE = "community-triage";

  /** A locality: id, what staff call it, the team (candidate group) that takes its handoffs. */
  public record Locality(String id, String name, String team) {}

  /** Where a referral's community handoff goes, and why, in words. */
  public record Placement(Locality locality, String note) {}

  /** One row of the table as managers see it. */
  public record Mapping(String prefix, Locality locality, String changedBy) {}

  private final JdbcClient db;
  private final ConsoleAccess console;
  private final AuditLog audit;
  private final Clock clock;

  Localities(JdbcClient db, ConsoleAccess console, AuditLog audit, Clock clock) {
    this.db = db;
    this.console = console;
    this.audit = audit;
    this.clock = clock;
  }

  /** The locality for a resident of {@code borough} at {@code postcode} (normal form or null); empty outside Redbridge. */
  public Optional<Placement> place(Borough borough, String postcode) {
    if (borough != Borough.LBR) {
      return Optional.empty();
    }
    if (postcode == null) {
      return Optional.of(new Placement(locality(TRIAGE).orElseThrow(),
          "no postcode given; the community triage team finds the locality"));
    }
    for (String prefix : Postcodes.prefixes(postcode)) {
      Optional<Locality> found = db.sql("""
              select l.id, l.name, l.team from locality_postcode p join locality l on l.id = p.locality_id
              where p.prefix = ?""")
          .param(prefix).query(Localities::locality).optional();
      if (found.isPresent()) {
        return Optional.of(new Placement(found.get(), "postcode " + postcode + ", "
            + (prefix.contains(" ") ? "sector " : "district ") + prefix + " in the locality table"));
      }
    }
    return Optional.of(new Placement(locality(TRIAGE).orElseThrow(),
        "postcode " + postcode + " is not in the locality table; the community triage team finds the locality"));
  }

  public Optional<Locality> locality(String id) {
    return db.sql("select id, name, team from locality where id = ?").param(id).query(Localities::locality).optional();
  }

  /** The four localities a postcode may be given to (not the triage queue). */
  public List<Locality> localities() {
    return db.sql("select id, name, team from locality where id <> ? order by name").param(TRIAGE)
        .query(Localities::locality).list();
  }

  public List<Mapping> mappings() {
    return db.sql("""
            select p.prefix, p.changed_by, l.id, l.name, l.team from locality_postcode p
            join locality l on l.id = p.locality_id order by p.prefix""")
        .query((rs, n) -> new Mapping(rs.getString("prefix"), locality(rs, n), rs.getString("changed_by"))).list();
  }

  /**
   * Gives a postcode district ({@code IG1}) or sector ({@code IG1 4}) to a locality, for referrals
   * from now on; managers only, audited with the old and the new locality.
   *
   * @throws org.homefirst.console.ConsoleRefused for anyone else (audited)
   * @throws IllegalArgumentException saying what to write instead
   */
  @Transactional
  public Mapping assign(TeamMember member, String prefix, String localityId) {
    console.checkMayOpen(member, "change which locality a postcode goes to");
    String normal = prefix(prefix);
    Locality locality = localities().stream().filter(l -> l.id().equals(localityId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Choose one of the four localities"));
    String old = db.sql("select locality_id from locality_postcode where prefix = ?").param(normal)
        .query(String.class).optional().orElse("none");
    db.sql("""
            insert into locality_postcode (prefix, locality_id, changed_by, changed_at) values (?, ?, ?, ?)
            on conflict (prefix) do update set locality_id = excluded.locality_id, changed_by = excluded.changed_by,
              changed_at = excluded.changed_at""")
        .params(normal, locality.id(), member.username(), Timestamp.from(clock.instant())).update();
    audit.record(member.username(), AuditLog.Action.CHANGE_LOCALITY, null, null,
        normal + ": " + old + " -> " + locality.id() + " (new referrals)");
    return new Mapping(normal, locality, member.username());
  }

  /** A district or sector as the table keeps it ({@code IG1}, {@code IG1 4}), from what was typed. */
  static String prefix(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    if (!t.matches("[A-Z]{1,2}[0-9][A-Z0-9]?( [0-9])?")) {
      throw new IllegalArgumentException("\u201c" + (text == null ? "" : text.strip())
          + "\u201d is not a postcode district or sector: write IG1 or IG1 4");
    }
    return t;
  }

  private static Locality locality(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Locality(rs.getString("id"), rs.getString("name"), rs.getString("team"));
  }
}
