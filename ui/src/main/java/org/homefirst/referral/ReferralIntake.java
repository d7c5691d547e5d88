package org.homefirst.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.homefirst.inbox.ReferralAccess;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyLog;
import org.homefirst.processes.ProcessVariables;
import org.homefirst.referral.ReferralValidation.ValidReferral;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives referrals and starts their journey on the engine. The referral row and the process
 * instance are created in one database transaction (the engine shares ours): if either fails,
 * neither remains. The journey's business key is the referral id.
 */
@Service
public class ReferralIntake {

  private static final Logger log = LoggerFactory.getLogger(ReferralIntake.class);

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final RuntimeService engine;
  private final SlaTargets clocks;
  private final JourneyLog journey;
  private final Clock clock;
  private final String processId;
  private final ReferralAccess access;
  private final IdentityService identity;
  private final Localities localities;

  ReferralIntake(
      JdbcClient db,
      TransactionTemplate tx,
      RuntimeService engine,
      SlaTargets clocks,
      JourneyLog journey,
      Clock clock,
      org.springframework.core.env.Environment env,
      ReferralAccess access,
      Localities localities,
      IdentityService identity) {
    this.db = db;
    this.localities = localities;
    this.identity = identity;
    this.access = access;
    this.tx = tx;
    this.engine = engine;
    this.clocks = clocks;
    this.journey = journey;
    this.clock = clock;
    this.processId = env.getProperty("homefirst.intake.process-id", "homefirst-discharge-journey");
  }

  /**
   * A referral from a member of staff (the refer page, the API). The duplicate refusal names the
   * patient's open referral only when the member may see it ({@link ReferralAccess}).
   *
   * @throws InvalidReferral naming each bad field
   * @throws DuplicateReferral if the patient already has an open referral
   * @throws EngineUnavailable if the journey could not be started (nothing is stored)
   */
  public Referral receive(ReferralRequest request, TeamMember member) {
    return receive(request, member, id -> { });
  }

  /**
   * As {@link #receive(ReferralRequest, TeamMember)}; {@code alsoInTransaction} runs first in the
   * transaction that stores the referral, with its new id (an API request's idempotency key).
   */
  Referral receive(ReferralRequest request, TeamMember member, Consumer<UUID> alsoInTransaction) {
    try {
      return receive(request, member.username(), processId, alsoInTransaction);
    } catch (DuplicateReferral duplicate) {
      if (duplicate.existingId() != null && !access.canSee(member, duplicate.existingId())) {
        access.refused(member, duplicate.existingId(), "refer a patient who already has an open referral");
        throw new DuplicateReferral(null);
      }
      throw duplicate;
    }
  }

  /**
   * A referral from the system itself (demo data, tests): the duplicate refusal
   * names the open referral.
   */
  public Referral receive(ReferralRequest request, String user) {
    return receive(request, user, processId);
  }

  /** As {@link #receive(ReferralRequest, String)}, starting the given journey model. */
  Referral receive(ReferralRequest request, String user, String journeyProcessId) {
    return receive(request, user, journeyProcessId, id -> { });
  }

  private Referral receive(ReferralRequest request, String user, String journeyProcessId,
      Consumer<UUID> alsoInTransaction) {
    ValidReferral r = ReferralValidation.validate(request, clock);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    long started;
    try {
      started = tx.execute(
          status -> {
            alsoInTransaction.accept(id);
            Optional<Localities.Placement> placed = localities.place(r.borough(), r.postcode());
            insert(id, r, placed.map(p -> p.locality().id()).orElse(null), user, now);
            journey.record(id, "REFERRAL_RECEIVED", user, r.ward() + ", " + r.hospital().label());
            placed.ifPresent(p -> journey.record(id, "LOCALITY_CHOSEN", user,
                "Community handoffs go to " + p.locality().name() + ": " + p.note() + "."));
            long instance = Long.parseLong(start(id, r, placed, user, journeyProcessId).getId());
            db.sql("update referral set process_instance_key = ? where id = ?").params(instance, id).update();
            return instance;
          });
    } catch (DuplicateKeyException e) {
      UUID existing = openReferralFor(r.nhsNumber().value()).orElse(null);
      throw new DuplicateReferral(existing);
    }
    log.info("Referral {} received from {}; journey {}", id, user, started);
    return find(id).orElseThrow();
  }

  /**
   * The referral when the member may see it, the look audited with {@code what} (e.g. "journey
   * page"); otherwise empty, whether it does not exist or is not theirs, and the refusal audited.
   */
  public Optional<Referral> open(TeamMember member, UUID id, String what) {
    Optional<Referral> referral = find(id).filter(found -> access.canSee(member, found.id()));
    if (referral.isPresent()) {
      access.viewed(member, id, what);
    } else {
      access.refused(member, id, what);
    }
    return referral;
  }

  /** Audits an attempt on an address that names no referral (not even an id). */
  public void refusedUnknown(TeamMember member, String notAnId, String what) {
    access.refused(member, notAnId, what);
  }

  /**
   * Where the patient lives and who takes their community handoffs, in words, e.g. "Home postcode
   * IG3 8AB · community handoffs: Seven Kings locality team"; empty when neither is known.
   */
  public Optional<String> homeAndLocality(Referral r) {
    String locality = r.locality() == null ? null : localities.locality(r.locality())
        .map(l -> Localities.TRIAGE.equals(l.id()) ? l.name() + " (no locality for this postcode yet)"
            : l.name() + " locality team").orElse(r.locality());
    if (r.postcode() == null && locality == null) {
      return Optional.empty();
    }
    return Optional.of((r.postcode() == null ? "No home postcode" : "Home postcode " + r.postcode())
        + (locality == null ? "" : " · community handoffs: " + locality));
  }

  public Optional<Referral> find(UUID id) {
    return db.sql("select * from referral where id = ?").param(id).query(ReferralIntake::map).optional();
  }

  Optional<UUID> openReferralFor(String nhsNumber) {
    return db.sql("select id from referral where nhs_number = ? and status = 'OPEN'")
        .param(nhsNumber)
        .query(UUID.class)
        .optional();
  }

  private void insert(UUID id, ValidReferral r, String locality, String user, Instant now) {
    db.sql(
            """
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough,
              hospital, ward, admitted_at, discharge_ready_at, status, created_at, created_by, postcode, locality)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
        .params(
            id,
            r.nhsNumber().value(),
            r.givenName(),
            r.familyName(),
            r.dateOfBirth(),
            r.borough().code(),
            r.hospital().code(),
            r.ward(),
            Timestamp.from(r.admittedAt()),
            r.dischargeReadyAt() == null ? null : Timestamp.from(r.dischargeReadyAt()),
            Timestamp.from(now),
            user,
            r.postcode(),
            locality)
        .update();
  }

  private ProcessInstance start(UUID id, ValidReferral r, Optional<Localities.Placement> placed, String user,
      String journeyProcessId) {
    // The targets in force now: this journey's clocks keep them whatever managers change later.
    Map<String, Object> variables = new HashMap<>(clocks.inForce());
    variables.put("referralId", id.toString());
    variables.put("nhsNumber", r.nhsNumber().value());
    variables.put("givenName", r.givenName());
    variables.put("familyName", r.familyName());
    variables.put("dateOfBirth", r.dateOfBirth().toString());
    variables.put("borough", r.borough().code());
    variables.put("hospital", r.hospital().code());
    variables.put(ProcessVariables.WARD_THERAPY_TEAM, r.hospital().therapyTeam());
    variables.put("ward", r.ward());
    variables.put("admittedAt", r.admittedAt().toString());
    variables.put("dischargeReadyAt", r.dischargeReadyAt() == null ? null : r.dischargeReadyAt().toString());
    variables.put("postcode", r.postcode());
    variables.put("locality", placed.map(p -> p.locality().id()).orElse(null));
    variables.put("localityTeam", placed.map(p -> p.locality().team()).orElse(null));
    try {
      return EngineUser.as(identity, user,
          () -> engine.startProcessInstanceByKey(journeyProcessId, id.toString(), variables));
    } catch (ProcessEngineException e) {
      throw new EngineUnavailable("the referral", e);
    }
  }

  static Referral map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Timestamp ready = rs.getTimestamp("discharge_ready_at");
    Timestamp closed = rs.getTimestamp("closed_at");
    return new Referral(
        rs.getObject("id", UUID.class),
        rs.getString("nhs_number"),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getDate("date_of_birth").toLocalDate(),
        Borough.ofCode(rs.getString("borough")).orElseThrow(),
        Hospital.ofCode(rs.getString("hospital")).orElseThrow(),
        rs.getString("ward"),
        rs.getTimestamp("admitted_at").toInstant(),
        ready == null ? null : ready.toInstant(),
        rs.getString("status"),
        rs.getObject("process_instance_key", Long.class),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        closed == null ? null : closed.toInstant(),
        rs.getString("postcode"),
        rs.getString("locality"));
  }
}
