package org.homefirst.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.homefirst.base.Formats;
import org.homefirst.inbox.PatientHolders;
import org.homefirst.inbox.PatientHolders.Holder;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.TeamMember;
import org.homefirst.inbox.Teams;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The live picture the console opens on, read from the current tables: who is in hospital
 * waiting for discharge support, by pathway and by days since their discharge ready date; the
 * stranded and super-stranded; SLA clocks breached or due within four hours; open incidents; and
 * who holds each patient ({@link PatientHolders}: the team of the open task, else the partner whose
 * decision is awaited, else the step the journey is at). Figures are for every patient; the
 * lists behind them follow {@link ConsoleAccess#patients}.
 */
@Service
class NowPicture {

  /** Days since the discharge ready date, in the bands of the NHS discharge returns. */
  static final List<String> BANDS = List.of("0", "1", "2-3", "4-6", "7-13", "14-20", "21+");

  static final String NOT_DECIDED = "Pathway not decided";

  /** SAFER: stranded after 7 days in hospital, super-stranded after 21. */
  static final int STRANDED_DAYS = 7;
  static final int SUPER_STRANDED_DAYS = 21;
  static final Duration DUE_SOON = Duration.ofHours(4);

  /** A referred patient still in hospital (no discharge since their latest admission). */
  record InHospital(UUID referralId, String nhsNumber, String patient, String borough, String hospital, String ward,
      Instant admittedAt, Instant readyAt, String pathway, int daysInHospital, Integer daysSinceReady,
      Holder holder, String step) {

    boolean waiting() {
      return readyAt != null;
    }

    boolean delayed() {
      return daysSinceReady != null && daysSinceReady >= 1;
    }

    String band() {
      return daysSinceReady == null ? null : band(daysSinceReady);
    }

    static String band(int days) {
      if (days <= 0) {
        return "0";
      } else if (days == 1) {
        return "1";
      } else if (days <= 3) {
        return "2-3";
      } else if (days <= 6) {
        return "4-6";
      } else if (days <= 13) {
        return "7-13";
      } else if (days <= 20) {
        return "14-20";
      }
      return "21+";
    }
  }

  /** An open SLA clock that is breached or due soon. */
  record OpenClock(UUID referralId, String nhsNumber, String patient, String borough, String hospital, String rule,
      String timerElementId, String team, Instant dueAt, boolean breached) {}

  record OpenIncident(UUID referralId, String nhsNumber, String patient, String borough, String hospital,
      String step, Instant since) {}

  /** The picture at one moment. */
  record Picture(Instant at, List<InHospital> inHospital, List<OpenClock> clocks, List<OpenIncident> incidents) {

    List<InHospital> waiting() {
      return inHospital.stream().filter(InHospital::waiting).toList();
    }

    List<String> pathways() {
      Set<String> seen = new LinkedHashSet<>();
      waiting().stream().map(InHospital::pathway).sorted(Comparator.comparing(p -> p.equals(NOT_DECIDED) ? "~" : p))
          .forEach(seen::add);
      return List.copyOf(seen);
    }

    /** Waiting patients per band (rows: pathways in order, columns: {@link #BANDS}). */
    Map<String, int[]> byBandAndPathway() {
      Map<String, int[]> out = new LinkedHashMap<>();
      for (String p : pathways()) {
        out.put(p, new int[BANDS.size()]);
      }
      for (InHospital h : waiting()) {
        out.get(h.pathway())[BANDS.indexOf(h.band())]++;
      }
      return out;
    }

    long stranded() {
      return inHospital.stream().filter(h -> h.daysInHospital() >= STRANDED_DAYS).count();
    }

    long superStranded() {
      return inHospital.stream().filter(h -> h.daysInHospital() >= SUPER_STRANDED_DAYS).count();
    }

    long breached() {
      return clocks.stream().filter(OpenClock::breached).count();
    }

    long dueSoon() {
      return clocks.stream().filter(c -> !c.breached()).count();
    }

    /** Delayed patients (past their discharge ready date) per holder, most first. */
    Map<String, Long> delayedByHolder() {
      Map<String, Long> counts = new LinkedHashMap<>();
      inHospital.stream().filter(InHospital::delayed)
          .forEach(h -> counts.merge(h.holder().name(), 1L, Long::sum));
      Map<String, Long> sorted = new LinkedHashMap<>();
      counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted;
    }
  }

  /** What a number on the page stands for: the patients behind it. */
  sealed interface Selection {
    String label();

    record Waiting() implements Selection {
      public String label() {
        return "waiting for discharge support";
      }
    }

    record Band(String band, String pathway) implements Selection {
      public String label() {
        return "waiting " + band + (band.equals("1") ? " day" : " days") + " since ready"
            + (pathway == null ? "" : ", " + pathway);
      }
    }

    record Stranded() implements Selection {
      public String label() {
        return "stranded (in hospital 7 days or more)";
      }
    }

    record SuperStranded() implements Selection {
      public String label() {
        return "super-stranded (in hospital 21 days or more)";
      }
    }

    record Breached() implements Selection {
      public String label() {
        return "open SLA breaches";
      }
    }

    record DueSoon() implements Selection {
      public String label() {
        return "SLA clocks due within 4 hours";
      }
    }

    record Incidents() implements Selection {
      public String label() {
        return "open incidents";
      }
    }

    record HeldBy(String holder) implements Selection {
      public String label() {
        return "delayed, held by " + holder;
      }
    }
  }

  /** One patient in a drill-down list: who, where, why they are in this list, who holds them. */
  record PatientRow(UUID referralId, String nhsNumber, String patient, String borough, String hospital,
      String detail, String holder, String step) {}

  private final JdbcClient db;
  private final Clock clock;
  private final ConsoleAccess access;
  private final SlaRules rules;
  private final PatientHolders holders;

  NowPicture(JdbcClient db, Clock clock, ConsoleAccess access, SlaRules rules, PatientHolders holders) {
    this.holders = holders;
    this.db = db;
    this.clock = clock;
    this.access = access;
    this.rules = rules;
  }

  /** The picture now; for console users only (a refusal is audited). */
  Picture now(TeamMember member) {
    access.checkMayOpen(member, "now");
    return picture();
  }

  /** The patients behind one number, as the member may see them (audited). */
  ConsoleAccess.Visible<PatientRow> patients(TeamMember member, Picture picture, Selection selection) {
    return access.patients(member, "now: " + selection.label(), rows(picture, selection), PatientRow::referralId);
  }

  List<PatientRow> rows(Picture p, Selection selection) {
    return switch (selection) {
      case Selection.Waiting w -> inHospital(p, InHospital::waiting, byReady());
      case Selection.Band b -> inHospital(p, h -> b.band().equals(h.band())
          && (b.pathway() == null || b.pathway().equals(h.pathway())), byReady());
      case Selection.Stranded s -> inHospital(p, h -> h.daysInHospital() >= STRANDED_DAYS, byStay());
      case Selection.SuperStranded s -> inHospital(p, h -> h.daysInHospital() >= SUPER_STRANDED_DAYS, byStay());
      case Selection.HeldBy h -> inHospital(p, x -> x.delayed() && x.holder().name().equals(h.holder()), byReady());
      case Selection.Breached b -> clocks(p, true);
      case Selection.DueSoon d -> clocks(p, false);
      case Selection.Incidents i -> p.incidents().stream()
          .map(x -> new PatientRow(x.referralId(), x.nhsNumber(), x.patient(), x.borough(), x.hospital(),
              "Incident since " + Formats.dateTime(x.since()), holderOf(p, x.referralId()), x.step()))
          .toList();
    };
  }

  private static Comparator<InHospital> byReady() {
    return Comparator.comparing(InHospital::daysSinceReady, Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(InHospital::patient);
  }

  private static Comparator<InHospital> byStay() {
    return Comparator.comparing(InHospital::daysInHospital).reversed().thenComparing(InHospital::patient);
  }

  private List<PatientRow> inHospital(Picture p, Predicate<InHospital> which, Comparator<InHospital> order) {
    return p.inHospital().stream().filter(which).sorted(order).map(h -> new PatientRow(h.referralId(), h.nhsNumber(),
        h.patient(), h.borough(), h.hospital(), detail(h), h.holder().name() + " (" + h.holder().why() + ")",
        h.step())).toList();
  }

  private static String detail(InHospital h) {
    String stay = "in hospital " + days(h.daysInHospital());
    if (h.readyAt() == null) {
      return "No discharge ready date; " + stay + ", " + h.pathway().toLowerCase(java.util.Locale.UK);
    }
    return "Ready " + days(h.daysSinceReady()) + " ago (" + Formats.dateTime(h.readyAt()).substring(0, 10) + "); "
        + stay + "; " + h.pathway();
  }

  private static String days(int n) {
    return n + (n == 1 ? " day" : " days");
  }

  private List<PatientRow> clocks(Picture p, boolean breached) {
    return p.clocks().stream().filter(c -> c.breached() == breached && c.referralId() != null)
        .sorted(Comparator.comparing(OpenClock::dueAt))
        .map(c -> new PatientRow(c.referralId(), c.nhsNumber(), c.patient(), c.borough(), c.hospital(),
            ruleInWords(c) + ": due " + Formats.dateTime(c.dueAt()) + ", "
                + Formats.clock(Duration.between(p.at(), c.dueAt())),
            c.team() != null ? Teams.name(c.team()) : holderOf(p, c.referralId()), stepOf(p, c.referralId())))
        .toList();
  }

  String ruleInWords(OpenClock c) {
    return rules.ofClock(c.timerElementId()).orElse(c.rule());
  }

  private static String holderOf(Picture p, UUID referral) {
    return p.inHospital().stream().filter(h -> h.referralId().equals(referral)).findFirst()
        .map(h -> h.holder().name()).orElse("");
  }

  private static String stepOf(Picture p, UUID referral) {
    return p.inHospital().stream().filter(h -> h.referralId().equals(referral)).findFirst()
        .map(InHospital::step).orElse("");
  }

  Picture picture() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, Formats.LONDON);
    PatientHolders.Facts holders = this.holders.ofOpenReferrals();
    List<InHospital> inHospital = db.sql("""
            with open_referral as (
              select r.*,
                     greatest(r.admitted_at, (select max(m.readmitted_at) from readmission m
                                              where m.referral_id = r.id)) as admitted_latest,
                     case when c.present then c.discharge_ready_at else r.discharge_ready_at end as ready_at
              from referral r
              left join lateral (select true as present, x.discharge_ready_at from discharge_ready_change x
                                 where x.referral_id = r.id order by x.changed_at desc, x.id desc limit 1) c on true
              where r.status = 'OPEN')
            select o.id, o.nhs_number, o.given_name || ' ' || o.family_name, o.borough, o.hospital, o.ward,
                   o.admitted_latest, o.ready_at,
                   (select v.value from process_variable v where v.root_instance_key = o.process_instance_key
                      and v.name = 'pathway' order by (v.scope_key = v.root_instance_key) desc, v.updated_at desc
                      limit 1) as pathway
            from open_referral o
            where not exists (select 1 from discharge d where d.referral_id = o.id
                              and d.discharged_at >= o.admitted_latest)""")
        .query((rs, n) -> inHospital(rs, today, holders))
        .list();
    List<OpenClock> clocks = db.sql("""
            select r.id, r.nhs_number, r.given_name || ' ' || r.family_name, r.borough, r.hospital,
                   s.rule, s.timer_element_id, s.team, s.due_at, s.due_at <= ? or s.breached_at is not null
            from sla_clock s
            left join referral r on r.process_instance_key = s.root_instance_key
            where s.ended_at is null and s.due_at <= ?""")
        .params(Timestamp.from(now), Timestamp.from(now.plus(DUE_SOON)))
        .query((rs, n) -> new OpenClock(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getTimestamp(9).toInstant(), rs.getBoolean(10)))
        .list();
    List<OpenIncident> incidents = db.sql("""
            select r.id, r.nhs_number, r.given_name || ' ' || r.family_name, r.borough, r.hospital,
                   coalesce(pe.name, i.element_id), i.created_at
            from incident i
            left join referral r on r.process_instance_key = i.root_instance_key
            left join process_instance pi on pi.instance_key = i.instance_key
            left join process_element pe on pe.definition_key = pi.definition_key and pe.element_id = i.element_id
            where i.state = 'ACTIVE'
            order by i.created_at""")
        .query((rs, n) -> new OpenIncident(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
        .list();
    return new Picture(now, inHospital, clocks, incidents);
  }

  private InHospital inHospital(ResultSet rs, LocalDate today, PatientHolders.Facts holders) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    Instant admitted = rs.getTimestamp(7).toInstant();
    Timestamp ready = rs.getTimestamp(8);
    Integer sinceReady = ready == null ? null
        : (int) Math.max(0, ChronoUnit.DAYS.between(LocalDate.ofInstant(ready.toInstant(), Formats.LONDON), today));
    int stay = (int) ChronoUnit.DAYS.between(LocalDate.ofInstant(admitted, Formats.LONDON), today);
    String step = holders.steps().getOrDefault(id, "");
    return new InHospital(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        admitted, ready == null ? null : ready.toInstant(), pathway(rs.getString(9)), stay, sinceReady,
        holders.of(id), step);
  }

  static String pathway(String json) {
    if (json == null) {
      return NOT_DECIDED;
    }
    String digits = json.replaceAll("[^0-9]", "");
    return digits.length() == 1 ? "Pathway " + digits : NOT_DECIDED;
  }
}
