package org.homefirst.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.homefirst.StackTest;
import org.junit.jupiter.api.Test;

/**
 * API clients in production: OAuth2 client credentials, the access token a JWT signed by the
 * identity provider for our audience. Each call needs the scope of what it does; a token that is
 * not ours, or no token, gets 401; the client's groups, through the allow-list of
 * application-test.yaml, decide whose patients it sees (the one access rule, ReferralAccess). (The
 * test profile checks tokens with the public key of {@link TestTokens}' signing key.)
 */
class ApiClientsTest extends StackTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aClientWithTheReferScopeRefersAPatientAndIsNamedAsItsAuthor() {
    String token = TestTokens.client("ward-system", "referrals:write", List.of("HF-Ward-7"));

    HttpResponse<String> response = post("/api/v1/referrals", bearer(token),
        referralJson(validNhsNumber(), "lbbd", "bhrut-queens"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    UUID id = UUID.fromString(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    assertThat(db.sql("select created_by from referral where id = ?").param(id).query(String.class).single())
        .isEqualTo("ward-system");
  }

  @Test
  void eachCallNeedsTheScopeOfWhatItDoes() {
    UUID referral = refer(validNhsNumber(), "lbbd", "bhrut-queens");
    String reader = TestTokens.client("reader", "referrals:read", List.of("HF-JAD"));
    String referrer = TestTokens.client("referrer", "referrals:write", List.of("HF-Ward-7"));
    String recorder = TestTokens.client("recorder", "events:write", List.of("HF-Ward-7"));
    String event = "{\"type\":\"criteria-to-reside-reviewed\",\"values\":{\"meetsCriteriaToReside\":false}}";

    assertThat(post("/api/v1/referrals", bearer(reader), referralJson(validNhsNumber(), "lbh", "bhrut-kgh"))
        .statusCode()).as("refer with read only").isEqualTo(403);
    assertThat(post("/api/v1/referrals/" + referral + "/events", bearer(referrer), event).statusCode())
        .as("record an event with refer only").isEqualTo(403);
    assertThat(get("/api/v1/referrals/" + referral, bearer(recorder)).statusCode())
        .as("read with events only").isEqualTo(403);
    assertThat(post("/api/v1/referrals/" + referral + "/events", bearer(recorder), event).statusCode())
        .as("record an event with events:write").isEqualTo(202);
  }

  @Test
  void aClientSeesOnlyThePatientsOfTheTeamsItsGroupsMapTo() {
    UUID atQueens = refer(validNhsNumber(), "lbh", "bhrut-queens");
    UUID atWhipps = refer(validNhsNumber(), "lbr", "barts-whipps");
    String ward7 = TestTokens.client("bhrut-ward-system", "referrals:read", List.of("HF-Ward-7"));
    String rawTeams = TestTokens.client("raw-claims", "referrals:read", List.of("bhrut", "managers", "GROUP_bhrut"));

    assertThat(get("/api/v1/referrals/" + atQueens, bearer(ward7)).statusCode()).as("BHRUT's patient").isEqualTo(200);
    assertThat(get("/api/v1/referrals/" + atWhipps, bearer(ward7)).statusCode()).as("Whipps Cross's patient")
        .isEqualTo(404);
    assertThat(get("/api/v1/referrals/" + atQueens, bearer(rawTeams)).statusCode())
        .as("team names in the claim, not on the allow-list").isEqualTo(404);
  }

  @Test
  void aScopeWeDoNotKnowGivesNothing() {
    String token = TestTokens.client("greedy", "referrals:admin openid", List.of("HF-Ward-7"));

    assertThat(post("/api/v1/referrals", bearer(token), referralJson(validNhsNumber(), "lbr", "barts-whipps"))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void tokensThatAreNotOursAreRefused() {
    Instant soon = Instant.now().plus(Duration.ofMinutes(5));
    String body = referralJson(validNhsNumber(), "lbbd", "bhrut-queens");

    String expired = TestTokens.sign(TestTokens.claims("ward-system", "referrals:write", List.of("HF-Ward-7"),
        TestTokens.AUDIENCE, Instant.now().minus(Duration.ofMinutes(10))).build());
    String forAnotherService = TestTokens.sign(TestTokens.claims("ward-system", "referrals:write",
        List.of("HF-Ward-7"), "another-service", soon).build());
    String forged = TestTokens.signedByAStranger(TestTokens.claims("ward-system", "referrals:write",
        List.of("HF-Ward-7"), TestTokens.AUDIENCE, soon).build());
    String tampered = TestTokens.client("ward-system", "referrals:read", List.of("HF-Ward-7"));
    String[] parts = tampered.split("\\.");
    String widened = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(Base64.getUrlDecoder().decode(parts[1])).replace("referrals:read", "referrals:write").getBytes())
        + "." + parts[2];

    assertThat(post("/api/v1/referrals", bearer(expired), body).statusCode()).as("expired").isEqualTo(401);
    assertThat(post("/api/v1/referrals", bearer(forAnotherService), body).statusCode()).as("audience")
        .isEqualTo(401);
    assertThat(post("/api/v1/referrals", bearer(forged), body).statusCode()).as("unknown key").isEqualTo(401);
    assertThat(post("/api/v1/referrals", bearer(widened), body).statusCode()).as("scope widened").isEqualTo(401);
    assertThat(post("/api/v1/referrals", null, body).statusCode()).as("no token").isEqualTo(401);
    assertThat(db.sql("select count(*) from referral where nhs_number = ?")
        .param(body.replaceAll("(?s).*\"nhsNumber\":\"(\\d+)\".*", "$1")).query(Integer.class).single())
        .isZero();
  }

  @Test
  void theWorkerAccountIsNoApiClient() {
    String basic = "Basic " + Base64.getEncoder().encodeToString("test-worker:test-worker-secret".getBytes());

    assertThat(post("/api/v1/referrals", basic, referralJson(validNhsNumber(), "lbbd", "bhrut-queens"))
        .statusCode()).isEqualTo(403);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private HttpResponse<String> post(String path, String authorization, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), authorization);
  }

  private HttpResponse<String> get(String path, String authorization) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), authorization);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
