package org.homefirst.workers.partners;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.homefirst.workers.jobs.JourneyMessages;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a partner's decision on one of our requests to the journey waiting for it: the message
 * {@value #MESSAGE}, correlated to the wait whose local variable {@value #WAIT_VARIABLE} is the
 * request's key (the idempotency key of the call that made the referral, so each of a journey's
 * open requests waits for its own decision, ADR 0001 §3), carrying {@code partnerDecision}
 * ({@code accepted} | {@code rejected}) and, with a rejection, {@code rejectionReason} and
 * {@code rejectedBy}.
 *
 * <p>A decision is recorded on {@code partner_referral} once (the first word counts, whoever
 * brings it: the NELFT or council poller, a council's callback), then delivered. The engine keeps
 * no message for a journey not waiting yet (its request job still running, or retried after a
 * fault), and this process may have no engine at all (the worker process): such a decision stays
 * undelivered on its row and the next poll delivers it ({@link #deliverPending}).
 */
public class PartnerDecisions {

  public static final String MESSAGE = "homefirst.partner-decided";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";
  /** The local variable each wait for a decision declares (an input mapping from its request key). */
  public static final String WAIT_VARIABLE = "partnerRequestKey";

  private static final Logger log = LoggerFactory.getLogger(PartnerDecisions.class);

  private final PartnerReferrals referrals;
  private final PartnerExchanges exchanges;
  private final JourneyMessages messages;
  /** Requests whose journey was found not waiting: said once, not on every poll. */
  private final Set<String> toldNotWaiting = ConcurrentHashMap.newKeySet();

  /**
   * @param messages the engine's messages, or null in the worker process (decisions are recorded and
   *     left for the application's poll to deliver)
   */
  public PartnerDecisions(PartnerReferrals referrals, PartnerExchanges exchanges, JourneyMessages messages) {
    this.referrals = referrals;
    this.exchanges = exchanges;
    this.messages = messages;
  }

  /**
   * The decision a stored {@code partner_referral.status} means: {@code accepted} (accepted, in
   * progress, completed), {@code rejected} (rejected, or cancelled by the partner), or null while
   * the partner has not decided.
   */
  public static String decisionOf(String status) {
    return switch (status) {
      case "accepted", "in-progress", "completed" -> ACCEPTED;
      case "rejected", "cancelled" -> REJECTED;
      default -> null;
    };
  }

  /** Who decided, as the coordinator's decision task shows it. */
  public static String rejectedBy(PartnerReferral referral) {
    return referral.system().equals("nelft") ? "NELFT" : referral.system();
  }

  /**
   * A partner's decision on a referral still waiting for one, found by a poll ({@code found}: the
   * correlation id of the call that brought it, shown on the journey as a {@code decision}
   * exchange) or brought by a callback ({@code found} null: the callback is its own exchange).
   * Recorded once, then delivered if its journey waits.
   *
   * @param status the {@code partner_referral.status} the partner's answer means
   * @return false when the referral was no longer waiting (decided already, or withdrawn):
   *     nothing is recorded or delivered
   */
  public boolean decided(PartnerReferral waiting, String status, String reason, String found, String summary) {
    if (decisionOf(status) == null || !referrals.decide(waiting.idempotencyKey(), status, reason)) {
      return false;
    }
    if (found != null) {
      exchanges.record(new PartnerExchanges.Exchange(waiting.system(), "decision", waiting.idempotencyKey(), found,
          waiting.referralId(), 1, summary, 200, "ok", null, 0, exchanges.now()));
    }
    PartnerReferral decided = referrals.byKey(waiting.idempotencyKey()).orElseThrow();
    try {
      deliver(decided);
    } catch (RuntimeException e) {
      log.warn("{} {} of referral {} is recorded but the engine failed on message {} ({}); the next poll "
          + "delivers it", decided.system(), decisionOf(status), decided.downstreamId(), MESSAGE, e.getMessage());
    }
    return true;
  }

  /**
   * Delivers the decision of a decided referral to the wait for it and records that it did.
   *
   * @return false when nothing waits for it yet (or there is no engine here): it stays undelivered
   * @throws RuntimeException the engine failed (its database unreachable)
   */
  public boolean deliver(PartnerReferral decided) {
    String decision = decisionOf(decided.status());
    if (decision == null) {
      throw new IllegalStateException("referral " + decided.idempotencyKey() + " has no decision to deliver");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("partnerDecision", decision);
    if (decision.equals(REJECTED)) {
      String who = rejectedBy(decided);
      String reason = decided.statusReason();
      variables.put("rejectionReason", reason == null || reason.isBlank()
          ? who + (decided.status().equals("cancelled") ? " cancelled the request" : " rejected the request") : reason);
      variables.put("rejectedBy", who);
    }
    String key = decided.idempotencyKey();
    if (messages == null) {
      notWaiting(decided, decision, "no engine in this process");
      return false;
    }
    if (!messages.toWait(MESSAGE, WAIT_VARIABLE, key, variables)) {
      notWaiting(decided, decision, "its journey does not wait for it (yet)");
      return false;
    }
    referrals.delivered(key);
    toldNotWaiting.remove(key);
    log.info("{} {} referral {} (request {}): delivered {}", decided.system(), decision, decided.downstreamId(), key,
        MESSAGE);
    return true;
  }

  private void notWaiting(PartnerReferral decided, String decision, String why) {
    if (toldNotWaiting.add(decided.idempotencyKey())) {
      log.info("{} {} referral {} (request {}) is recorded but not delivered: {}; the next poll delivers it",
          decided.system(), decision, decided.downstreamId(), decided.idempotencyKey(), why);
    }
  }

  /**
   * Delivers the decisions recorded but not delivered for the systems matching
   * {@code systemPattern}. Stops at the first the engine fails on: the rest wait for the next run.
   *
   * @return how many it delivered
   */
  public int deliverPending(String systemPattern) {
    List<PartnerReferral> pending = referrals.undelivered(systemPattern);
    int delivered = 0;
    for (PartnerReferral decided : pending) {
      try {
        if (deliver(decided)) {
          delivered++;
        }
      } catch (RuntimeException e) {
        log.warn("{} decisions wait to be delivered: the engine failed on {} ({})", pending.size() - delivered,
            MESSAGE, e.getMessage());
        break;
      }
    }
    return delivered;
  }

  /**
   * What a request job does once the partner holds its referral. Refused in the partner's answer
   * to the request itself: recorded as delivered and thrown as the BPMN error
   * {@code homefirst.rejected}, which the model catches on the request. Otherwise nothing: the
   * journey only waits once this job completes, so a decision already recorded (a job run again
   * after the partner decided) is delivered by the next poll.
   *
   * @throws org.homefirst.workers.jobs.BpmnRefusal the refusal
   */
  public void onRequested(PartnerReferral referral) {
    if (REJECTED.equals(decisionOf(referral.status()))) {
      referrals.delivered(referral.idempotencyKey());
      throw PartnerRejection.of(rejectedBy(referral), referral.statusReason());
    }
  }
}
