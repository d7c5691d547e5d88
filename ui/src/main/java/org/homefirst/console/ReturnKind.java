package org.homefirst.console;

import java.time.LocalDate;

/** The returns the console computes and freezes; the name is what a submission stores. */
enum ReturnKind {
  DRD_DELAY("Discharge ready date delay (acute, adults)"),
  CHC("NHS Continuing Healthcare: 28 days, DST setting, Fast Track"),
  STILL_AT_HOME_91("Still at home 91 days after reablement (65+)"),
  FLOW("Discharge flow: pathway mix, readmissions, timing");

  private final String label;

  ReturnKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /**
   * The period a manager most likely wants: the last full month; for CHC the last full quarter (the
   * national collection is quarterly); for the 91-day measure the latest quarter whose day-91
   * checks are all due by today.
   */
  ReturnPeriod defaultPeriod(LocalDate today) {
    return switch (this) {
      case CHC -> ReturnPeriod.lastQuarter(today);
      case STILL_AT_HOME_91 -> {
        ReturnPeriod q = ReturnPeriod.lastQuarter(today);
        while (q.to().plusDays(91).isAfter(today)) {
          q = ReturnPeriod.lastQuarter(q.from());
        }
        yield q;
      }
      default -> ReturnPeriod.lastMonth(today);
    };
  }

  /** CHC cases are not recorded by pathway or hospital stay, so those parts of a scope do not apply. */
  boolean byPathway() {
    return this != CHC;
  }
}
