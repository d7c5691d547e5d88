package org.homefirst.workers.partners;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a partner's decision on one of our requests to the journey waiting for it: the message
 * {@value #MESSAGE}, correlated by the request's key (the idempotency key of the call that made
 * the referral, so each of a journey's open requests waits for its own decision), carrying
 * {@code partnerDecision} ({@code accepted} | {@code rejected}) and, with a rejection,
 * {@code rejectionReason} and {@code rejectedBy}.
 *
 * <p>A decision is recorded on {@code partner_referral} once (the first word counts, whoever
 * brings it: the NELFT or council poller, a council's callback), then published. The message id
 * is {@code <key>-<decision>}, so publishing it again while the first is still buffered is
 * dropped by the engine, and the message lives for {@code timeToLive}, so a decision that arrives
 * before the journey has reached its wait is kept for it. A decision the engine did not take
 * (unreachable) stays undelivered on its row and is published by the next poll.
 */
public class PartnerDecisions {

  public static final String MESSAGE = "homefirst.partner-decided";
  public static final String ACCEPTED = "accepted";
  public static final String REJECTED = "rejected";

  private static final Logger log = LoggerFactory.getLogger(PartnerDecisions.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

  private final PartnerReferrals referrals;
  private final PartnerExchanges exchanges;
  private final ZeebeClient engine;
  private final Duration timeToLive;

  public PartnerDecisions(PartnerReferrals referrals, PartnerExchanges exchanges, ZeebeClient engine,
      Duration timeToLive) {
    this.referrals = referrals;
    this.exchanges = exchanges;
    this.engine = engine;
    this.timeToLive = timeToLive;
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
   * Recorded once, then published.
   *
   * @param status the {@code partner_referral.status} the partner's answer means
   * @return false when the referral was no longer waiting (decided already, or withdrawn):
   *     nothing is recorded or published
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
      log.warn("{} {} of referral {} is recorded but the engine did not take message {} ({}); the next poll "
          + "publishes it", decided.system(), decisionOf(status), decided.downstreamId(), MESSAGE, e.getMessage());
    }
    return true;
  }

  /**
   * Publishes the decision of a decided referral (again, if it was before) and records that it
   * reached the engine.
   *
   * @throws RuntimeException the engine did not take the message (unreachable, too slow)
   */
  public void deliver(PartnerReferral decided) {
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
    String messageId = decided.idempotencyKey() + "-" + decision;
    try {
      engine.newPublishMessageCommand()
          .messageName(MESSAGE)
          .correlationKey(decided.idempotencyKey())
          .messageId(messageId)
          .timeToLive(timeToLive)
          .variables(variables)
          .requestTimeout(PUBLISH_TIMEOUT)
          .send()
          .join();
      log.info("{} {} referral {} (request {}): published {}", decided.system(), decision, decided.downstreamId(),
          decided.idempotencyKey(), MESSAGE);
    } catch (ClientStatusException e) {
      if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      // the same decision is still buffered from an earlier publication: nothing to add
    }
    referrals.delivered(decided.idempotencyKey());
  }

  /**
   * Publishes the decisions recorded but not delivered (the engine was unreachable then) for the
   * systems matching {@code systemPattern}. Stops at the first the engine does not take: the rest
   * wait for the next run.
   *
   * @return how many it delivered
   */
  public int deliverPending(String systemPattern) {
    List<PartnerReferral> pending = referrals.undelivered(systemPattern);
    int delivered = 0;
    for (PartnerReferral decided : pending) {
      try {
        deliver(decided);
        delivered++;
      } catch (RuntimeException e) {
        log.warn("{} decisions wait to be published: the engine did not take {} ({})", pending.size() - delivered,
            MESSAGE, e.getMessage());
        break;
      }
    }
    return delivered;
  }

  /**
   * What a request job does once the partner holds its referral. Not decided yet: nothing (a
   * poll or a callback brings the decision). Refused in the partner's answer to the request
   * itself: recorded as delivered and thrown as the BPMN error {@code homefirst.rejected}, which
   * the model catches on the request. Accepted already (a job run again after the decision came):
   * published again, since the journey only waits for it once this job completes and the first
   * message may have outlived its time-to-live.
   *
   * @throws io.camunda.zeebe.spring.common.exception.ZeebeBpmnError the refusal
   */
  public void onRequested(PartnerReferral referral) {
    String decision = decisionOf(referral.status());
    if (REJECTED.equals(decision)) {
      referrals.delivered(referral.idempotencyKey());
      throw PartnerRejection.of(rejectedBy(referral), referral.statusReason());
    }
    if (ACCEPTED.equals(decision)) {
      deliver(referral);
    }
  }
}
