package org.homefirst.console;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes plausible completed journeys straight into the console's fact tables and the rows that
 * make them real patients (see {@link HistoryJourneys} for what a journey holds), so the console
 * has a history to show: a few months for the demo, a million referrals for the benchmark. Rows
 * are streamed with COPY in batches of {@value #BATCH} referrals, each batch committed; engine keys
 * are negative, from a sequence of their own ({@code homefirst_history_key}, stepping down in blocks,
 * made on first use), so they never meet the engine's (positive) nor each other's. Generated
 * referrals are marked {@code created_by = 'history-generator'}. Never called in production
 * unless someone asks for it.
 */
@Component
public class HistoryGenerator {

  static final int BATCH = 5000;

  /** Referrals created from {@code from} (inclusive) and discharged before {@code to} (exclusive, Europe/London). */
  public record Plan(LocalDate from, LocalDate to, int referrals, long seed) {}

  /** What was written: referrals, rows per table, and how long it took. */
  public record Generated(int referrals, Map<String, Long> rows, Duration took) {
    public long totalRows() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final DataSource dataSource;
  private final JdbcClient db;

  HistoryGenerator(DataSource dataSource, JdbcClient db) {
    this.dataSource = dataSource;
    this.db = db;
  }

  /** Whether generated history is already there. */
  public boolean exists() {
    return db.sql("select exists (select 1 from referral where created_by = ?)").param(HistoryJourneys.CREATED_BY)
        .query(Boolean.class).single();
  }

  public Generated generate(Plan plan) {
    if (!plan.to().isAfter(plan.from()) || plan.referrals() < 0) {
      throw new IllegalArgumentException("a history needs a period that ends after it starts: " + plan);
    }
    long began = System.nanoTime();
    Map<String, Long> written = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        // Nodes of a cluster starting together: one generates, the others wait and then find it there.
        // (Two statements: the second's snapshot, taken after the lock, sees the other node's rows.)
        try (Statement s = c.createStatement()) {
          s.execute("select pg_advisory_xact_lock(hashtext('homefirst-history'))");
        }
        try (Statement s = c.createStatement();
            var there = s.executeQuery("select exists (select 1 from referral where created_by = '"
                + HistoryJourneys.CREATED_BY + "')")) {
          there.next();
          if (there.getBoolean(1)) {
            c.commit();
            return new Generated(0, Map.of(), Duration.ofNanos(System.nanoTime() - began));
          }
        }
        try (Statement s = c.createStatement()) {
          s.execute("create sequence if not exists homefirst_history_key increment by -" + HistoryJourneys.KEY_BLOCK
              + " minvalue -9223372036854775807 maxvalue -1 start with -1");
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        HistoryRows rows = new HistoryRows();
        HistoryJourneys journeys = new HistoryJourneys(plan.seed(), plan.from(), plan.to(), definitions(c),
            new Blocks(c, "select nextval('homefirst_history_key')", HistoryJourneys.KEY_BLOCK, true),
            new Blocks(c, "select nextval('discharge_id_seq') from generate_series(1, 1000)", 1000, false), rows);
        int made = 0;
        long tries = 0;
        while (made < plan.referrals()) {
          if (++tries > 20L * plan.referrals() + 100) {
            throw new IllegalStateException("the period " + plan.from() + " to " + plan.to()
                + " is too short for journeys that end before it does");
          }
          if (journeys.next()) {
            made++;
            if (made % BATCH == 0) {
              flush(c, copy, rows, written);
            }
          }
        }
        flush(c, copy, rows, written);
        try (Statement s = c.createStatement()) {
          for (String table : HistoryRows.COLUMNS.keySet()) {
            s.execute("analyze " + table);
          }
        }
        c.commit();
        return new Generated(made, written, Duration.ofNanos(System.nanoTime() - began));
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e instanceof RuntimeException r ? r : new IllegalStateException("generating history failed", e);
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("generating history failed", e);
    }
  }

  private static void flush(Connection c, CopyManager copy, HistoryRows rows, Map<String, Long> written)
      throws SQLException, IOException {
    for (String table : rows.tables()) {
      if (rows.count(table) > 0) {
        copy.copyIn("copy " + table + " (" + HistoryRows.COLUMNS.get(table) + ") from stdin",
            new StringReader(rows.text(table)));
        written.merge(table, (long) rows.count(table), Long::sum);
      }
    }
    rows.clear();
    c.commit();
  }

  /** The latest deployed definition of each model, so generated rows point at diagrams that exist. */
  private static Map<String, Long> definitions(Connection c) throws SQLException {
    Map<String, Long> keys = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "select distinct on (bpmn_process_id) bpmn_process_id, definition_key from process_definition"
            + " order by bpmn_process_id, version desc")) {
      while (r.next()) {
        keys.put(r.getString(1), r.getLong(2));
      }
    }
    return keys;
  }

  /**
   * Numbers taken from the database in blocks: the history's keys (one negative value stands for
   * a block below it) or the discharge ids (a list of values).
   */
  private static final class Blocks implements LongSupplier {
    private final Connection c;
    private final String sql;
    private final int size;
    private final boolean block;
    private final Deque<Long> next = new ArrayDeque<>();

    Blocks(Connection c, String sql, int size, boolean block) {
      this.c = c;
      this.sql = sql;
      this.size = size;
      this.block = block;
    }

    @Override
    public long getAsLong() {
      if (next.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
          while (r.next()) {
            long v = r.getLong(1);
            if (block) {
              for (int i = 0; i < size; i++) {
                next.add(v - i);
              }
            } else {
              next.add(v);
            }
          }
        } catch (SQLException e) {
          throw new IllegalStateException("no more numbers for the history", e);
        }
      }
      return next.removeFirst();
    }
  }
}
