package org.homefirst.referral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key} of API writes: per caller, the request it was first used with (as a
 * hash) and the answer given. The key is recorded in the transaction of the action, first, so a
 * concurrent request with the same key waits there and then finds it taken: the action happens
 * once. Keys are the caller's (two callers may use the same key).
 */
@Component
class IdempotencyKeys {

  /** An answer given to a request with a key. */
  record Answer(String requestHash, int status, String location, String body) {}

  /** A key is 1 to 255 visible ASCII characters (a UUID is a good one). */
  static boolean wellFormed(String key) {
    return key != null && key.matches("[\\x21-\\x7E]{1,255}");
  }

  private final JdbcClient db;
  private final Clock clock;

  IdempotencyKeys(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  Optional<Answer> answered(String caller, String key) {
    return db.sql("select request_hash, status, location, body from api_idempotency_key"
            + " where caller = ? and idempotency_key = ?")
        .params(caller, key)
        .query((rs, n) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
        .optional();
  }

  /**
   * Records the key with its answer, in the caller's transaction. If a request with the same key
   * committed meanwhile (or is committing: the insert waits for it), nothing is recorded and
   * {@link Taken} is thrown, so the action of this transaction is rolled back with it.
   */
  void record(String caller, String key, String requestHash, Answer answer, UUID referralId) {
    int inserted = db.sql("""
            insert into api_idempotency_key (caller, idempotency_key, request_hash, status, location, body,
              referral_id, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
        .params(caller, key, requestHash, answer.status(), answer.location(), answer.body(), referralId,
            Timestamp.from(clock.instant()))
        .update();
    if (inserted == 0) {
      throw new Taken();
    }
  }

  /** The request as hashed: what it asks, where, with which body. */
  static String hash(String method, String path, String body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update((body == null ? "" : body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The key was used by a request that committed first. */
  static class Taken extends RuntimeException {
    Taken() {
      super("Idempotency-Key already used", null, false, false);
    }
  }
}
