package org.homefirst.workers.council;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signed council callbacks already received ({@code council_callback_nonce}, migration
 * {@code V118}), so that one recorded on the wire and sent again within its replay window is
 * refused. A callback is known by its borough and signature, which covers its timestamp and body;
 * it is kept until its timestamp leaves the window, after which the timestamp check refuses it
 * anyway, and is removed as later callbacks arrive.
 */
public class CallbackNonces {

  private final JdbcClient db;

  public CallbackNonces(JdbcClient db) {
    this.db = db;
  }

  /**
   * Notes the callback; false if it was received before. The database decides (one row per
   * borough and signature), so two nodes receiving the same callback at once accept it once.
   */
  boolean firstTime(String borough, String signature, Instant expiresAt, Instant now) {
    db.sql("delete from council_callback_nonce where expires_at < ?").param(Timestamp.from(now)).update();
    return db.sql("""
            insert into council_callback_nonce (borough, signature, expires_at) values (?, ?, ?)
            on conflict do nothing""")
        .params(borough, signature, Timestamp.from(expiresAt))
        .update() == 1;
  }

  /** Forgets a callback whose handling failed on our side, so the council's retry is taken. */
  void forget(String borough, String signature) {
    db.sql("delete from council_callback_nonce where borough = ? and signature = ?").params(borough, signature).update();
  }

  /** How many callbacks are remembered (for tests). */
  int remembered() {
    return db.sql("select count(*) from council_callback_nonce").query(Integer.class).single();
  }
}
