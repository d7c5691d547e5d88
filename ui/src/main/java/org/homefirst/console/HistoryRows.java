package org.homefirst.console;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rows of generated history, per table, in PostgreSQL's COPY text format (tab-separated, {@code \N}
 * for null), ready to stream. The tables are listed in an order that keeps foreign keys satisfied.
 */
final class HistoryRows {

  /** Table and the columns each row gives, in COPY order. */
  static final Map<String, String> COLUMNS = columns();

  private final Map<String, StringBuilder> tables = new LinkedHashMap<>();
  private final Map<String, Integer> counts = new LinkedHashMap<>();

  HistoryRows() {
    COLUMNS.keySet().forEach(t -> {
      tables.put(t, new StringBuilder(1 << 16));
      counts.put(t, 0);
    });
  }

  private static Map<String, String> columns() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("referral", "id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward, admitted_at,"
        + " discharge_ready_at, status, process_instance_key, created_at, created_by, closed_at");
    c.put("process_instance", "instance_key, root_instance_key, parent_instance_key, bpmn_process_id, definition_key,"
        + " version, state, started_at, ended_at");
    c.put("user_task", "task_key, instance_key, root_instance_key, element_instance_key, element_id, bpmn_process_id,"
        + " definition_key, candidate_groups, form_key, due_at, state, created_at, ended_at, assignee, claimed_at,"
        + " completed_by");
    c.put("step_duration", "activity_instance_id, root_instance_key, instance_key, bpmn_process_id, definition_key,"
        + " element_id, element_type, started_at, ended_at");
    c.put("sla_clock", "timer_key, referral_id, root_instance_key, instance_key, rule, timer_element_id,"
        + " attached_element_id, team, borough, hospital, started_at, due_at, breached_at, ended_at");
    c.put("discharge_ready_change", "referral_id, discharge_ready_at, changed_at");
    c.put("delay", "referral_id, task_key, reason, attribution, setting, note, recorded_by, recorded_at");
    c.put("discharge", "id, referral_id, discharged_at, discharge_ready_at, pathway, destination, out_of_hours, borough,"
        + " hospital, age_at_discharge, reablement, still_at_home_day_91");
    c.put("readmission", "referral_id, readmitted_at, discharge_id");
    c.put("chc_case", "referral_id, fast_track, referred_at, dst_setting, dst_at, decided_at, outcome, borough");
    c.put("delay_census", "census_date, referral_id, borough, hospital, provider, pathway, reason, national_code,"
        + " attribution, setting, days_since_ready");
    return c;
  }

  void add(String table, Object... values) {
    StringBuilder b = tables.get(table);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append('\t');
      }
      append(b, values[i]);
    }
    b.append('\n');
    counts.merge(table, 1, Integer::sum);
  }

  private static void append(StringBuilder b, Object v) {
    switch (v) {
      case null -> b.append("\\N");
      case String[] array -> b.append('{').append(String.join(",", array)).append('}');
      case Instant i -> b.append(i);
      case LocalDate d -> b.append(d);
      case UUID u -> b.append(u);
      // names and codes we generate hold no tab, newline or backslash
      default -> b.append(v);
    }
  }

  String text(String table) {
    return tables.get(table).toString();
  }

  int count(String table) {
    return counts.get(table);
  }

  long total() {
    return counts.values().stream().mapToLong(Integer::longValue).sum();
  }

  List<String> tables() {
    return new ArrayList<>(tables.keySet());
  }

  void clear() {
    tables.values().forEach(b -> b.setLength(0));
    counts.replaceAll((t, n) -> 0);
  }
}
