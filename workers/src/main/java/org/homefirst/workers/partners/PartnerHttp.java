package org.homefirst.workers.partners;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every adapter talks HTTP to its partner: the HTTP client's connect and response timeout on
 * each attempt; retries with a doubling backoff on timeouts, refused connections, 408, 429 and 5xx
 * (Resilience4j {@link Retry}); a circuit breaker per partner system (Resilience4j
 * {@link CircuitBreaker}, {@link CircuitBreakerProperties}) that, once the partner has failed
 * {@code failures} attempts in a row, refuses calls at once until a trial call after
 * {@code open-for} succeeds; the job's idempotency key and a correlation id on every attempt; and
 * a {@code partner_exchange} row per attempt, and per call the open breaker refused
 * ({@code circuit-open}). Answers other than those (2xx, and 4xx the partner meant) go back to the
 * adapter to read: they are never retried, and they count as the partner being up.
 */
public class PartnerHttp {

  /**
   * Timeout per attempt, attempts per call, first backoff (doubled after each retry), the breaker,
   * and the longest answer read ({@code maxAnswerBytes}, {@link PartnerAnswers#DEFAULT_LIMIT} when 0).
   */
  public record Settings(Duration timeout, int attempts, Duration backoff, String apiKey,
      CircuitBreakerProperties breaker, int maxAnswerBytes) {
    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      if (breaker == null) {
        breaker = CircuitBreakerProperties.DEFAULTS;
      }
      if (maxAnswerBytes <= 0) {
        maxAnswerBytes = PartnerAnswers.DEFAULT_LIMIT;
      }
    }

    /** With the default limit on answers. */
    public Settings(Duration timeout, int attempts, Duration backoff, String apiKey, CircuitBreakerProperties breaker) {
      this(timeout, attempts, backoff, apiKey, breaker, 0);
    }

    /** With the default circuit breaker settings and limit on answers. */
    public Settings(Duration timeout, int attempts, Duration backoff, String apiKey) {
      this(timeout, attempts, backoff, apiKey, CircuitBreakerProperties.DEFAULTS, 0);
    }

    /** The same settings with these circuit breaker settings. */
    public Settings with(CircuitBreakerProperties breaker) {
      return new Settings(timeout, attempts, backoff, apiKey, breaker, maxAnswerBytes);
    }

    /** The same settings reading answers of at most {@code bytes}. */
    public Settings withMaxAnswerBytes(int bytes) {
      return new Settings(timeout, attempts, backoff, apiKey, breaker, bytes);
    }

    /** Never shows the API key (a record would print every component, into logs and error pages). */
    @Override
    public String toString() {
      return "Settings[timeout=" + timeout + ", attempts=" + attempts + ", backoff=" + backoff + ", apiKey="
          + secret(apiKey) + ", breaker=" + breaker + ", maxAnswerBytes=" + maxAnswerBytes + "]";
    }
  }

  /** How configuration printouts show a secret: whether it is set, never its value. */
  public static String secret(String value) {
    return value == null || value.isBlank() ? "(none)" : "(set)";
  }

  /**
   * One logical call. {@code summary} is what the exchange log shows: no patient identifiers.
   * {@code headers}: any the protocol needs besides ours (e.g. FHIR's {@code If-None-Exist}).
   */
  public record Call(String operation, String method, URI uri, String contentType, String body, String idempotencyKey,
      UUID referralId, String summary, Map<String, String> headers) {

    public Call {
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public Call(String operation, String method, URI uri, String contentType, String body, String idempotencyKey,
        UUID referralId, String summary) {
      this(operation, method, uri, contentType, body, idempotencyKey, referralId, summary, Map.of());
    }
  }

  /**
   * The partner's answer, for the adapter to read. Its body is never to be logged or stored:
   * only the status, a short code and the correlation id ({@link PartnerAnswers}).
   */
  public record Response(int status, String body, String correlationId) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public static final String CORRELATION_HEADER = "X-Correlation-ID";

  private static final Logger log = LoggerFactory.getLogger(PartnerHttp.class);

  private final String system;
  private final Settings settings;
  private final PartnerExchanges exchanges;
  private final Supplier<String> authorization;
  private final HttpClient http;
  private final Retry retry;
  private final CircuitBreaker breaker;

  /** Authenticates with {@code Authorization: Bearer <settings.apiKey>} when an API key is set. */
  public PartnerHttp(String system, Settings settings, PartnerExchanges exchanges) {
    this(system, settings, exchanges, settings.apiKey() == null || settings.apiKey().isBlank() ? null
        : () -> "Bearer " + settings.apiKey());
  }

  /**
   * Authenticates with the {@code Authorization} value {@code authorization} gives, asked afresh
   * for every attempt (for partners whose tokens are short-lived).
   */
  public PartnerHttp(String system, Settings settings, PartnerExchanges exchanges, Supplier<String> authorization) {
    this.system = system;
    this.settings = settings;
    this.exchanges = exchanges;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .build();
    this.retry = Retry.of(system, RetryConfig.custom()
        .maxAttempts(settings.attempts())
        .intervalFunction(settings.backoff().isZero() ? attempt -> 0L
            : IntervalFunction.ofExponentialBackoff(settings.backoff(), 2))
        .retryOnException(AttemptFailed.class::isInstance)
        .build());
    int failures = settings.breaker().failures();
    this.breaker = CircuitBreaker.of(system, CircuitBreakerConfig.custom()
        // opens when the last `failures` attempts all failed: a run of failures, not a rate
        .slidingWindow(failures, failures, SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(100)
        .waitDurationInOpenState(settings.breaker().openFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(AttemptFailed.class::isInstance)
        .clock(exchanges.clock())
        .build());
    breaker.getEventPublisher().onStateTransition(event -> {
      switch (event.getStateTransition().getToState()) {
        case OPEN -> log.warn("{} circuit breaker open: calls to {} fail at once for {}", system, system,
            settings.breaker().openFor());
        case HALF_OPEN -> log.info("{} circuit breaker half-open: the next call to {} is a trial", system, system);
        case CLOSED -> log.info("{} circuit breaker closed: {} answers again", system, system);
        default -> log.info("{} circuit breaker {}", system, event.getStateTransition());
      }
    });
  }

  public String system() {
    return system;
  }

  public PartnerExchanges exchanges() {
    return exchanges;
  }

  public Response send(Call call) {
    String correlationId = UUID.randomUUID().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CORRELATION_HEADER, correlationId);
    if (call.idempotencyKey() != null) {
      headers.put(Idempotency.HEADER, call.idempotencyKey());
    }
    if (call.contentType() != null) {
      headers.put("Accept", call.contentType());
    }
    headers.putAll(call.headers());
    HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(settings.timeout());
    headers.forEach(builder::header);
    if (call.body() != null) {
      builder.header("Content-Type", call.contentType());
      builder.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    } else {
      builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }

    AtomicInteger attempts = new AtomicInteger();
    Supplier<Response> oneAttempt = () -> attempt(call, builder, correlationId, attempts.incrementAndGet());
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, oneAttempt)).get();
    } catch (AttemptFailed last) {
      throw new PartnerUnavailable(system + " " + call.operation() + " failed after " + attempts.get()
          + " attempts (" + (last.status != null ? "last answer HTTP " + last.status
              : last.getCause() instanceof HttpTimeoutException ? "no answer within " + settings.timeout()
              : "not reachable at " + call.uri()) + ", correlation " + correlationId + ")", last.status,
          last.getCause());
    } catch (CallNotPermittedException open) {
      String why = "not called: circuit breaker open after " + settings.breaker().failures()
          + " failed attempts in a row; a trial call is let through " + settings.breaker().openFor()
          + " after it opened";
      record(call, correlationId, attempts.get() + 1, exchanges.now(), System.nanoTime(), null, "circuit-open", why);
      log.warn("{} {} {} (correlation {})", system, call.operation(), why, correlationId);
      throw new PartnerUnavailable(system + " " + call.operation() + " " + why + " (correlation " + correlationId
          + ")", null, open);
    }
  }

  /** The breaker's state, for tests and health checks. */
  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /**
   * One HTTP attempt, recorded. Throws {@link AttemptFailed} for what is retried (and counts as
   * the partner failing); returns any other answer.
   */
  private Response attempt(Call call, HttpRequest.Builder builder, String correlationId, int attempt) {
    Instant at = exchanges.now();
    long started = System.nanoTime();
    if (authorization != null) {
      builder.setHeader("Authorization", authorization.get());
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<PartnerAnswers.Body> response = http.send(request, PartnerAnswers.upTo(settings.maxAnswerBytes()));
      int status = response.statusCode();
      if (response.body().tooLarge()) {
        String why = "HTTP " + status + ": the answer is over " + settings.maxAnswerBytes() + " bytes; not read";
        record(call, correlationId, attempt, at, started, status, "too-large", why);
        log.error("{} {} {} (correlation {})", system, call.operation(), why, correlationId);
        throw new PartnerDataRejected("Bad data from " + system + " (correlation " + correlationId + "): "
            + call.operation() + " " + why);
      }
      boolean retryable = status == 408 || status == 429 || status >= 500;
      record(call, correlationId, attempt, at, started, status, status < 300 ? "ok" : "http-error",
          status < 300 ? null : "HTTP " + status);
      if (!retryable) {
        return new Response(status, new String(response.body().bytes(), StandardCharsets.UTF_8), correlationId);
      }
      log.warn("{} {} answered HTTP {} (attempt {} of {}, correlation {})", system, call.operation(), status,
          attempt, settings.attempts(), correlationId);
      throw new AttemptFailed(status, null);
    } catch (HttpTimeoutException e) {
      record(call, correlationId, attempt, at, started, null, "timeout", "no answer within " + settings.timeout());
      log.warn("{} {} timed out after {} (attempt {} of {}, correlation {})", system, call.operation(),
          settings.timeout(), attempt, settings.attempts(), correlationId);
      throw new AttemptFailed(null, e);
    } catch (IOException e) {
      String what = e instanceof ConnectException ? "connection refused or failed" : e.toString();
      record(call, correlationId, attempt, at, started, null, "unreachable", what);
      log.warn("{} {} unreachable: {} (attempt {} of {}, correlation {})", system, call.operation(), what,
          attempt, settings.attempts(), correlationId);
      throw new AttemptFailed(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PartnerUnavailable("interrupted calling " + system, null, e);
    }
  }

  /** An attempt that failed in a way worth retrying: the retry's and the breaker's signal, never seen outside. */
  private static final class AttemptFailed extends RuntimeException {
    final Integer status;

    AttemptFailed(Integer status, Throwable cause) {
      super(status != null ? "HTTP " + status : String.valueOf(cause), cause, false, false);
      this.status = status;
    }
  }

  private void record(Call call, String correlationId, int attempt, Instant at, long started, Integer status,
      String outcome, String error) {
    long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
    exchanges.record(new PartnerExchanges.Exchange(system, call.operation(), call.idempotencyKey(), correlationId,
        call.referralId(), attempt, call.summary(), status, outcome, error, durationMs, at));
  }

}
