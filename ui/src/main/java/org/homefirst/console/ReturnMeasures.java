package org.homefirst.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.homefirst.base.Formats;

/**
 * The arithmetic of the returns, from the rows the fact tables give (one per discharge or CHC
 * case, with the day counts already taken in Europe/London dates by the query): every figure is
 * computed from exactly the rows kept as its basis, so a figure can always be traced to patients.
 */
final class ReturnMeasures {

  static final LocalTime MIDDAY = LocalTime.NOON;
  /** Normal discharge hours, as the discharge model's defaults (dischargeHoursFrom / To). */
  static final LocalTime HOURS_FROM = LocalTime.of(8, 0);
  static final LocalTime HOURS_TO = LocalTime.of(20, 0);
  static final List<String> DELAY_BANDS = List.of("0", "1", "2-3", "4-6", "7-13", "14-20", "21+");
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private ReturnMeasures() {}

  /** A discharge as the returns read it; readyAt, delayDays and the flags may be unknown (null). */
  record DischargeRow(long id, UUID referralId, Instant dischargedAt, Instant readyAt, Integer delayDays,
      Integer pathway, Boolean outOfHours, String borough, String hospital, int age, boolean reablement,
      Boolean stillAtHome, Instant readmittedAt, Integer readmittedAfterDays) {}

  /** A CHC case; decidedDays and daysAtEnd are calendar days (Europe/London) from the referral. */
  record ChcRow(long id, UUID referralId, boolean fastTrack, Instant referredAt, String dstSetting, Instant dstAt,
      Instant decidedAt, Integer decidedDays, int daysAtEnd, String borough) {}

  static String band(int days) {
    if (days <= 1) {
      return days <= 0 ? "0" : "1";
    }
    if (days <= 3) {
      return "2-3";
    }
    if (days <= 6) {
      return "4-6";
    }
    if (days <= 13) {
      return "7-13";
    }
    return days <= 20 ? "14-20" : "21+";
  }

  // ---------------------------------------------------------------- DRD delay

  static Result drdDelay(List<DischargeRow> adults) {
    List<DischargeRow> withDrd = adults.stream().filter(d -> d.readyAt() != null).toList();
    long onDrd = withDrd.stream().filter(d -> delay(d) == 0).count();
    List<DischargeRow> delayed = withDrd.stream().filter(d -> delay(d) > 0).toList();
    long delayedDays = delayed.stream().mapToLong(ReturnMeasures::delay).sum();
    String source = "NHS England, Discharge ready date submission (PRN00312) and New discharge ready date guidance";
    List<Figure> f = new ArrayList<>();
    f.add(Figure.count("drd.discharges", "Adult acute discharges in the period", adults.size(),
        "People aged 18 or over at discharge, discharged from an acute hospital in the period (Europe/London dates).",
        source));
    f.add(Figure.count("drd.without-drd", "Discharges without a discharge ready date (counted apart)",
        adults.size() - withDrd.size(),
        "Discharges with no discharge ready date in force when the patient left: listed, but in none of the "
            + "figures below.", source));
    f.add(Figure.percent("drd.on-drd", "Discharged on their discharge ready date", onDrd, withDrd.size(), null, null,
        "Discharges whose discharge date (Europe/London) is the discharge ready date in force when they left, of "
            + "those with one.", source));
    for (String band : DELAY_BANDS) {
      long n = withDrd.stream().filter(d -> band(delay(d)).equals(band)).count();
      f.add(Figure.percent("drd.band." + band, "Delay " + band + (band.equals("1") ? " day" : " days"), n,
          withDrd.size(), null, null,
          "Delay = discharge date minus the discharge ready date in force, in calendar days (Europe/London); "
              + "0 = left on the DRD. Bands as proposed nationally: to confirm.", source));
    }
    f.add(Figure.days("drd.mean-delayed", "Mean delay of those delayed", delayed.isEmpty() ? null
        : (double) delayedDays / delayed.size(),
        "Mean delay in days of the discharges that left after their discharge ready date.", source));
    f.add(Figure.days("drd.bcf-average", "Average length of discharge delay (BCF)", withDrd.isEmpty() ? null
        : (double) delayedDays / withDrd.size(),
        "Share discharged after their DRD x mean delay of those delayed = mean delay over all discharges with a "
            + "DRD. Formula to confirm with the BCF 2025-26 guidance.", "BCF 2025-26 planning requirements"));
    List<BasisRow> rows = adults.stream().map(d -> new BasisRow("discharge-" + d.id(), d.referralId(), values(
        "Discharged", local(d.dischargedAt()),
        "Discharge ready date", d.readyAt() == null ? "none" : date(d.readyAt()),
        "Delay (days)", d.readyAt() == null ? "" : String.valueOf(delay(d)),
        "Band", d.readyAt() == null ? "no DRD" : band(delay(d)),
        "Pathway", d.pathway() == null ? "" : String.valueOf(d.pathway()),
        "Borough", d.borough(), "Hospital", d.hospital(), "Age at discharge", String.valueOf(d.age())))).toList();
    return new Result(f, List.of(new Basis("Adult acute discharges",
        "Each adult discharge in the period with the discharge ready date in force and the delay.",
        List.of("Discharged", "Discharge ready date", "Delay (days)", "Band", "Pathway", "Borough", "Hospital",
            "Age at discharge"), rows)));
  }

  private static int delay(DischargeRow d) {
    // A discharge before the DRD in force (a DRD recorded late) is a discharge on time, not a negative delay.
    return Math.max(0, d.delayDays() == null ? 0 : d.delayDays());
  }

  // ---------------------------------------------------------------- CHC

  static Result chc(List<ChcRow> cases, Instant start, Instant end) {
    Predicate<Instant> inPeriod = at -> at != null && !at.isBefore(start) && at.isBefore(end);
    List<ChcRow> standardDone = cases.stream().filter(c -> !c.fastTrack() && inPeriod.test(c.decidedAt())).toList();
    long within28 = standardDone.stream().filter(c -> c.decidedDays() <= 28).count();
    List<ChcRow> incomplete = cases.stream().filter(c -> !c.fastTrack() && c.referredAt().isBefore(end)
        && (c.decidedAt() == null || !c.decidedAt().isBefore(end)) && c.daysAtEnd() > 28).toList();
    List<ChcRow> dsts = cases.stream().filter(c -> inPeriod.test(c.dstAt())).toList();
    List<ChcRow> dstsWithSetting = dsts.stream().filter(c -> c.dstSetting() != null).toList();
    long dstAcute = dstsWithSetting.stream().filter(c -> c.dstSetting().equals("acute")).count();
    List<ChcRow> fastTracks = cases.stream().filter(c -> c.fastTrack() && inPeriod.test(c.decidedAt())).toList();
    long fastWithin48 = fastTracks.stream().filter(ReturnMeasures::within48Hours).count();
    String source = "NHS England, NHS Continuing Healthcare quarterly statistics; National Framework 2022";
    List<Figure> f = new ArrayList<>();
    f.add(Figure.count("chc.standard-completed", "Standard referrals completed in the period", standardDone.size(),
        "Standard referrals (positive checklist, not Fast Track) with an ICB decision in the period.", source));
    f.add(Figure.percent("chc.within-28", "Standard referrals decided within 28 days", within28,
        standardDone.size(), "> 80%", standardDone.isEmpty() ? null : within28 * 100.0 / standardDone.size() > 80,
        "Decided on or before calendar day 28 after the referral (Europe/London dates): day 28 counts as within, "
            + "day 29 does not.", source));
    f.add(Figure.count("chc.incomplete-over-28", "Incomplete referrals over 28 days at the period end",
        incomplete.size(),
        "Standard referrals with no decision by the end of the period's last day, referred more than 28 days "
            + "before it.", source));
    f.add(Figure.percent("chc.dst-acute", "DSTs completed in an acute setting", dstAcute, dstsWithSetting.size(),
        "< 15%", dstsWithSetting.isEmpty() ? null : dstAcute * 100.0 / dstsWithSetting.size() < 15,
        "Decision Support Tools completed in the period in an acute hospital, of those whose setting is recorded "
            + "(quality premium below 15%; local ambition 80% outside hospital).", source));
    f.add(Figure.count("chc.dst-no-setting", "DSTs without a recorded setting (counted apart)",
        dsts.size() - dstsWithSetting.size(), "DSTs completed in the period whose setting was not recorded.",
        source));
    f.add(Figure.percent("chc.fast-track-48h", "Fast Track decided within 48 hours", fastWithin48,
        fastTracks.size(), "48 hours (local norm)", null,
        "Fast Track referrals decided in the period, at most 48 hours after the referral.", "docs/domain.md, local norm"));
    List<String> cols = List.of("Referred", "Decided", "Days to decision", "Within 28 days", "Borough");
    List<BasisRow> done = standardDone.stream().map(c -> new BasisRow("chc-" + c.id(), c.referralId(), values(
        "Referred", local(c.referredAt()), "Decided", local(c.decidedAt()),
        "Days to decision", String.valueOf(c.decidedDays()), "Within 28 days", c.decidedDays() <= 28 ? "yes" : "no",
        "Borough", c.borough()))).toList();
    List<BasisRow> open = incomplete.stream().map(c -> new BasisRow("chc-" + c.id(), c.referralId(), values(
        "Referred", local(c.referredAt()), "Days at period end", String.valueOf(c.daysAtEnd()),
        "Decided", c.decidedAt() == null ? "not yet" : local(c.decidedAt()), "Borough", c.borough()))).toList();
    List<BasisRow> dstRows = dsts.stream().map(c -> new BasisRow("chc-" + c.id(), c.referralId(), values(
        "DST completed", local(c.dstAt()), "Setting", c.dstSetting() == null ? "not recorded" : c.dstSetting(),
        "Borough", c.borough()))).toList();
    List<BasisRow> fast = fastTracks.stream().map(c -> new BasisRow("chc-" + c.id(), c.referralId(), values(
        "Referred", local(c.referredAt()), "Decided", local(c.decidedAt()),
        "Hours to decision", String.valueOf(java.time.Duration.between(c.referredAt(), c.decidedAt()).toHours()),
        "Within 48 hours", within48Hours(c) ? "yes" : "no", "Borough", c.borough()))).toList();
    return new Result(f, List.of(
        new Basis("Standard referrals completed", "Each standard referral decided in the period.", cols, done),
        new Basis("Incomplete over 28 days", "Each standard referral still without a decision at the period end.",
            List.of("Referred", "Days at period end", "Decided", "Borough"), open),
        new Basis("DSTs completed", "Each Decision Support Tool completed in the period and where.",
            List.of("DST completed", "Setting", "Borough"), dstRows),
        new Basis("Fast Track decided", "Each Fast Track referral decided in the period.",
            List.of("Referred", "Decided", "Hours to decision", "Within 48 hours", "Borough"), fast)));
  }

  private static boolean within48Hours(ChcRow c) {
    return !c.decidedAt().isAfter(c.referredAt().plus(java.time.Duration.ofHours(48)));
  }

  // ---------------------------------------------------------------- still at home on day 91

  static Result stillAtHome(List<DischargeRow> olderIntoReablement) {
    long atHome = olderIntoReablement.stream().filter(d -> Boolean.TRUE.equals(d.stillAtHome())).count();
    long known = olderIntoReablement.stream().filter(d -> d.stillAtHome() != null).count();
    String source = "ASCOF 2B(1), SALT guidance STS004; BCF";
    List<Figure> f = new ArrayList<>();
    f.add(Figure.count("home91.discharges", "People 65+ discharged into reablement or rehabilitation",
        olderIntoReablement.size(),
        "Aged 65 or over at discharge, discharged in the period into reablement or rehabilitation.", source));
    f.add(Figure.percent("home91.at-home", "Still at home 91 days after discharge", atHome, known, "84-92% (local)",
        null, "At home on day 91, of those whose day-91 check is done (death, hospital or a care home count as "
            + "not at home).", source));
    f.add(Figure.count("home91.unknown", "Day-91 check not yet due or not done (counted apart)",
        olderIntoReablement.size() - known,
        "Not in the share above until the check is recorded: the figure is provisional while this is not zero.",
        source));
    List<BasisRow> rows = olderIntoReablement.stream().map(d -> new BasisRow("discharge-" + d.id(), d.referralId(),
        values("Discharged", local(d.dischargedAt()), "Age at discharge", String.valueOf(d.age()),
            "At home on day 91", d.stillAtHome() == null ? "unknown" : d.stillAtHome() ? "yes" : "no",
            "Pathway", d.pathway() == null ? "" : String.valueOf(d.pathway()), "Borough", d.borough()))).toList();
    return new Result(f, List.of(new Basis("Discharges into reablement, 65+",
        "Each person 65+ discharged into reablement in the period and their day-91 outcome.",
        List.of("Discharged", "Age at discharge", "At home on day 91", "Pathway", "Borough"), rows)));
  }

  // ---------------------------------------------------------------- flow

  /** Pathway shares expected nationally (docs/domain.md): at least 50, about 45, at most 4, at most 1. */
  static final List<String> EXPECTED_PATHWAY_SHARE = List.of(">= 50%", "about 45%", "<= 4%", "<= 1%");

  static Result flow(List<DischargeRow> discharges) {
    String source = "SAFER patient flow bundle; docs/domain.md";
    List<Figure> f = new ArrayList<>();
    f.add(Figure.count("flow.discharges", "Discharges in the period", discharges.size(),
        "Every discharge in the period (Europe/London dates), any age.", source));
    List<DischargeRow> withPathway = discharges.stream().filter(d -> d.pathway() != null).toList();
    for (int p = 0; p <= 3; p++) {
      int pathway = p;
      long n = withPathway.stream().filter(d -> d.pathway() == pathway).count();
      Double share = withPathway.isEmpty() ? null : n * 100.0 / withPathway.size();
      Boolean met = share == null ? null : switch (p) {
        case 0 -> share >= 50;
        case 2 -> share <= 4;
        case 3 -> share <= 1;
        default -> null;
      };
      f.add(Figure.percent("flow.pathway." + p, "Pathway " + p, n, withPathway.size(), EXPECTED_PATHWAY_SHARE.get(p),
          met, "Discharges on pathway " + p + ", of those with a pathway recorded; expected split of the national "
              + "discharge guidance.", "Hospital discharge and community support guidance (2024); docs/domain.md"));
    }
    f.add(Figure.count("flow.pathway.none", "Discharges without a pathway recorded (counted apart)",
        discharges.size() - withPathway.size(), "Not in the pathway mix above.", source));
    long readmitted = discharges.stream().filter(ReturnMeasures::readmittedWithin30).count();
    f.add(Figure.percent("flow.readmitted-30", "Readmitted within 30 days", readmitted, discharges.size(), null, null,
        "Discharges followed by a readmission of the same patient on or before calendar day 30 after the discharge "
            + "date (Europe/London; day 30 counts, day 31 does not). Local definition: every recorded readmission "
            + "counts as an emergency one.", "local"));
    long midday = discharges.stream().filter(d -> time(d).isBefore(MIDDAY)).count();
    f.add(Figure.percent("flow.before-midday", "Discharged before midday", midday, discharges.size(), null, null,
        "Left before 12:00 Europe/London time.", source));
    long weekend = discharges.stream().filter(ReturnMeasures::weekend).count();
    f.add(Figure.percent("flow.weekend", "Discharged at a weekend", weekend, discharges.size(), null, null,
        "Left on a Saturday or Sunday (Europe/London).", source));
    long ooh = discharges.stream().filter(ReturnMeasures::outOfHours).count();
    f.add(Figure.percent("flow.out-of-hours", "Discharged out of hours", ooh, discharges.size(), null, null,
        "As recorded when the discharge was planned; where not recorded, left before 08:00 or from 20:00 "
            + "Europe/London time (the discharge model's default hours).", "docs/domain.md: avoid out-of-hours "
            + "discharges"));
    List<BasisRow> rows = discharges.stream().map(d -> new BasisRow("discharge-" + d.id(), d.referralId(), values(
        "Discharged", local(d.dischargedAt()), "Pathway", d.pathway() == null ? "" : String.valueOf(d.pathway()),
        "Before midday", yes(time(d).isBefore(MIDDAY)), "Weekend", yes(weekend(d)),
        "Out of hours", yes(outOfHours(d)) + (d.outOfHours() == null ? " (by the clock)" : ""),
        "Readmitted", d.readmittedAt() == null ? "" : local(d.readmittedAt()) + " (day " + d.readmittedAfterDays() + ")",
        "Within 30 days", yes(readmittedWithin30(d)), "Borough", d.borough(), "Hospital", d.hospital()))).toList();
    return new Result(f, List.of(new Basis("Discharges",
        "Each discharge in the period with its pathway, timing and any readmission.",
        List.of("Discharged", "Pathway", "Before midday", "Weekend", "Out of hours", "Readmitted", "Within 30 days",
            "Borough", "Hospital"), rows)));
  }

  static boolean readmittedWithin30(DischargeRow d) {
    return d.readmittedAfterDays() != null && d.readmittedAfterDays() <= 30;
  }

  static boolean weekend(DischargeRow d) {
    DayOfWeek day = d.dischargedAt().atZone(Formats.LONDON).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  static boolean outOfHours(DischargeRow d) {
    if (d.outOfHours() != null) {
      return d.outOfHours();
    }
    LocalTime t = time(d);
    return t.isBefore(HOURS_FROM) || !t.isBefore(HOURS_TO);
  }

  private static LocalTime time(DischargeRow d) {
    return d.dischargedAt().atZone(Formats.LONDON).toLocalTime();
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }

  static String local(Instant at) {
    return at == null ? "" : LOCAL.format(ZonedDateTime.ofInstant(at, Formats.LONDON));
  }

  static String date(Instant at) {
    return LocalDate.ofInstant(at, Formats.LONDON).toString();
  }

  private static Map<String, String> values(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
    }
    return m;
  }

  static Double round1(Double v) {
    return v == null ? null : BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).doubleValue();
  }

  /** Figures and the patient-level rows they were computed from. */
  record Result(List<Figure> figures, List<Basis> bases) {}
}
