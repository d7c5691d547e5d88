package org.homefirst.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.homefirst.delay.Delays;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Borough;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Delayed days from the daily census ({@link DelayCensus}): per day and month, by national reason
 * group, local reason, attribution, setting, borough and provider, the patients behind each
 * figure, and delayed days per 100,000 adults (18+) per borough and month.
 *
 * <p>Per 100,000: each day's delayed days divided by the population estimate in force that day,
 * times 100,000, summed over the month, so an estimate that changes mid-month is honoured; a
 * period's figure is the sum of its monthly rates (docs/domain.md). Full precision in the
 * arithmetic; rounded to one decimal only for display ({@link #rounded}).
 */
@Service
public class DelayMeasures {

  /** The adult population the per-100,000 rate divides by. */
  static final String ADULTS = "18+";
  static final String NOT_RECORDED = "Reason not recorded";
  private static final BigDecimal HUNDRED_THOUSAND = BigDecimal.valueOf(100_000);

  /** Census dates from..to (inclusive), one borough or all (null). */
  public record Scope(LocalDate from, LocalDate to, String borough) {
    public Scope {
      Objects.requireNonNull(from);
      Objects.requireNonNull(to);
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("the period ends before it starts");
      }
    }
  }

  /** What delayed days are broken down by; each is a column of the census. */
  public enum By {
    REASON_GROUP("national_code", "National reason group"), REASON("reason", "Local reason"),
    ATTRIBUTION("attribution", "Attribution"), SETTING("setting", "Setting"), BOROUGH("borough", "Borough"),
    PROVIDER("provider", "Provider");

    final String column;
    private final String label;

    By(String column, String label) {
      this.column = column;
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Delayed days of one value of a breakdown; key null = not recorded. */
  public record Figure(String key, String label, long days) {}

  /** Delayed days of a national reason group by attribution. */
  public record GroupByAttribution(String code, String label, long nhs, long socialCare, long both, long notRecorded) {
    public long total() {
      return nhs + socialCare + both + notRecorded;
    }
  }

  public record DayFigure(LocalDate date, long days) {}

  public record MonthFigure(YearMonth month, String key, String label, long days) {}

  /** A population estimate used for some days of a month (from..to within the month). */
  public record Denominator(int population, LocalDate from, LocalDate to, String source) {}

  /**
   * A borough's month: delayed days, the rate per 100,000 (null when some delayed days fall on
   * days with no population estimate, counted in {@code daysWithoutEstimate}), and the estimates
   * in force during the month.
   */
  public record MonthRate(String borough, String boroughLabel, YearMonth month, long days, BigDecimal rate,
      List<Denominator> denominators, long daysWithoutEstimate) {}

  /** A patient behind a figure: delayed days in the period and the reason at their last one. */
  public record PatientDays(UUID referralId, String nhsNumber, String patient, String borough, long days,
      LocalDate lastDay, String reason, String attribution) {}

  /** How much of the period the census covers. */
  public record Coverage(long daysTaken, long daysInPeriod, LocalDate lastTaken) {}

  private final JdbcClient db;
  private final ConsoleAccess access;
  private final Delays delays;
  private final DelayCensus census;

  DelayMeasures(JdbcClient db, ConsoleAccess access, Delays delays, DelayCensus census) {
    this.db = db;
    this.access = access;
    this.delays = delays;
    this.census = census;
  }

  /** Delayed days per 100,000: days / population x 100,000, at full precision. */
  public static BigDecimal perHundredThousand(BigDecimal delayedDays, long population) {
    return delayedDays.multiply(HUNDRED_THOUSAND).divide(BigDecimal.valueOf(population), MathContext.DECIMAL128);
  }

  /** A rate as shown: one decimal, half up. */
  public static BigDecimal rounded(BigDecimal rate) {
    return rate == null ? null : rate.setScale(1, RoundingMode.HALF_UP);
  }

  /** The sum of monthly rates (the annual figure, or a period's); null if any month has none. */
  public static BigDecimal sumOfMonthlyRates(List<MonthRate> months) {
    BigDecimal sum = BigDecimal.ZERO;
    for (MonthRate m : months) {
      if (m.rate() == null) {
        return null;
      }
      sum = sum.add(m.rate());
    }
    return sum;
  }

  public List<Figure> by(TeamMember member, Scope scope, By by) {
    access.checkMayOpen(member, "delayed days by " + by.label().toLowerCase());
    return db.sql("select " + by.column + ", sum(days) from delay_census_tally t" + where("t", scope)
            + " group by 1 order by 2 desc, 1")
        .params(params(scope))
        .query((rs, n) -> new Figure(rs.getString(1), label(by, rs.getString(1)), rs.getLong(2)))
        .list();
  }

  public List<GroupByAttribution> byReasonGroupAndAttribution(TeamMember member, Scope scope) {
    access.checkMayOpen(member, "delayed days by reason group and attribution");
    Map<String, long[]> rows = new LinkedHashMap<>();
    db.sql("select national_code, attribution, sum(days) from delay_census_tally t" + where("t", scope)
            + " group by 1, 2 order by 1 nulls last")
        .params(params(scope))
        .query(rs -> {
          long[] row = rows.computeIfAbsent(Objects.toString(rs.getString(1), ""), k -> new long[4]);
          String attribution = rs.getString(2);
          int column = attribution == null ? 3 : switch (attribution) {
            case "nhs" -> 0;
            case "social-care" -> 1;
            case "both" -> 2;
            default -> 3;
          };
          row[column] += rs.getLong(3);
        });
    Map<String, String> groups = nationalGroups();
    return rows.entrySet().stream()
        .map(e -> new GroupByAttribution(e.getKey().isEmpty() ? null : e.getKey(),
            e.getKey().isEmpty() ? NOT_RECORDED : e.getKey() + " " + groups.getOrDefault(e.getKey(), ""),
            e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
        .toList();
  }

  public List<DayFigure> perDay(TeamMember member, Scope scope) {
    access.checkMayOpen(member, "delayed days per day");
    return db.sql("select census_date, sum(days) from delay_census_tally t" + where("t", scope)
            + " group by 1 order by 1")
        .params(params(scope))
        .query((rs, n) -> new DayFigure(rs.getObject(1, LocalDate.class), rs.getLong(2)))
        .list();
  }

  public List<MonthFigure> perMonth(TeamMember member, Scope scope, By by) {
    access.checkMayOpen(member, "delayed days per month");
    return db.sql("select cast(date_trunc('month', census_date) as date), " + by.column
            + ", sum(days) from delay_census_tally t" + where("t", scope) + " group by 1, 2 order by 1, 3 desc, 2")
        .params(params(scope))
        .query((rs, n) -> new MonthFigure(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getString(2),
            label(by, rs.getString(2)), rs.getLong(3)))
        .list();
  }

  /**
   * Delayed days per 100,000 adults for each borough (of the scope) and month of the period, with
   * the estimates used; months with no delayed day are there with 0.
   */
  public List<MonthRate> perHundredThousandAdults(TeamMember member, Scope scope) {
    access.checkMayOpen(member, "delayed days per 100,000 adults");
    // Delayed days per borough, month and estimate in force on each day (null: none in force).
    record Segment(String borough, YearMonth month, Long estimate, long days) {}
    List<Segment> segments = db.sql("""
            select t.borough, cast(date_trunc('month', t.census_date) as date), p.id, sum(t.days)
            from delay_census_tally t
            left join population_estimate p on p.borough = t.borough and p.age_band = :band
              and p.valid_from <= t.census_date and (p.valid_to is null or p.valid_to >= t.census_date)"""
            + where("t", scope) + " group by 1, 2, 3")
        .params(params(scope)).param("band", ADULTS)
        .query((rs, n) -> new Segment(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)),
            (Long) rs.getObject(3), rs.getLong(4)))
        .list();
    List<Estimate> estimates = db.sql("""
            select id, borough, population, valid_from, valid_to, source from population_estimate
            where age_band = ? and valid_from <= ? and (valid_to is null or valid_to >= ?) order by valid_from""")
        .params(ADULTS, scope.to(), scope.from())
        .query((rs, n) -> new Estimate(rs.getLong(1), rs.getString(2), rs.getInt(3),
            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6)))
        .list();
    Map<Long, Estimate> byId = new HashMap<>();
    estimates.forEach(e -> byId.put(e.id(), e));
    List<String> boroughs = scope.borough() != null ? List.of(scope.borough())
        : List.of(Borough.values()).stream().map(Borough::code).toList();
    List<MonthRate> rates = new ArrayList<>();
    for (String borough : boroughs) {
      for (YearMonth month = YearMonth.from(scope.from()); !month.isAfter(YearMonth.from(scope.to()));
          month = month.plusMonths(1)) {
        LocalDate first = max(month.atDay(1), scope.from());
        LocalDate last = min(month.atEndOfMonth(), scope.to());
        long days = 0;
        long withoutEstimate = 0;
        BigDecimal rate = BigDecimal.ZERO;
        for (Segment s : segments) {
          if (s.borough().equals(borough) && s.month().equals(month)) {
            days += s.days();
            if (s.estimate() == null) {
              withoutEstimate += s.days();
            } else {
              rate = rate.add(perHundredThousand(BigDecimal.valueOf(s.days()), byId.get(s.estimate()).population()));
            }
          }
        }
        List<Denominator> used = estimates.stream()
            .filter(e -> e.borough().equals(borough) && !e.from().isAfter(last)
                && (e.to() == null || !e.to().isBefore(first)))
            .map(e -> new Denominator(e.population(), max(e.from(), first), e.to() == null ? last : min(e.to(), last),
                e.source()))
            .toList();
        rates.add(new MonthRate(borough, boroughLabel(borough), month, days, withoutEstimate > 0 ? null : rate,
            used, withoutEstimate));
      }
    }
    return rates;
  }

  private record Estimate(long id, String borough, int population, LocalDate from, LocalDate to, String source) {}

  /**
   * The patients behind a figure (key null: the rows where that column is not recorded), most
   * delayed days first, as the member may see them; audited as a patient list.
   */
  public ConsoleAccess.Visible<PatientDays> patientsBehind(TeamMember member, Scope scope, By by, String key) {
    access.checkMayOpen(member, "patients behind delayed days");
    List<PatientDays> rows = db.sql("""
            select c.referral_id, r.nhs_number, r.given_name || ' ' || r.family_name, r.borough, count(*),
                   max(c.census_date),
                   (array_agg(c.reason order by c.census_date desc))[1],
                   (array_agg(c.attribution order by c.census_date desc))[1]
            from delay_census c join referral r on r.id = c.referral_id"""
            + where("c", scope) + " and c." + by.column
            + (key == null ? " is null" : " = :key")
            + " group by c.referral_id, r.nhs_number, r.given_name, r.family_name, r.borough"
            + " order by count(*) desc, max(c.census_date) desc, c.referral_id")
        .params(withKey(params(scope), key))
        .query((rs, n) -> new PatientDays(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getLong(5), rs.getObject(6, LocalDate.class), reasonLabel(rs.getString(7)),
            attributionLabel(rs.getString(8))))
        .list();
    String listing = "delayed days " + by.label().toLowerCase() + " " + label(by, key) + ", " + scope.from()
        + " to " + scope.to() + (scope.borough() == null ? "" : ", " + boroughLabel(scope.borough()));
    return access.patients(member, listing, rows, PatientDays::referralId);
  }

  /** Who is delayed now (by the census rule, at this moment), as the member may see them. */
  public ConsoleAccess.Visible<DelayCensus.Delayed> delayedNow(TeamMember member, String borough) {
    access.checkMayOpen(member, "patients delayed now");
    List<DelayCensus.Delayed> rows = census.now().stream()
        .filter(d -> borough == null || borough.equals(d.borough())).toList();
    return access.patients(member, "delayed now" + (borough == null ? "" : ", " + boroughLabel(borough)), rows,
        DelayCensus.Delayed::referralId);
  }

  public Coverage coverage(TeamMember member, Scope scope) {
    access.checkMayOpen(member, "delay census coverage");
    return db.sql("""
            select count(*) filter (where census_date between ? and ?), max(census_date) from delay_census_taken""")
        .params(scope.from(), scope.to())
        .query((rs, n) -> new Coverage(rs.getLong(1), scope.to().toEpochDay() - scope.from().toEpochDay() + 1,
            rs.getObject(2, LocalDate.class)))
        .single();
  }

  /** The label of a value of a breakdown, in the user's words. */
  public String label(By by, String key) {
    if (key == null) {
      return by == By.REASON_GROUP || by == By.REASON ? NOT_RECORDED : "Not recorded";
    }
    return switch (by) {
      case REASON_GROUP -> key + " " + nationalGroups().getOrDefault(key, "");
      case REASON -> reasonLabel(key);
      case ATTRIBUTION -> attributionLabel(key);
      case SETTING -> delays.label("delaySetting", key);
      case BOROUGH -> boroughLabel(key);
      case PROVIDER -> providerLabel(key);
    };
  }

  String reasonLabel(String reason) {
    return reason == null ? NOT_RECORDED : delays.label("delayReason", reason);
  }

  String attributionLabel(String attribution) {
    return attribution == null ? "Not recorded" : delays.label("delayAttribution", attribution);
  }

  static String boroughLabel(String code) {
    return Borough.ofCode(code).map(Borough::label).orElse(code);
  }

  static String providerLabel(String code) {
    return switch (code) {
      case "bhrut" -> "BHRUT (King George, Queen's)";
      case "barts" -> "Barts Health (Whipps Cross)";
      case "nelft" -> "NELFT (non-acute)";
      default -> code;
    };
  }

  private Map<String, String> nationalGroups() {
    Map<String, String> groups = new LinkedHashMap<>();
    db.sql("select distinct national_code, national_label from delay_reason_group order by 1")
        .query(rs -> {
          groups.putIfAbsent(rs.getString(1), rs.getString(2));
        });
    return groups;
  }

  private static String where(String alias, Scope scope) {
    return " where " + alias + ".census_date between :from and :to"
        + (scope.borough() == null ? "" : " and " + alias + ".borough = :borough");
  }

  private static Map<String, Object> params(Scope scope) {
    Map<String, Object> p = new HashMap<>();
    p.put("from", scope.from());
    p.put("to", scope.to());
    if (scope.borough() != null) {
      p.put("borough", scope.borough());
    }
    return p;
  }

  private static Map<String, Object> withKey(Map<String, Object> params, String key) {
    if (key != null) {
      params.put("key", key);
    }
    return params;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

}
