package org.homefirst.benchmark;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The pathway 0 journey as its users see it: the user tasks in order, each with the values its form
 * sends (as in the application's FullJourneyTest). Between them the engine, the workers (hospital
 * requests, the discharge announcement, notifications) and the home-check timer do the rest.
 */
final class PathwayZero {

  /** A user task of the journey and the values its form sends. */
  record Step(String elementId, Supplier<Map<String, Object>> values) {}

  static final List<Step> STEPS = List.of(
      new Step("Task_Triage", () -> Map.of("fastTrack", false, "section117", false)),
      new Step("Task_ConfirmPathway", () -> Map.of("pathway", 0, "voluntarySupportWanted", false)),
      new Step("Task_PlanDischarge", () -> Map.of("plannedDischargeAt", "2026-11-23T11:00:00")),
      new Step("Task_ConfirmDischarge", () -> Map.of("dischargedAt", Instant.now().toString())),
      new Step("Task_HomeCheck", () -> Map.of("stillAtHome", true)));

  /** Barking and Dagenham patients at King George: the JAD team's work. */
  static final String BOROUGH = "lbbd";
  static final String HOSPITAL = "bhrut-kgh";
  static final String TEAM = "jad";

  private static final AtomicLong NEXT = new AtomicLong(100_000_000L + System.currentTimeMillis() % 700_000_000L);

  private PathwayZero() {}

  /** A new NHS number that passes the Modulus 11 check, unique in this JVM. */
  static String nhsNumber() {
    while (true) {
      String nine = String.format("%09d", NEXT.getAndIncrement() % 1_000_000_000L);
      int sum = 0;
      for (int i = 0; i < 9; i++) {
        sum += (nine.charAt(i) - '0') * (10 - i);
      }
      int check = 11 - sum % 11;
      if (check == 11) {
        check = 0;
      }
      if (check != 10) {
        return nine + check;
      }
    }
  }
}
