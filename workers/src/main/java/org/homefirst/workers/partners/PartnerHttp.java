package org.homefirst.workers.partners;

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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every adapter talks HTTP to its partner: a timeout on each attempt, retries with a doubling
 * backoff on timeouts, refused connections, 408, 429 and 5xx, the job's idempotency key and a
 * correlation id on every attempt, and a {@code partner_exchange} row per attempt. Answers other
 * than those (2xx, and 4xx the partner meant) go back to the adapter to read.
 */
public class PartnerHttp {

  /** Timeout per attempt, attempts per call, first backoff (doubled after each retry). */
  public record Settings(Duration timeout, int attempts, Duration backoff, String apiKey) {
    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
    }

    /** Never shows the API key (a record would print every component, into logs and error pages). */
    @Override
    public String toString() {
      return "Settings[timeout=" + timeout + ", attempts=" + attempts + ", backoff=" + backoff + ", apiKey="
          + secret(apiKey) + "]";
    }
  }

  /** How configuration printouts show a secret: whether it is set, never its value. */
  public static String secret(String value) {
    return value == null || value.isBlank() ? "(none)" : "(set)";
  }

  /** One logical call. {@code summary} is what the exchange log shows: no patient identifiers. */
  public record Call(String operation, String method, URI uri, String contentType, String body, String idempotencyKey,
      UUID referralId, String summary) {}

  /** The partner's answer. */
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

  /** Authenticates with {@code Authorization: Bearer <settings.apiKey>} when an API key is set. */
  public PartnerHttp(String system, Settings settings, PartnerExchanges exchanges) {
    this(system, settings, exchanges, settings.apiKey() == null || settings.apiKey().isBlank() ? null
        : () -> "Bearer " + settings.apiKey());
  }

  /**
   * Authenticates with the {@code Authorization} value {@code authorization} gives, asked afresh
   * for every attempt: for partners whose tokens are short-lived (GOV.UK Notify's expire in 30 s).
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
    HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(settings.timeout());
    headers.forEach(builder::header);
    if (call.body() != null) {
      builder.header("Content-Type", call.contentType());
      builder.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    } else {
      builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }

    Duration wait = settings.backoff();
    Integer lastStatus = null;
    Exception lastError = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      Instant at = exchanges.now();
      long started = System.nanoTime();
      if (authorization != null) {
        builder.setHeader("Authorization", authorization.get());
      }
      HttpRequest request = builder.build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        record(call, correlationId, attempt, at, started, status, status < 300 ? "ok" : "http-error",
            status < 300 ? null : "HTTP " + status + (retryable ? "" : ": " + response.body()));
        if (!retryable) {
          return new Response(status, response.body(), correlationId);
        }
        lastStatus = status;
        lastError = null;
        log.warn("{} {} answered HTTP {} (attempt {} of {}, correlation {})", system, call.operation(), status,
            attempt, settings.attempts(), correlationId);
      } catch (HttpTimeoutException e) {
        record(call, correlationId, attempt, at, started, null, "timeout", "no answer within " + settings.timeout());
        lastError = e;
        lastStatus = null;
        log.warn("{} {} timed out after {} (attempt {} of {}, correlation {})", system, call.operation(),
            settings.timeout(), attempt, settings.attempts(), correlationId);
      } catch (IOException e) {
        String what = e instanceof ConnectException ? "connection refused or failed" : e.toString();
        record(call, correlationId, attempt, at, started, null, "unreachable", what);
        lastError = e;
        lastStatus = null;
        log.warn("{} {} unreachable: {} (attempt {} of {}, correlation {})", system, call.operation(), what,
            attempt, settings.attempts(), correlationId);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PartnerUnavailable("interrupted calling " + system, lastStatus, e);
      }
      if (attempt < settings.attempts()) {
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
    throw new PartnerUnavailable(system + " " + call.operation() + " failed after " + settings.attempts()
        + " attempts (" + (lastStatus != null ? "last answer HTTP " + lastStatus
            : lastError instanceof HttpTimeoutException ? "no answer within " + settings.timeout()
            : "not reachable at " + call.uri()) + ", correlation " + correlationId + ")", lastStatus, lastError);
  }

  private void record(Call call, String correlationId, int attempt, Instant at, long started, Integer status,
      String outcome, String error) {
    long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
    exchanges.record(new PartnerExchanges.Exchange(system, call.operation(), call.idempotencyKey(), correlationId,
        call.referralId(), attempt, call.summary(), status, outcome, error, durationMs, at));
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PartnerUnavailable("interrupted while waiting to retry", null, e);
    }
  }
}
