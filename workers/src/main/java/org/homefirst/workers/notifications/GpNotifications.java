package org.homefirst.workers.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.homefirst.workers.partners.PartnerAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one adapter to the GP system (a GP Connect style "send document" endpoint): posts the FHIR
 * document for a {@link GpNotice} with {@code Idempotency-Key: homefirst-job-<jobKey>}, so a job
 * retried after a timeout or a crash never files a second document at the practice. Each call has
 * a timeout; failed calls are repeated with a doubling backoff; when the attempts run out, or the
 * endpoint refuses the document, it throws {@link GpDeliveryFailed}. With an API key configured,
 * every call carries it as a bearer token.
 */
public class GpNotifications {

  /** What the practice's endpoint answered. */
  public record Delivery(int responseCode, int attempts) {}

  private static final Logger log = LoggerFactory.getLogger(GpNotifications.class);

  private final GpProperties properties;
  private final HttpClient http;
  private final GpDocuments documents = new GpDocuments();

  public GpNotifications(GpProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  /** The endpoint documents go to. */
  public URI endpoint() {
    return URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + "/documents");
  }

  public static String idempotencyKey(long jobKey) {
    return "homefirst-job-" + jobKey;
  }

  /** Sends the notice as a FHIR document; returns only once the endpoint has taken it. */
  public Delivery send(GpNotice notice, long jobKey) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint())
        .timeout(properties.timeout())
        .header("Content-Type", "application/fhir+json")
        .header("Accept", "application/fhir+json")
        .header("Idempotency-Key", idempotencyKey(jobKey))
        .POST(HttpRequest.BodyPublishers.ofString(documents.json(notice, jobKey)));
    if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
      builder.header("Authorization", "Bearer " + properties.apiKey());
    }
    HttpRequest request = builder.build();
    Integer lastCode = null;
    Exception lastError = null;
    Duration wait = properties.backoff();
    for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
      try {
        // nothing of the answer is used: its status says it all, and its text is never kept
        HttpResponse<PartnerAnswers.Body> response = http.send(request, PartnerAnswers.upTo(PartnerAnswers.DEFAULT_LIMIT));
        int code = response.statusCode();
        if (response.body().tooLarge()) {
          throw new GpDeliveryFailed("GP endpoint answered job " + jobKey + " with HTTP " + code + " and more than "
              + PartnerAnswers.DEFAULT_LIMIT + " bytes; not read", attempt, code, null);
        }
        if (code >= 200 && code < 300) {
          return new Delivery(code, attempt);
        }
        lastCode = code;
        lastError = null;
        if (!retryable(code)) {
          throw new GpDeliveryFailed("GP endpoint refused the document for job " + jobKey + ": HTTP " + code,
              attempt, code, null);
        }
        log.warn("GP endpoint answered HTTP {} for job {} (attempt {} of {})", code, jobKey, attempt, properties.attempts());
      } catch (IOException e) {
        lastError = e;
        lastCode = null;
        log.warn("GP endpoint unreachable or too slow for job {} (attempt {} of {}): {}", jobKey, attempt,
            properties.attempts(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GpDeliveryFailed("interrupted sending to the GP endpoint", attempt, lastCode, e);
      }
      if (attempt < properties.attempts()) {
        sleep(wait);
        wait = wait.multipliedBy(2);
      }
    }
    throw new GpDeliveryFailed(
        "GP endpoint " + endpoint() + " did not take the document for job " + jobKey + " after "
            + properties.attempts() + " attempts" + (lastCode == null ? "" : " (last HTTP " + lastCode + ")"),
        properties.attempts(), lastCode, lastError);
  }

  private static boolean retryable(int code) {
    return code == 408 || code == 429 || code >= 500;
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GpDeliveryFailed("interrupted while waiting to retry the GP endpoint", 0, null, e);
    }
  }
}
