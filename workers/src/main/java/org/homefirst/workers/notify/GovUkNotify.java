package org.homefirst.workers.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.homefirst.workers.partners.PartnerAnswers;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.service.notify.Notification;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;

/**
 * The one adapter to GOV.UK Notify, through which NHS organisations send e-mails and text
 * messages, over Notify's official Java client ({@code uk.gov.service.notify:notifications-java-client},
 * which makes the signed token for every request): send an e-mail or text message with a template
 * and its personalisation, and find a message sent before by its reference. Every attempt is
 * logged in {@code partner_exchange} (system {@code notify}); it has {@code timeout} (the client
 * has none of its own: each attempt runs on a virtual thread that a Resilience4j
 * {@link TimeLimiter} interrupts, which closes its socket); timeouts, refused connections, 429 and
 * 5xx are retried with a doubling backoff (Resilience4j {@link Retry}). Notify has no idempotency
 * key: it sends every request it accepts. So each message has a unique {@code reference}, and a
 * send is only repeated at once when the connection was refused; after a timeout or a server
 * error, which may have come after Notify took the message, it first asks {@link #sentEarlier}
 * (callers do the same before sending a message again later). Of Notify's refusals only the status
 * and Notify's error code are kept. Notify's client reads its answers itself, so they are not cut
 * at {@link PartnerAnswers#DEFAULT_LIMIT} as other partners' are: the attempt's timeout bounds them.
 */
class GovUkNotify implements AutoCloseable {

  static final String SYSTEM = "notify";

  /** E-mail or text message, in Notify's words. */
  enum Channel {
    EMAIL("email"), SMS("sms");

    final String type;

    Channel(String type) {
      this.type = type;
    }
  }

  /** One message: the template and its personalisation, and our reference for finding it again. */
  record Message(Channel channel, String recipient, String templateId, Map<String, String> personalisation,
      String reference, UUID referralId) {}

  private static final Logger log = LoggerFactory.getLogger(GovUkNotify.class);

  private final ObjectMapper json = new ObjectMapper();
  private final NotificationClient client;
  private final PartnerHttp.Settings settings;
  private final PartnerExchanges exchanges;
  private final RetryConfig retry;
  private final TimeLimiter timeLimiter;
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

  /** @throws IllegalArgumentException {@code apiKey} is not a Notify API key */
  GovUkNotify(URI baseUrl, PartnerHttp.Settings settings, String apiKey, PartnerExchanges exchanges) {
    NotifyApiKey.parse(apiKey);
    this.client = new NotificationClient(apiKey.trim(), baseUrl.toString().replaceAll("/+$", ""));
    this.settings = settings;
    this.exchanges = exchanges;
    this.retry = RetryConfig.custom()
        .maxAttempts(settings.attempts())
        .intervalFunction(settings.backoff().isZero() ? attempt -> 0L
            : IntervalFunction.ofExponentialBackoff(settings.backoff(), 2))
        .retryOnException(AttemptFailed.class::isInstance)
        .build();
    this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom()
        .timeoutDuration(settings.timeout()).cancelRunningFuture(true).build());
  }

  /**
   * Sends the message and returns Notify's id for it.
   *
   * @throws NotifyRefused Notify refused our credentials or the message
   * @throws PartnerUnavailable Notify unreachable, too slow or failing
   * @throws PartnerDataRejected the answer is not Notify's (the message may have been sent)
   */
  UUID send(Message message) {
    String operation = "send-" + message.channel().type;
    String summary = "POST v2/notifications/" + message.channel().type + " reference=" + message.reference();
    AtomicReference<AttemptFailed> previous = new AtomicReference<>();
    return call(operation, summary, message, attempt -> {
      AttemptFailed before = previous.get();
      if (before != null && !(before.getCause() instanceof ConnectException)) {
        // the failed attempt may have reached Notify: look before sending again
        Optional<UUID> earlier = sentEarlier(message);
        if (earlier.isPresent()) {
          return earlier.get();
        }
      }
      try {
        return attempt.run(() -> message.channel() == Channel.EMAIL
            ? client.sendEmail(message.templateId(), message.recipient(), message.personalisation(),
                message.reference()).getNotificationId()
            : client.sendSms(message.templateId(), message.recipient(), message.personalisation(),
                message.reference()).getNotificationId(), 201);
      } catch (AttemptFailed failed) {
        previous.set(failed);
        throw failed;
      }
    });
  }

  /**
   * Notify's id of a message sent before with this reference and channel, if Notify still holds
   * one it did not fail technically (Notify asks for those to be sent again).
   */
  Optional<UUID> sentEarlier(Message message) {
    return call("find-by-reference", "GET v2/notifications reference=" + message.reference(), message,
        attempt -> attempt.run(() -> client.getNotifications(null, message.channel().type, message.reference(), null)
            .getNotifications().stream()
            .filter(n -> n.getReference().filter(message.reference()::equals).isPresent())
            .filter(n -> !"technical-failure".equals(n.getStatus()))
            .map(Notification::getId)
            .findFirst(), 200));
  }

  /** One logical call: its attempts, retried, each logged; what they end in, as our exceptions. */
  private <T> T call(String operation, String summary, Message message, Logical<T> logical) {
    String correlationId = UUID.randomUUID().toString();
    AtomicInteger attemptNo = new AtomicInteger();
    try {
      return Retry.of(SYSTEM, retry).executeSupplier(() -> logical.run(new Attempt(operation, summary, message,
          correlationId, attemptNo.incrementAndGet())));
    } catch (AttemptFailed last) {
      throw new PartnerUnavailable("GOV.UK Notify " + operation + " failed after " + attemptNo.get() + " attempts ("
          + last.getMessage() + ", correlation " + correlationId + ")", last.status, last.getCause());
    }
  }

  @FunctionalInterface
  private interface Logical<T> {
    T run(Attempt attempt);
  }

  /** One request to Notify, made by the client on a virtual thread and given up after {@code timeout}. */
  private final class Attempt {
    final String operation;
    final String summary;
    final Message message;
    final String correlationId;
    final int number;

    Attempt(String operation, String summary, Message message, String correlationId, int number) {
      this.operation = operation;
      this.summary = summary;
      this.message = message;
      this.correlationId = correlationId;
      this.number = number;
    }

    <T> T run(Callable<T> request, int okStatus) {
      Instant at = exchanges.now();
      long started = System.nanoTime();
      try {
        T answer = timeLimiter.executeFutureSupplier(() -> attempts.submit(request));
        record(at, started, okStatus, "ok", null);
        return answer;
      } catch (TimeoutException e) {
        record(at, started, null, "timeout", "no answer within " + settings.timeout());
        log.warn("GOV.UK Notify {} timed out after {} (attempt {} of {}, correlation {})", operation,
            settings.timeout(), number, settings.attempts(), correlationId);
        throw new AttemptFailed(null, "no answer within " + settings.timeout(), e);
      } catch (ExecutionException e) {
        throw failed(at, started, e.getCause(), okStatus);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PartnerUnavailable("interrupted calling GOV.UK Notify", null, e);
      } catch (Exception e) {
        throw failed(at, started, e, okStatus);
      }
    }

    private RuntimeException failed(Instant at, long started, Throwable e, int okStatus) {
      if (e instanceof NotificationClientException refusal && refusal.getHttpResult() > 0) {
        int status = refusal.getHttpResult();
        String reason = reason(refusal);
        record(at, started, status, "http-error", "HTTP " + status + ": " + reason);
        if (status == 408 || status == 429 || status >= 500) {
          log.warn("GOV.UK Notify {} answered HTTP {} (attempt {} of {}, correlation {})", operation, status, number,
              settings.attempts(), correlationId);
          throw new AttemptFailed(status, "last answer HTTP " + status, refusal);
        }
        return new NotifyRefused("GOV.UK Notify refused " + (operation.startsWith("send") ? "message "
            : "the look-up of message ") + message.reference() + ": HTTP " + status + " " + reason
            + " (correlation " + correlationId + ")", status);
      }
      if (e instanceof NotificationClientException unreached) {
        Throwable cause = unreached.getCause() != null ? unreached.getCause() : unreached;
        String what = cause instanceof ConnectException ? "connection refused or failed" : cause.toString();
        record(at, started, null, "unreachable", what);
        log.warn("GOV.UK Notify {} unreachable: {} (attempt {} of {}, correlation {})", operation, what, number,
            settings.attempts(), correlationId);
        throw new AttemptFailed(null, "not reachable: " + what, cause);
      }
      // Notify answered okStatus (the client throws on any other) with a body it could not read
      String text = "Bad data from GOV.UK Notify (correlation " + correlationId + "): the client could not read "
          + "the answer (" + e.getClass().getSimpleName() + ")";
      record(at, started, okStatus, "bad-data", text);
      return new PartnerDataRejected(text);
    }

    private void record(Instant at, long started, Integer status, String outcome, String error) {
      exchanges.record(new PartnerExchanges.Exchange(SYSTEM, operation, null, correlationId, message.referralId(),
          number, summary, status, outcome, error, Duration.ofNanos(System.nanoTime() - started).toMillis(), at));
    }
  }

  /**
   * Notify's error code from the client's exception ({@code Status code: 400 {"errors": [{"error":
   * "ValidationError", ...}]}}). Only the code is kept: Notify's message can quote what we sent.
   */
  private String reason(NotificationClientException refusal) {
    String text = refusal.getMessage() == null ? "" : refusal.getMessage();
    int body = text.indexOf('{');
    if (body >= 0) {
      try {
        String error = json.readTree(text.substring(body)).path("errors").path(0).path("error").asText(null);
        if (error != null) {
          return PartnerAnswers.shortCode(error);
        }
      } catch (JsonProcessingException e) {
        // not Notify's error body: nothing of it is kept
      }
    }
    return "(no error code)";
  }

  /** A failed attempt worth another: the retry's signal, never seen outside. */
  private static final class AttemptFailed extends RuntimeException {
    final Integer status;

    AttemptFailed(Integer status, String message, Throwable cause) {
      super(message, cause, false, false);
      this.status = status;
    }
  }

  @Override
  public void close() {
    attempts.shutdownNow();
  }
}
