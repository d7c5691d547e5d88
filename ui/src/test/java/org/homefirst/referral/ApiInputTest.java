package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;

/**
 * What the intake API takes, over real HTTP: names, wards and free text without hidden control or
 * direction characters; plausible dates; only the fields it knows (each unknown one named); and an
 * {@code Idempotency-Key} that makes a retried referral or event act once.
 */
class ApiInputTest extends StackTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void controlCharactersAndUnpairedDirectionMarksAreRefusedNamingTheField() throws Exception {
    String nhs = validNhsNumber();
    HttpResponse<String> response = post("/api/v1/referrals", "ward.nurse", null, """
        {"nhsNumber":"%s","givenName":"Ada\\u0007","familyName":"Jones","dateOfBirth":"1941-03-02",
         "borough":"lbh","hospital":"bhrut-kgh","ward":"Ward \\u202E7","admittedAt":"2026-11-20T09:30:00Z"}"""
        .formatted(nhs));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(errors(problem)).containsExactly(
        "givenName: the given name contains a hidden control character (U+0007 at position 4); type it again"
            + " without it",
        "ward: the ward contains a direction override (U+202E) that is not closed or not opened; remove the hidden"
            + " direction characters and type it again");
    assertThat(referralsFor(nhs)).isZero();
  }

  @Test
  void freeTextOfAnEventIsCheckedTheSameWay() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");

    HttpResponse<String> response = post("/api/v1/referrals/" + id + "/events", "ward.nurse", null, """
        {"type":"patient-declined","values":{"declinedSupport":"Declined \\u2067care"}}""");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(json.readTree(response.body()))).singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("declinedSupport: the support declined and the advice given contains a direction override (U+2067)");
  }

  @Test
  void datesMustBePlausible() throws Exception {
    LocalDate today = LocalDate.now();
    HttpResponse<String> response = post("/api/v1/referrals", "ward.nurse", null, """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"%s",
         "borough":"lbh","hospital":"bhrut-kgh","ward":"Ward 7","admittedAt":"%s"}"""
        .formatted(validNhsNumber(), today.minusYears(126), Instant.now().plus(1, ChronoUnit.HOURS)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(json.readTree(response.body()))).containsExactly(
        "dateOfBirth: date of birth is more than 125 years ago: check the year",
        "admittedAt: admission time cannot be in the future");

    HttpResponse<String> longAgo = post("/api/v1/referrals", "ward.nurse", null, """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"1941-03-02",
         "borough":"lbh","hospital":"bhrut-kgh","ward":"Ward 7","admittedAt":"%s"}"""
        .formatted(validNhsNumber(), today.minusYears(6) + "T09:00:00Z"));
    assertThat(errors(json.readTree(longAgo.body())))
        .containsExactly("admittedAt: admission is more than 5 years ago: check the year");

    HttpResponse<String> clockAhead = post("/api/v1/referrals", "ward.nurse", null, """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"1941-03-02",
         "borough":"lbh","hospital":"bhrut-kgh","ward":"Ward 7","admittedAt":"%s"}"""
        .formatted(validNhsNumber(), Instant.now().plus(2, ChronoUnit.MINUTES)));
    assertThat(clockAhead.statusCode()).as("a sender's clock a little ahead: " + clockAhead.body()).isEqualTo(201);
  }

  @Test
  void anEventCannotBeDatedBeforeTheAdmissionOrInTheFuture() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");

    HttpResponse<String> before = post("/api/v1/referrals/" + id + "/events", "ward.nurse", null, """
        {"type":"patient-died","values":{"diedAt":"2026-11-19T09:30:00Z"}}""");
    HttpResponse<String> future = post("/api/v1/referrals/" + id + "/events", "ward.nurse", null, """
        {"type":"patient-died","values":{"diedAt":"%s"}}""".formatted(Instant.now().plus(1, ChronoUnit.DAYS)));

    assertThat(errors(json.readTree(before.body())))
        .containsExactly("diedAt: cannot be before the admission (2026-11-20T09:30:00Z)");
    assertThat(errors(json.readTree(future.body()))).containsExactly("diedAt: cannot be in the future");
  }

  @Test
  void unknownFieldsAreRefusedNamingEachOne() throws Exception {
    String nhs = validNhsNumber();
    HttpResponse<String> referral = post("/api/v1/referrals", "ward.nurse", null, """
        {"nhsNumber":"%s","givenName":"Ada","familyName":"Jones","dateOfBirth":"1941-03-02","gender":"F",
         "borough":"lbh","hospital":"bhrut-kgh","ward":"Ward 7","admittedAt":"2026-11-20T09:30:00Z",
         "dischargeReady":"2026-11-21T09:30:00Z"}""".formatted(nhs));

    assertThat(referral.statusCode()).isEqualTo(400);
    assertThat(referral.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode problem = json.readTree(referral.body());
    assertThat(problem.get("title").asText()).isEqualTo("Unknown fields");
    assertThat(problem.get("unknownFields")).extracting(JsonNode::asText).containsExactly("gender", "dischargeReady");
    assertThat(problem.get("detail").asText()).contains("gender, dischargeReady");
    assertThat(referralsFor(nhs)).isZero();

    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    HttpResponse<String> event = post("/api/v1/referrals/" + id + "/events", "ward.nurse", null, """
        {"type":"criteria-to-reside-reviewed","valeus":{"meetsCriteriaToReside":false}}""");
    assertThat(event.statusCode()).isEqualTo(400);
    assertThat(json.readTree(event.body()).get("unknownFields")).extracting(JsonNode::asText).containsExactly("valeus");
  }

  @Test
  void aRetriedReferralWithTheSameKeyIsReferredOnce() throws Exception {
    String nhs = validNhsNumber();
    String body = referralJson(nhs, "lbh", "bhrut-kgh");
    String key = UUID.randomUUID().toString();

    HttpResponse<String> first = post("/api/v1/referrals", "ward.nurse", key, body);
    HttpResponse<String> retry = post("/api/v1/referrals", "ward.nurse", key, body);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(retry.statusCode()).as("the first answer again, not a duplicate refusal").isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(referralsFor(nhs)).isEqualTo(1);

    HttpResponse<String> other = post("/api/v1/referrals", "ward.nurse", key, referralJson(validNhsNumber(), "lbh",
        "bhrut-queens"));
    assertThat(other.statusCode()).as("the same key with another body").isEqualTo(422);
    assertThat(json.readTree(other.body()).get("detail").asText()).contains("already used with a different request");
  }

  @Test
  void requestsRacingWithTheSameKeyActOnce() throws Exception {
    String nhs = validNhsNumber();
    String body = referralJson(nhs, "lbr", "barts-whipps");
    String key = UUID.randomUUID().toString();

    List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      racing.add(CompletableFuture.supplyAsync(() -> post("/api/v1/referrals", "ward.nurse", key, body)));
    }
    List<HttpResponse<String>> answers = racing.stream().map(CompletableFuture::join).toList();

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
    assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.getFirst().body());
    assertThat(referralsFor(nhs)).isEqualTo(1);
  }

  @Test
  void aRetriedEventWithTheSameKeyIsToldOnce() throws Exception {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-kgh");
    String review = """
        {"type":"criteria-to-reside-reviewed","values":{"meetsCriteriaToReside":false}}""";
    String key = "ward-round-" + UUID.randomUUID();

    HttpResponse<String> first = post("/api/v1/referrals/" + id + "/events", "ward.nurse", key, review);
    HttpResponse<String> retry = post("/api/v1/referrals/" + id + "/events", "ward.nurse", key, review);
    HttpResponse<String> elsewhere = post("/api/v1/referrals/" + UUID.randomUUID() + "/events", "ward.nurse", key,
        review);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(elsewhere.statusCode()).as("the same key for another referral").isEqualTo(422);
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(Integer.class).single()).isEqualTo(1);
    assertThat(db.sql("select count(*) from journey_event where referral_id = ? and kind = 'EVENT_CRITERIA_TO_RESIDE_REVIEWED'")
        .param(id).query(Integer.class).single()).isEqualTo(1);

    HttpResponse<String> without = post("/api/v1/referrals/" + id + "/events", "ward.nurse", null, review);
    assertThat(without.statusCode()).as("without a key a request acts each time").isEqualTo(202);
    assertThat(db.sql("select count(*) from audit_event where referral_id = ? and action = 'RECORD_EVENT'")
        .param(id).query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void aMalformedKeyIsRefusedNamingTheHeader() throws Exception {
    HttpResponse<String> response = post("/api/v1/referrals", "ward.nurse", "a key with spaces",
        referralJson(validNhsNumber(), "lbh", "bhrut-kgh"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errors(json.readTree(response.body()))).singleElement(InstanceOfAssertFactories.STRING).startsWith("Idempotency-Key: ");
  }

  private int referralsFor(String nhs) {
    return db.sql("select count(*) from referral where nhs_number = ?").param(nhs).query(Integer.class).single();
  }

  private static List<String> errors(JsonNode problem) {
    List<String> errors = new ArrayList<>();
    problem.get("errors").forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("message").asText()));
    return errors;
  }

  private HttpResponse<String> post(String path, String user, String key, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
