package org.homefirst.delay;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.audit.AuditLog;
import org.homefirst.base.PlainText;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.FormDefinition;
import org.homefirst.journey.JourneyLog;
import org.operaton.bpm.engine.OptimisticLockingException;
import org.operaton.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delays to a patient's discharge, each with a reason and an attribution (NHS, social care or
 * both; acute or non-acute), as the delayed-days metrics need them. The reasons are the options of
 * the {@code homefirst:record-delay} form, so the inbox, the engine task and this table agree.
 * Each delay is stored, written on the journey, and sent to the journey as message
 * {@code homefirst.delay-reported}.
 */
@Service
public class Delays {

  public static final String FORM_KEY = "homefirst:record-delay";
  private static final Logger log = LoggerFactory.getLogger(Delays.class);

  private final JdbcClient db;
  private final JourneyLog journey;
  private final AuditLog audit;
  private final RuntimeService engine;
  private final Clock clock;
  private final FormDefinition form;

  Delays(JdbcClient db, JourneyLog journey, AuditLog audit, RuntimeService engine, Clock clock, FormCatalog forms) {
    this.db = db;
    this.journey = journey;
    this.audit = audit;
    this.engine = engine;
    this.clock = clock;
    this.form = forms.of(FORM_KEY).orElseThrow(() -> new IllegalStateException("forms/record-delay.json is missing"));
  }

  /** The delay form (reason, attribution, setting) with its options. */
  public FormDefinition form() {
    return form;
  }

  /** Field errors of a delay (empty when valid). */
  public Map<String, String> problems(String reason, String attribution, String setting, String note) {
    Map<String, String> errors = new LinkedHashMap<>();
    check(errors, "delayReason", reason);
    check(errors, "delayAttribution", attribution);
    check(errors, "delaySetting", setting);
    if (note != null && note.length() > 2000) {
      errors.put("delayNote", "the note must be at most 2000 characters");
    } else if (PlainText.problemInText(note, "the note") != null) {
      errors.put("delayNote", PlainText.problemInText(note, "the note"));
    }
    return errors;
  }

  /** The codes a field of the delay form accepts (what the API takes). */
  public List<String> codes(String field) {
    return form.field(field).map(f -> f.options().stream().map(o -> String.valueOf(o.value())).toList())
        .orElse(List.of());
  }

  private void check(Map<String, String> errors, String field, String value) {
    FormDefinition.Field f = form.field(field).orElseThrow();
    if (value == null || f.option(value).isEmpty()) {
      errors.put(field, "choose a " + f.label().toLowerCase());
    }
  }

  /**
   * Stores a valid delay (callers check permission and {@link #problems}) and tells the journey.
   * Call it in a transaction given again while the journey is busy ({@code WhileBusy}): the row,
   * the journey entry, the audit and the message then commit together, once. Returns its id.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long record(UUID referralId, Long taskKey, String elementId, String actor,
      String reason, String attribution, String setting, String note) {
    Long id =
        db.sql(
                """
                insert into delay (referral_id, task_key, reason, attribution, setting, note, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(referralId, taskKey, reason, attribution, setting, blankToNull(note), actor, Timestamp.from(clock.instant()))
            .query(Long.class)
            .single();
    String words = label("delayReason", reason) + " · " + label("delayAttribution", attribution) + " · "
        + label("delaySetting", setting) + (blankToNull(note) == null ? "" : " · " + note);
    journey.record(referralId, "DELAY_RECORDED", elementId, actor, words);
    audit.record(actor, AuditLog.Action.RECORD_DELAY, referralId, taskKey, words);
    tellJourney(referralId, reason, attribution, setting);
    return id;
  }

  public List<Delay> of(UUID referralId) {
    return db.sql("select * from delay where referral_id = ? order by recorded_at, id")
        .param(referralId)
        .query(
            (rs, n) ->
                new Delay(
                    rs.getLong("id"),
                    rs.getTimestamp("recorded_at").toInstant(),
                    rs.getString("recorded_by"),
                    label("delayReason", rs.getString("reason")),
                    label("delayAttribution", rs.getString("attribution")),
                    label("delaySetting", rs.getString("setting")),
                    rs.getString("note")))
        .list();
  }

  public String label(String field, String value) {
    return form.field(field).flatMap(f -> f.option(value)).map(FormDefinition.Option::label).orElse(value);
  }

  private void tellJourney(UUID referralId, String reason, String attribution, String setting) {
    try {
      engine.createMessageCorrelation("homefirst.delay-reported")
          .processInstanceBusinessKey(referralId.toString())
          .setVariables(Map.of("delayReason", reason, "delayAttribution", attribution, "delaySetting", setting))
          .correlateAllWithResult();
    } catch (OptimisticLockingException busy) {
      // Another step of the journey committed meanwhile: the caller gives the whole command again.
      throw busy;
    } catch (RuntimeException e) {
      // The delay is stored and on the journey; the engine copy is a convenience for the model.
      log.warn("Could not tell the journey of referral {} about a delay: {}", referralId, e.getMessage());
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** A recorded delay as people read it. */
  public record Delay(
      long id, java.time.Instant at, String by, String reason, String attribution, String setting, String note) {}
}
