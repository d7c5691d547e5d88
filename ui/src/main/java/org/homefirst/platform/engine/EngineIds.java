package org.homefirst.platform.engine;

import javax.sql.DataSource;
import org.operaton.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine's ids, drawn from a PostgreSQL sequence in blocks: numbers, so our tables keep their
 * {@code bigint} keys and URLs, and unique across every node of a cluster without the optimistic
 * locking conflicts of the engine's own table-based generator (a sequence never rolls back and
 * never blocks). Gaps are harmless.
 */
final class EngineIds implements IdGenerator {

  static final int BLOCK = 1000;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private long next;
  private long last = -1;

  EngineIds(DataSource dataSource, PlatformTransactionManager transactions) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public synchronized String getNextId() {
    if (next > last) {
      // Outside the caller's transaction: a failed command must not poison the next block.
      long start = ownTransaction.execute(status -> {
        jdbc.execute("create sequence if not exists homefirst_engine_id increment by " + BLOCK);
        return jdbc.queryForObject("select nextval('homefirst_engine_id')", Long.class);
      });
      next = start;
      last = start + BLOCK - 1;
    }
    return Long.toString(next++);
  }

  /** The number in an engine id ({@code 1234}, {@code key:3:1234}, {@code Task_X:1234}). */
  static long keyOf(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }

  static Long keyOrNull(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return keyOf(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
