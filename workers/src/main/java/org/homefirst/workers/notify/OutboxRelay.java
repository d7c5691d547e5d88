package org.homefirst.workers.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.notify.GovUkNotify.Channel;
import org.homefirst.workers.notify.OutboxMessages.OutboxMessage;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends what waits in the outboxes ({@link OutboxMessages}) through GOV.UK Notify, a message at a
 * time, and records the outcome on its row:
 * <ul>
 *   <li>Notify took it: {@code SENT}, with {@code sent_at} and Notify's id;</li>
 *   <li>Notify down, slow or failing (after the adapter's own retries), or an answer we cannot
 *       read: stays {@code QUEUED} with the error, tried again after {@code retry-after} (doubled
 *       per attempt, at most an hour); this run stops, as the next messages would fare no better;</li>
 *   <li>after {@code max-attempts} such attempts: {@code FAILED}, logged as an error;</li>
 *   <li>Notify refuses the message (400: an address it will not send to, an unknown template):
 *       {@code FAILED} at once, logged as an error;</li>
 *   <li>Notify refuses our credentials (401/403): stays {@code QUEUED}, the attempt uncounted, the
 *       run stops and logs an error: the key needs fixing, not the message.</li>
 * </ul>
 * A message tried before is first looked up at Notify by its reference, so one whose first send
 * reached Notify (the answer lost, or the application stopped before recording it) is recorded,
 * not sent twice.
 */
class OutboxRelay implements AutoCloseable {

  /** What one run did. */
  record Run(int sent, int retrying, int failed) {}

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration LONGEST_RETRY_WAIT = Duration.ofHours(1);

  private final OutboxMessages messages;
  private final GovUkNotify notify;
  private final NotifyProperties properties;
  private final Clock clock;
  private final Duration lease;
  private final OncePerCluster cluster;
  private final AtomicBoolean running = new AtomicBoolean();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("notify-relay").daemon().factory());

  OutboxRelay(OutboxMessages messages, GovUkNotify notify, NotifyProperties properties, Clock clock,
      OncePerCluster cluster) {
    this.messages = messages;
    this.notify = notify;
    this.properties = properties;
    this.clock = clock;
    this.cluster = cluster;
    this.lease = lease(properties);
  }

  /**
   * Spring's schedule starts a run on the relay's own thread: a run can wait on Notify for
   * {@code attempts} x {@code timeout}, and the application's one scheduler thread also drives
   * the inbox's live refresh. A run still going when the next is due is left to finish.
   */
  @Scheduled(fixedDelayString = "${homefirst.partners.notify.relay-interval:PT30S}",
      initialDelayString = "${homefirst.partners.notify.relay-interval:PT30S}")
  public void trigger() {
    if (running.compareAndSet(false, true)) {
      thread.execute(() -> {
        try {
          // the claims already keep two relays off one message; the lock keeps them off Notify's rate limit
          cluster.run("notify-outbox-relay", OncePerCluster.AT_MOST, properties.relayInterval().dividedBy(2),
              this::run);
        } catch (RuntimeException e) {
          log.error("GOV.UK Notify outbox relay run failed; it runs again in {}", properties.relayInterval(), e);
        } finally {
          running.set(false);
        }
      });
    }
  }

  /** One run: up to {@code batch-size} messages. */
  Run run() {
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    for (int i = 0; i < properties.batchSize(); i++) {
      Instant now = clock.instant();
      Optional<OutboxMessage> claimed = messages.claim(now, now.plus(lease));
      if (claimed.isEmpty()) {
        break;
      }
      OutboxMessage message = claimed.get();
      try {
        UUID id = message.attempts() > 1 ? notify.sentEarlier(toNotify(message)).orElse(null) : null;
        if (id != null) {
          log.info("GOV.UK Notify already holds {} (id {}) from an earlier attempt: recorded, not sent again",
              message.reference(), id);
        } else {
          id = notify.send(toNotify(message));
        }
        messages.sent(message, id, clock.instant());
        sent++;
      } catch (NotifyRefused refused) {
        if (refused.credentials()) {
          messages.putBack(message, refused.getMessage());
          log.error("GOV.UK Notify refused our credentials; nothing is sent until homefirst.partners.notify.api-key "
              + "(HOMEFIRST_NOTIFY_API_KEY) is a valid key of the service: {}", refused.getMessage());
          break;
        }
        messages.failed(message, refused.getMessage());
        failed++;
        log.error("GOV.UK Notify refused {}; it is FAILED and will not be sent: {}", message.reference(),
            refused.getMessage());
      } catch (PartnerUnavailable | PartnerDataRejected fault) {
        if (message.attempts() >= properties.maxAttempts()) {
          messages.failed(message, fault.getMessage());
          failed++;
          log.error("GOV.UK Notify: giving up on {} after {} attempts; it is FAILED and will not be sent: {}",
              message.reference(), message.attempts(), fault.getMessage());
        } else {
          Duration wait = retryWait(message.attempts());
          messages.retryLater(message, fault.getMessage(), clock.instant().plus(wait));
          retrying++;
          log.warn("GOV.UK Notify: {} stays queued (attempt {} of {}), next try in {}: {}", message.reference(),
              message.attempts(), properties.maxAttempts(), wait, fault.getMessage());
        }
        if (fault instanceof PartnerUnavailable) {
          break;
        }
      }
    }
    return new Run(sent, retrying, failed);
  }

  private GovUkNotify.Message toNotify(OutboxMessage message) {
    if (message.channel() == Channel.SMS) {
      return new GovUkNotify.Message(Channel.SMS, message.recipient(), properties.smsTemplateId(),
          Map.of("body", message.body()), message.reference(), message.referralId());
    }
    return new GovUkNotify.Message(Channel.EMAIL, message.recipient(), properties.emailTemplateId(),
        Map.of("subject", message.subject(), "body", message.body()), message.reference(), message.referralId());
  }

  private Duration retryWait(int attempts) {
    Duration wait = properties.retryAfter().multipliedBy(1L << Math.min(attempts - 1, 20));
    return wait.compareTo(LONGEST_RETRY_WAIT) > 0 ? LONGEST_RETRY_WAIT : wait;
  }

  /**
   * How long a claim holds a message: twice the longest a look-up and a send can take together
   * (each up to {@code attempts} calls of {@code timeout} with the backoff between), so a slow
   * run keeps its message and a crashed one lets go of it.
   */
  static Duration lease(NotifyProperties p) {
    Duration oneCall = p.timeout().multipliedBy(p.attempts())
        .plus(p.backoff().multipliedBy((1L << Math.min(p.attempts() - 1, 20)) - 1));
    return oneCall.multipliedBy(4);
  }

  @Override
  public void close() {
    thread.shutdownNow();
    notify.close();
  }
}
